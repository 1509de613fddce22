/**
 * `stages diff` end to end through `main()`: exit status like diff(1), the three formats,
 * `--base` in a real git repository, hostile labels escaped, and the errors a user meets.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';

const diff = (...argv: string[]): Promise<CliResult> => runCli(['diff', ...argv]);

const root = mkdtempSync(join(tmpdir(), 'stagecraft-diff-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const DEFAULT = 'examples/default.stages';
const ACME = 'examples/acme';

/** examples/default.stages with stage 5 asking for a higher probability: a one-line edit. */
function stricterStage5(): string {
  const file = join(root, `stricter-${Math.random().toString(36).slice(2)}.stages`);
  const source = readFileSync(DEFAULT, 'utf8');
  const edited = source.replace(/opportunity when Probability > 0/, 'opportunity when Probability >= 20');
  expect(edited).not.toBe(source);
  writeFileSync(file, edited);
  return file;
}

describe('stages diff', () => {
  it('exits 0 with no changes for a definition against itself', async () => {
    const r = await diff(DEFAULT, DEFAULT, '--data', ACME);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('no stamp changes');
  });

  it('exits 1 and counts the stamps a one-line edit moves (JSON contract of SPEC §5)', async () => {
    const r = await diff(DEFAULT, stricterStage5(), '--data', ACME, '--format', 'json', '--sample', '2');
    expect(r.code, r.err).toBe(1);
    const report = JSON.parse(r.out) as { stages: Record<string, unknown>[]; samples: { category: string }[] };
    expect(report.stages.map((s) => [s.object, s.stage])).toEqual([
      ['engagement', 1],
      ['engagement', 2],
      ['engagement', 3],
      ['opportunity', 4],
      ['opportunity', 5],
      ['opportunity', 6],
    ]);
    for (const s of report.stages) {
      for (const key of ['object', 'stage', 'old_label', 'new_label', 'old_count', 'new_count', 'added', 'removed', 'earlier', 'later', 'owner_changed', 'unchanged']) {
        expect(s).toHaveProperty(key);
      }
      // Every OLD row is removed, moved, re-owned or unchanged; every NEW row is one of those or added.
      expect(Number(s.removed) + Number(s.earlier) + Number(s.later) + Number(s.owner_changed) + Number(s.unchanged)).toBe(s.old_count);
      expect(Number(s.added) + Number(s.earlier) + Number(s.later) + Number(s.owner_changed) + Number(s.unchanged)).toBe(s.new_count);
    }
    const stage5 = report.stages[4]!;
    expect(Number(stage5.removed) + Number(stage5.later)).toBeGreaterThan(0);
    expect(report.stages.slice(0, 3).every((s) => s.unchanged === s.old_count || s.object === 'engagement')).toBe(true);
    const perCategory = new Map<string, number>();
    for (const s of report.samples) perCategory.set(s.category, (perCategory.get(s.category) ?? 0) + 1);
    expect([...perCategory.values()].every((n) => n <= 2)).toBe(true);
  });

  it('gives the same JSON on --engine ts', async () => {
    const edited = stricterStage5();
    const duck = await diff(DEFAULT, edited, '--data', ACME, '--format', 'json');
    const ts = await diff(DEFAULT, edited, '--data', ACME, '--format', 'json', '--engine', 'ts');
    expect(ts.code).toBe(duck.code);
    expect(ts.out).toBe(duck.out);
  });

  it('writes a markdown table for a pull request, samples folded, hostile labels escaped', async () => {
    const hostile = join(root, 'hostile.stages');
    writeFileSync(hostile, readFileSync(stricterStage5(), 'utf8').replace(/stage 2 "[^"]*"/, 'stage 2 "<img src=x onerror=alert(1)> | **bold**"'));
    const r = await diff(DEFAULT, hostile, '--data', ACME, '--format', 'markdown');
    expect(r.code, r.err).toBe(1);
    expect(r.out).toMatch(/^### Stage stamps: /);
    expect(r.out).toContain('| object | stage | label |');
    expect(r.out).not.toContain('<img');
    expect(r.out).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; \\| \\*\\*bold\\*\\*');
    expect(r.out).toContain('<details><summary>');
  });

  it('counts a label change on stamped rows as a change', async () => {
    const relabelled = join(root, 'relabelled.stages');
    writeFileSync(relabelled, readFileSync(DEFAULT, 'utf8').replace(/stage 2 "[^"]*"/, 'stage 2 "Marketing qualified"'));
    const r = await diff(DEFAULT, relabelled, '--data', ACME);
    expect(r.code, r.err).toBe(1);
    expect(r.out).toMatch(/MQL → Marketing qualified/);
  });

  it('compares FILE at --base REV with the working copy', async () => {
    const repo = mkdtempSync(join(root, 'repo-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'test');
    const file = join(repo, 'acme.stages');
    copyFileSync(DEFAULT, file);
    git('add', 'acme.stages');
    git('commit', '-qm', 'definition');
    expect((await diff(file, '--base', 'HEAD', '--data', ACME)).code).toBe(0);
    writeFileSync(file, readFileSync(stricterStage5(), 'utf8'));
    const changed = await diff(file, '--base', 'HEAD', '--data', ACME);
    expect(changed.code, changed.err).toBe(1);
    expect(changed.out).toContain(`HEAD:${file} → ${file}`);
    const unknown = await diff(file, '--base', 'no-such-rev', '--data', ACME);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/--base no-such-rev: unknown revision/);
    const outside = mkdtempSync(join(tmpdir(), 'stagecraft-nogit-'));
    try {
      const lone = join(outside, 'x.stages');
      copyFileSync(DEFAULT, lone);
      const r = await diff(lone, '--base', 'main', '--data', ACME);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/is not inside a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('exits 2 for usage errors, a bad definition and bad data, without a stack trace', async () => {
    const bad = join(root, 'bad.stages');
    writeFileSync(bad, 'stage 2 "MQL" {\n  lead when Stauts = \'Open\'\n}\n');
    const badData = mkdtempSync(join(root, 'data-'));
    writeFileSync(join(badData, 'engagement.csv'), 'Id,RecordType,CreatedDate\nE1,Activation,yesterday\n');
    const cases: [string[], RegExp][] = [
      [[DEFAULT, '--data', ACME], /give OLD and NEW/],
      [[DEFAULT, DEFAULT, '--data', ACME, '--sample', 'many'], /--sample takes a whole number/],
      [[DEFAULT, DEFAULT, '--data', ACME, '--format', 'html'], /--format/],
      [[DEFAULT, bad, '--data', ACME], /Stauts/],
      [[DEFAULT, DEFAULT, '--data', badData], /engagement\.csv:2:\d+: CreatedDate/],
    ];
    for (const [argv, message] of cases) {
      const r = await diff(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });
});
