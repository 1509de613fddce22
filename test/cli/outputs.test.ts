/**
 * Every command writes its outputs as a shell's `>` would, but whole or not at all: through
 * symbolic links, keeping an existing file's permissions, refusing a file the user may not
 * write, and with a one-line message (never a stack trace) when it cannot write.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFINITION = join(ROOT, 'examples/default.stages');
const ACME = join(ROOT, 'examples/acme');
const root = mkdtempSync(join(tmpdir(), 'stagecraft-outputs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = (name: string) => mkdtempSync(join(root, `${name}-`));

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
});

/**
 * `stages ARGS` as a real process of a user without rights on root's files: as `nobody` when
 * the tests run as root (root may write any file, so a refusal could not be seen), else as the
 * current user.
 */
function stagesAsOtherUser(args: readonly string[], cwd: string) {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/stages.js'), ...args], { cwd, encoding: 'utf8', ...asNobody });
  return { code: r.status, err: r.stderr };
}

describe('outputs are written as > would, whole or not at all', () => {
  it('run --out writes through a symbolic link and keeps the permissions of the file it replaces', async () => {
    const dir = folder('link');
    const real = join(dir, 'real.csv');
    writeFileSync(real, 'old\n');
    chmodSync(real, 0o600);
    const link = join(dir, 'stamps.csv');
    symlinkSync('real.csv', link);
    const r = await runCli(['run', DEFINITION, '--data', ACME, '--out', link, '--quiet']);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toMatch(/^object,record_id,stage,label,stage_date,owner_id,inferred\n/);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['real.csv', 'stamps.csv']);
  });

  it('fmt and run refuse a file the user may not write, with a one-line message and exit 1', () => {
    const dir = folder('readonly');
    chmodSync(dir, 0o777); // the other user may make files here, but not change the locked ones
    const stages = join(dir, 'locked.stages');
    writeFileSync(stages, `${readFileSync(DEFINITION, 'utf8')}\n\n\n`); // not in canonical layout
    chmodSync(stages, 0o444);
    const before = readFileSync(stages, 'utf8');
    const fmt = stagesAsOtherUser(['fmt', 'locked.stages'], dir);
    expect(fmt.code).toBe(1);
    expect(fmt.err).toBe('stages: cannot write locked.stages: permission denied (EACCES); nothing was written\n');
    expect(readFileSync(stages, 'utf8')).toBe(before);

    const csv = join(dir, 'locked.csv');
    writeFileSync(csv, 'old\n');
    chmodSync(csv, 0o444);
    const run = stagesAsOtherUser(['run', DEFINITION, '--data', ACME, '--out', 'locked.csv', '--quiet'], dir);
    expect(run.code).toBe(1);
    expect(run.err).toBe('stages: cannot write locked.csv: permission denied (EACCES); nothing was written\n');
    expect(readFileSync(csv, 'utf8')).toBe('old\n');
    expect(readdirSync(dir).sort()).toEqual(['locked.csv', 'locked.stages']);
  });

  it('fmt goes on with the other files when one cannot be written', () => {
    const dir = folder('fmt-many');
    chmodSync(dir, 0o777);
    const untidy = `${readFileSync(DEFINITION, 'utf8')}\n\n\n`;
    for (const name of ['a.stages', 'b.stages']) writeFileSync(join(dir, name), untidy);
    chmodSync(join(dir, 'a.stages'), 0o444);
    chmodSync(join(dir, 'b.stages'), 0o666);
    const r = stagesAsOtherUser(['fmt', 'a.stages', 'b.stages'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cannot write a\.stages: permission denied/);
    expect(readFileSync(join(dir, 'a.stages'), 'utf8')).toBe(untidy);
    expect(readFileSync(join(dir, 'b.stages'), 'utf8')).toBe(readFileSync(DEFINITION, 'utf8'));
  });

  it('compile --out naming a file is a usage error, for every target', async () => {
    const dir = folder('out-file');
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'keep');
    for (const target of [['--target', 'sql', '--dialect', 'duckdb'], ['--target', 'ts'], ['--target', 'dbt']]) {
      const r = await runCli(['compile', DEFINITION, ...target, '--out', file]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`stages: --out ${file} is a file; --out names the folder to write into\n`);
    }
    expect(readFileSync(file, 'utf8')).toBe('keep');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('compile --target dbt writes into the current folder without --out, readable by everyone', () => {
    const dir = folder('dbt-here');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/stages.js'), 'compile', DEFINITION, '--target', 'dbt'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^wrote default_stages \(dbt package default_stages, \d+ files\)\n$/);
    expect(readdirSync(dir)).toEqual(['default_stages']);
    // As any folder made with the usual 0777 less the umask (the child inherits ours), not the
    // 0700 of a temporary folder that no one else could read.
    const usual = join(dir, 'usual');
    mkdirSync(usual, { mode: 0o777 });
    expect(statSync(join(dir, 'default_stages')).mode & 0o777).toBe(statSync(usual).mode & 0o777);
    rmSync(usual, { recursive: true });
    expect(existsSync(join(dir, 'default_stages', 'dbt_project.yml'))).toBe(true);
  });

  it('compile writes a missing --out folder and replaces its file whole', async () => {
    const dir = join(folder('compile'), 'new', 'views');
    const first = await runCli(['compile', DEFINITION, '--target', 'sql', '--dialect', 'duckdb', '--out', dir]);
    expect(first.code).toBe(0);
    const target = join(dir, 'default.duckdb.sql');
    chmodSync(target, 0o640);
    const again = await runCli(['compile', DEFINITION, '--target', 'sql', '--dialect', 'duckdb', '--out', dir]);
    expect(again.code).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['default.duckdb.sql']);
  });
});

describe('stages --version', () => {
  it('prints the package version and exits 0', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.out).toBe(`${version}\n`);
  });
});
