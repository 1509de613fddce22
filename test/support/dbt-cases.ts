/**
 * What the dbt integration tests share: checking a definition, the stamps `stages run`
 * computes for a data folder (the expected side), and the assertions on a dbt run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { checkSource } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { compareStampRows, type StampRow } from '../../src/runtime/stamp.js';
import type { Schema } from '../../src/schema/types.js';
import { runCli } from './cli.js';
import type { DbtRun } from './dbt-project.js';

export function checkDefinition(source: string, file: string, schema: Schema): CheckedDefinition {
  const result = checkSource(source, { file, schema });
  if (result.definition === null) throw new Error(`${file} does not check`);
  return result.definition;
}

/** `stage_stamps` of `stages run FILE --data DIR` (DuckDB, the default engine), sorted. */
export async function stagesRunStamps(file: string, data: string, schemaFile?: string): Promise<StampRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-run-'));
  try {
    const out = join(dir, 'stamps.json');
    const result = await runCli(['run', file, '--data', data, '--out', out, '--quiet', ...(schemaFile === undefined ? [] : ['--schema', schemaFile])]);
    expect(result.code, result.err).toBe(0);
    return (JSON.parse(readFileSync(out, 'utf8')) as StampRow[]).sort(compareStampRows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A dbt invocation that succeeded, with no warning and no deprecation in its log. */
export function expectCleanRun(run: DbtRun, what: string): void {
  expect(run.code, `${what} failed:\n${run.log.slice(-6000)}`).toBe(0);
  expect(run.log, `${what} logged a warning`).not.toMatch(/\[WARNING\]|deprecat/i);
  expect(run.log).toMatch(/Completed successfully|Installed from/);
}
