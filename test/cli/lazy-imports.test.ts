/**
 * The CLI loads its heavy dependencies only in the commands that use them: a real `stages`
 * process under a resolve hook that refuses those packages (test/support/forbid-imports.mjs).
 * The control case shows the hook bites.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOOK = fileURLToPath(new URL('../support/forbid-imports.mjs', import.meta.url));
const HEAVY = ['@duckdb/node-api', 'pg', 'pg-copy-streams', 'typescript', 'ts-morph', 'sql-formatter', 'hyparquet', 'vscode-languageserver'];

function stages(args: readonly string[], forbidden: readonly string[]) {
  const result = spawnSync(process.execPath, ['--import', HOOK, 'bin/stages.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, STAGECRAFT_FORBID_IMPORTS: forbidden.join(',') },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('lazy loading of heavy dependencies', () => {
  it('`stages check` loads no engine, no TypeScript and no SQL formatter', () => {
    const result = stages(['check', 'examples/default.stages'], HEAVY);
    expect(result.err).not.toContain('forbidden import');
    expect(result.code).toBe(0);
  });

  it('`stages compile --target sql` loads no DuckDB, PostgreSQL client or TypeScript', () => {
    const result = stages(['compile', 'examples/default.stages', '--target', 'sql', '--dialect', 'duckdb'], HEAVY.filter((name) => name !== 'sql-formatter'));
    expect(result.err).not.toContain('forbidden import');
    expect(result.code).toBe(0);
  });

  it('control: a command that needs a refused package fails under the hook', () => {
    const result = stages(['compile', 'examples/default.stages', '--target', 'sql', '--dialect', 'duckdb'], ['sql-formatter']);
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('forbidden import: sql-formatter');
  });
});
