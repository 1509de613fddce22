/**
 * `stages compile` in-process (through `main` with a capturing CliIo): stdout vs `--out DIR`,
 * file names, usage errors, diagnostics before anything is written, both targets.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { checkFile } from '../../src/compiler/index.js';
import { compileSql } from '../../src/compiler/sql/index.js';

const DEFAULT_STAGES = new URL('../../examples/default.stages', import.meta.url).pathname;

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), isTTY: false };
  const code = await main(args, io);
  return { code, out, err };
}

describe('stages compile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stagecraft-compile-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the SQL script for a dialect to stdout', async () => {
    const result = await run(['compile', DEFAULT_STAGES, '--target', 'sql', '--dialect', 'duckdb']);
    expect(result.code).toBe(0);
    const def = checkFile(DEFAULT_STAGES).definition!;
    expect(result.out).toBe(compileSql(def, { dialect: 'duckdb' }));
    expect(result.out).toContain('CREATE OR REPLACE VIEW "stage_stamps" AS');
  });

  it('writes DIR/<base>.<dialect>.sql with --out, honouring --prefix and --schema-name', async () => {
    const out = join(dir, 'nested', 'out');
    const result = await run([
      'compile', DEFAULT_STAGES, '--target', 'sql', '--dialect', 'bigquery', '--out', out, '--prefix', 'sc_', '--schema-name', 'analytics',
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toBe('');
    expect(readdirSync(out)).toEqual(['default.bigquery.sql']); // no temp file left behind
    const sql = readFileSync(join(out, 'default.bigquery.sql'), 'utf8');
    expect(sql).toContain('CREATE OR REPLACE VIEW `analytics`.`sc_stage_stamps` AS');
    expect(result.err).toContain('default.bigquery.sql');
  });

  it('compiles every dialect', async () => {
    for (const dialect of ['duckdb', 'postgres', 'snowflake', 'bigquery', 'redshift', 'databricks', 'trino']) {
      const result = await run(['compile', DEFAULT_STAGES, '--target', 'sql', '--dialect', dialect]);
      expect(result.code, dialect).toBe(0);
      expect(result.out, dialect).toContain('stage_stamps');
    }
  });

  it('without --dialect is a usage error (exit 2) that names the dialects', async () => {
    const result = await run(['compile', DEFAULT_STAGES, '--target', 'sql']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--dialect');
    expect(result.err).toContain('snowflake');
    expect(result.out).toBe('');
  });

  it('an unknown dialect is a usage error', async () => {
    const result = await run(['compile', DEFAULT_STAGES, '--target', 'sql', '--dialect', 'oracle']);
    expect(result.code).toBe(2);
  });

  it('a prefix too long for the dialect is a usage error', async () => {
    const result = await run(['compile', DEFAULT_STAGES, '--target', 'sql', '--dialect', 'postgres', '--prefix', 'p'.repeat(40)]);
    expect(result.code).toBe(2);
    expect(result.err).toContain('63');
  });

  it('a missing file is a usage error without a stack trace', async () => {
    const result = await run(['compile', join(dir, 'nope.stages'), '--target', 'sql', '--dialect', 'duckdb']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('nope.stages');
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('prints diagnostics and writes nothing when the file has errors (exit 1)', async () => {
    const file = join(dir, 'broken.stages');
    writeFileSync(file, 'stage 2 "MQL" {\n  lead when Stauts = \'Open\'\n}\n');
    const out = join(dir, 'out');
    const result = await run(['compile', file, '--target', 'sql', '--dialect', 'postgres', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('Stauts');
    expect(existsSync(out)).toBe(false);
  });

  it('--target ts writes DIR/<base>.stages.ts', async () => {
    const result = await run(['compile', DEFAULT_STAGES, '--target', 'ts', '--out', dir]);
    expect(result.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['default.stages.ts']);
    expect(readFileSync(join(dir, 'default.stages.ts'), 'utf8')).toContain('@stagecraft/runtime');
  });

  it('--target ts with --dialect is a usage error', async () => {
    const result = await run(['compile', DEFAULT_STAGES, '--target', 'ts', '--dialect', 'duckdb']);
    expect(result.code).toBe(2);
  });
});
