/** `stages fmt`: in place, --check (the examples are canonical), --stdout, refusal on syntax errors. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';

const MESSY = 'STAGE 2 "MQL" { LEAD WHEN Status = \'Open\' // why\n}\n';
const CANONICAL = 'stage 2 "MQL" {\n  lead when Status = \'Open\' // why\n}\n';

function tempFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'stages-fmt-')), 'def.stages');
  writeFileSync(file, text);
  return file;
}

describe('stages fmt', () => {
  test('examples/*.stages are in canonical format', async () => {
    const files = readdirSync('examples').filter((f) => f.endsWith('.stages')).map((f) => join('examples', f));
    expect(files.length).toBeGreaterThan(0);
    const result = await runCli(['fmt', '--check', ...files]);
    expect(result).toEqual({ code: 0, out: '', err: '' });
  });

  test('rewrites a file in place and leaves no temporary file behind', async () => {
    const file = tempFile(MESSY);
    expect(await runCli(['fmt', file])).toEqual({ code: 0, out: '', err: '' });
    expect(readFileSync(file, 'utf8')).toBe(CANONICAL);
    expect(readdirSync(join(file, '..'))).toEqual(['def.stages']);
  });

  test('--check lists the files that would change, exits 1 and writes nothing', async () => {
    const messy = tempFile(MESSY);
    const clean = tempFile(CANONICAL);
    expect(await runCli(['fmt', '--check', messy, clean])).toEqual({ code: 1, out: `${messy}\n`, err: '' });
    expect(readFileSync(messy, 'utf8')).toBe(MESSY);
  });

  test('--stdout prints the formatted text', async () => {
    const file = tempFile(MESSY);
    expect(await runCli(['fmt', '--stdout', file])).toEqual({ code: 0, out: CANONICAL, err: '' });
    expect(readFileSync(file, 'utf8')).toBe(MESSY);
  });

  test('a file with syntax errors is refused with diagnostics and exit 1, untouched', async () => {
    const bad = 'stage 2 "MQL" {\n  lead when Status =\n}\n';
    const file = tempFile(bad);
    const result = await runCli(['fmt', file]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:21: error SC105: expected a field or a value`));
    expect(result.err).toContain('not formatted (syntax errors)');
    expect(readFileSync(file, 'utf8')).toBe(bad);
  });

  test('a missing file is a usage error (exit 2) without a stack trace', async () => {
    const result = await runCli(['fmt', '/nonexistent/x.stages']);
    expect(result).toEqual({ code: 2, out: '', err: 'stages: cannot read /nonexistent/x.stages: no such file\n' });
  });
});
