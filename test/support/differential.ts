/**
 * Shared by the differential tests: budgets, checking generated sources, comparing stamps,
 * and turning a (shrunk) counterexample into files `stages run` reproduces.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkSource, formatDiagnostics } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import type { Dataset, Row, Value } from '../../src/data/dataset.js';
import { compareStampRows, type StampRow } from '../../src/runtime/stamp.js';
import { OBJECT_NAMES, type ObjectName, type Schema } from '../../src/schema/types.js';

/** `STAGECRAFT_DEEP=1`: the long run of `npm run test:deep`. */
export const DEEP = process.env.STAGECRAFT_DEEP === '1';

/** fast-check parameters: a fixed seed by default (reproducible CI), a fresh one when deep or asked. */
export function runParameters(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.STAGECRAFT_SEED !== undefined ? Number(process.env.STAGECRAFT_SEED) : DEEP ? Date.now() : 20251126;
  return { numRuns, seed, endOnFailure: false, interruptAfterTimeLimit: DEEP ? undefined : 80_000 };
}

/** Checks generated source; a front-end rejection of a well-typed definition is itself a finding. */
export function checkGenerated(source: string, schema: Schema): CheckedDefinition {
  const result = checkSource(source, { file: 'generated.stages', schema });
  if (result.definition === null) {
    throw new Error(
      `the front end rejected a generated well-typed definition:\n${source}\n${formatDiagnostics(result.diagnostics, new Map([['generated.stages', source]]))}`,
    );
  }
  return result.definition;
}

/** A readable difference of two stamp relations: rows only in one side. */
export function stampDiff(expected: readonly StampRow[], actual: readonly StampRow[]): string | null {
  const key = (r: StampRow) => JSON.stringify(r);
  const want = new Set(expected.map(key));
  const got = new Set(actual.map(key));
  const missing = expected.filter((r) => !got.has(key(r)));
  const extra = actual.filter((r) => !want.has(key(r)));
  const orderOk = actual.every((r, i) => i === 0 || compareStampRows(actual[i - 1], r) < 0);
  if (missing.length === 0 && extra.length === 0 && orderOk && expected.length === actual.length) return null;
  const lines = [
    ...missing.map((r) => `  - reference: ${key(r)}`),
    ...extra.map((r) => `  + engine:    ${key(r)}`),
    ...(orderOk ? [] : ['  (rows not in the §4.5 order)']),
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Reproductions
// ---------------------------------------------------------------------------------------------

export const REPRO_ROOT = join(process.cwd(), '.tmp');

/** A CSV cell in the §3 input format: empty = null, text always quoted (so spaces and newlines survive). */
function csvCell(value: Value, type: string): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (type === 'date' || type === 'datetime') return value;
  return `"${value.replaceAll('"', '""')}"`;
}

export function datasetCsv(schema: Schema, object: ObjectName, rows: readonly Row[]): string {
  const def = schema.objects[object];
  const columns: [string, string][] = Object.entries(def.fields).map(([name, f]) => [name, f.type]);
  if (object !== 'Engagement') columns.push([schema.objects[object].roles.validFrom, 'datetime']);
  const lines = [columns.map(([name]) => name).join(',')];
  for (const row of rows) lines.push(columns.map(([name, type]) => csvCell(row[name] ?? null, type)).join(','));
  return `${lines.join('\n')}\n`;
}

/** Writes `.tmp/repro-<n>/` (definition + four CSV files + a note) and returns the folder (relative to the root's parent). */
export function writeRepro(schema: Schema, source: string, data: Dataset, note: string, root = REPRO_ROOT): string {
  mkdirSync(root, { recursive: true });
  const taken = new Set(readdirSync(root));
  let n = 1;
  while (taken.has(`repro-${n}`)) n++;
  const dir = join(root, `repro-${n}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'definition.stages'), source);
  for (const object of OBJECT_NAMES) writeFileSync(join(dir, `${schema.objects[object].table}.csv`), datasetCsv(schema, object, data[object]));
  writeFileSync(join(dir, 'schema.json'), `${JSON.stringify(schema, null, 2)}\n`);
  const rel = root === REPRO_ROOT ? `.tmp/repro-${n}` : dir;
  const run = (engine: string) => `  npx stages run ${rel}/definition.stages --schema ${rel}/schema.json --data ${rel} --engine ${engine}`;
  writeFileSync(join(dir, 'README.txt'), `${note}\n\nReproduce:\n${['duckdb', 'postgres --url <URL>', 'ts'].map(run).join('\n')}\n`);
  return rel;
}

/**
 * Runs a fast-check property; on failure writes the shrunk counterexample as a reproduction
 * (via `describe`) and fails with a message naming the folder.
 */
export async function checkProperty<T>(
  property: fc.IRawProperty<[T], boolean>,
  params: fc.Parameters<[T]>,
  repro: (counterexample: T, error: unknown) => string,
): Promise<fc.RunDetails<[T]>> {
  const details: fc.RunDetails<[T]> = await fc.check(property, params);
  if (details.failed) {
    const counterexample = details.counterexample;
    const where = counterexample === null ? null : repro(counterexample[0], details.errorInstance);
    const reason = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const source = where === null ? '' : `\n--- ${where}/definition.stages ---\n${readFileSync(join(where.startsWith('/') ? '' : process.cwd(), where, 'definition.stages'), 'utf8')}`;
    throw new Error(
      `property failed after ${details.numRuns} runs (seed ${details.seed}, path ${details.counterexamplePath ?? '-'}); shrunk reproduction in ${where ?? '(none)'}\n${reason}${source}`,
    );
  }
  return details;
}
