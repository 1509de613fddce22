/**
 * The suite proves it can fail: known bugs are planted into a COPY of the compiled output —
 * the generated SQL text (run on DuckDB) or the generated TypeScript module (run on the
 * runtime) — and the differential oracle (engine vs reference model over generated cases) and
 * the scenario table must each catch every one of them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { getDialect } from '../../src/compiler/sql/index.js';
import { buildViews } from '../../src/compiler/sql/views.js';
import { compileTs, transpileEvaluatorModule } from '../../src/compiler/ts/index.js';
import type { Dataset } from '../../src/data/dataset.js';
import { isoFromTimestampText, toStampRow } from '../../src/engines/sql-load.js';
import { createEvaluator, type EvaluatorDefinition } from '../../src/runtime/index.js';
import { compareStampRows, type StampRow } from '../../src/runtime/stamp.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { OBJECT_NAMES } from '../../src/schema/types.js';
import { referenceStamps } from '../reference/model.js';
import { toDataset } from '../scenarios/build.js';
import { scenarios } from '../scenarios/table.js';
import { datasetArb, definitionArb, unionOfDatasets, type GeneratedDefinition } from '../support/arbitraries.js';
import { checkGenerated, stampDiff } from '../support/differential.js';
import { loadStatements } from './sql-values.js';

const schema = loadDefaultSchema();

interface Mutant {
  readonly name: string;
  readonly target: 'sql' | 'ts';
  /** Returns the mutated text, or the same text when the bug has nowhere to go in it. */
  mutate(code: string): string;
}

const MUTANTS: readonly Mutant[] = [
  {
    name: 'SQL: `!=` / `not in` without null-safety (NULL makes them false)',
    target: 'sql',
    mutate: (sql) => sql.replace(/NOT \(COALESCE\(((?:[^()]|\([^()]*\))*), FALSE\)\)/g, 'COALESCE(NOT ($1), FALSE)'),
  },
  {
    name: 'SQL: field = field with plain `=` (both null is no longer true)',
    target: 'sql',
    mutate: (sql) => sql.replaceAll('IS NOT DISTINCT FROM', '='),
  },
  {
    // DuckDB takes a journey's least Lead/Contact candidate with min() over a struct whose first field packs
    // (t, source_rank, owner null flag) into one BIGINT, `(epoch_us(given.t) * 2 + given.source_rank) * 2 + …`;
    // other dialects with a ROW_NUMBER ordered by `given.t, given.source_rank, given.owner_id`.
    name: 'SQL: tie-break on source_rank reversed (Lead owner beats Contact owner)',
    target: 'sql',
    mutate: (sql) =>
      sql
        .replaceAll('* 2 + given.source_rank', '* 2 + (1 - given.source_rank)')
        .replace(/given\.source_rank,(\s*given\.owner_id)/g, 'given.source_rank DESC,$1'),
  },
  {
    name: 'SQL: owner ids NULLS FIRST',
    target: 'sql',
    // DuckDB packs the owner's null flag (1 = NULL, so NULL sorts last) into the aggregate key.
    mutate: (sql) =>
      sql
        .replaceAll('CASE WHEN given.owner_id IS NULL THEN 1 ELSE 0 END', 'CASE WHEN given.owner_id IS NULL THEN 0 ELSE 1 END')
        .replaceAll('NULLS LAST', 'NULLS FIRST'),
  },
  {
    name: 'SQL: journey window closed at CompletionDate (<= instead of <)',
    target: 'sql',
    mutate: (sql) => sql.replace(/(\w+)\.(t|created_at) < journey\.completed_at/g, '$1.$2 <= journey.completed_at'),
  },
  {
    // DuckDB takes the latest version's value with arg_max_null; other dialects with a
    // ROW_NUMBER ordered by `given.t DESC`.
    name: 'SQL: stage-6 date from the earliest version instead of the latest',
    target: 'sql',
    mutate: (sql) => sql.replace(/given\.t DESC/g, 'given.t').replaceAll('arg_max_null(', 'arg_min_null('),
  },
  {
    // A stamp's winner among the least candidates of its source stages is a CASE comparing
    // their t with `<=`, so on equal t the lower source stage wins (§4.3 key: t, source_stage).
    name: 'SQL: on equal t a later source stage wins the stamp',
    target: 'sql',
    mutate: (sql) => sql.replace(/ <= (candidates\.stage\d_t)\)/g, ' < $1)'),
  },
  {
    name: 'TS: `!=` against a literal without null-safety',
    target: 'ts',
    mutate: (ts) => ts.replace(/(r(?:\.\w+|\["[^"]*"\])) !== ("(?:[^"\\]|\\.)*"|-?[\d.e-]+|true|false)/g, '($1 != null && $1 !== $2)'),
  },
  {
    name: 'TS: field = field without null-safety',
    target: 'ts',
    mutate: (ts) => ts.replace(/\((r\.\w+) \?\? null\) === \((r\.\w+) \?\? null\)/g, '($1 != null && $1 === $2)'),
  },
  {
    name: 'TS: a null bare boolean counts as true',
    target: 'ts',
    mutate: (ts) => ts.replace(/(r\.\w+) === true/g, '$1 !== false'),
  },
  {
    name: 'TS: `date follows` dropped from the metadata',
    target: 'ts',
    mutate: (ts) => ts.replace(/, dateFollows: "[^"]*"/g, ''),
  },
];

/** Runs the mutated compiled output; `null` when the mutation does not apply to this definition. */
type MutantEngine = (def: CheckedDefinition, data: Dataset) => Promise<StampRow[] | null>;

// Compiled output per definition, shared by all mutants (compiling dominates the cost).
// The SQL is the unformatted view text (`buildViews`, what `compileSql` formats): the planted
// bugs are textual, and formatting only changes whitespace.
const sqlCache = new WeakMap<CheckedDefinition, string>();
const tsCache = new WeakMap<CheckedDefinition, string>();
function viewScript(def: CheckedDefinition): string {
  let script = sqlCache.get(def);
  if (script === undefined) {
    // Only the views `stage_stamps` needs; the wide reporting views are not read here.
    const views = buildViews(def, getDialect('duckdb'), { prefix: '' });
    script = views
      .slice(0, views.findIndex((v) => v.name === 'stage_stamps') + 1)
      .map((v) => v.sql)
      .join(';\n');
    sqlCache.set(def, script);
  }
  return script;
}
function tsModule(def: CheckedDefinition): string {
  let source = tsCache.get(def);
  if (source === undefined) {
    source = compileTs(def);
    tsCache.set(def, source);
  }
  return source;
}

function sqlMutantEngine(connection: DuckDBConnection, mutant: Mutant): MutantEngine {
  const dialect = getDialect('duckdb');
  return async (def, data) => {
    const script = viewScript(def);
    const mutated = mutant.mutate(script);
    if (mutated === script) return null;
    for (const statement of loadStatements(def.schema, data, dialect)) await connection.run(statement);
    await connection.run(mutated);
    const reader = await connection.runAndReadAll(
      'SELECT object, record_id, stage, label, CAST(stage_date AS VARCHAR) AS stage_date, owner_id, inferred FROM "stage_stamps"',
    );
    return reader
      .getRowObjects()
      .map((r) => toStampRow({ ...r, stage_date: isoFromTimestampText(String(r.stage_date)) } as Parameters<typeof toStampRow>[0]))
      .sort(compareStampRows);
  };
}

function tsMutantEngine(dir: string, mutant: Mutant): MutantEngine {
  let n = 0;
  return async (def, data) => {
    const source = tsModule(def);
    const mutated = mutant.mutate(source);
    if (mutated === source) return null;
    const file = join(dir, `mutant-${n++}.mjs`);
    await writeFile(file, transpileEvaluatorModule(mutated), 'utf8');
    const module = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { default: EvaluatorDefinition };
    const ev = createEvaluator(module.default);
    for (const object of OBJECT_NAMES) for (const row of data[object]) ev.upsert(object, row);
    return ev.stamps();
  };
}

/** How a mutant fared on one case: not applicable (the bug has nowhere to go), survived, or caught. */
type Outcome = 'n/a' | 'survived' | 'caught';

async function outcome(engine: MutantEngine, def: CheckedDefinition, data: Dataset): Promise<Outcome> {
  const actual = await engine(def, data);
  if (actual === null) return 'n/a';
  return stampDiff(referenceStamps(def, data), actual) === null ? 'survived' : 'caught';
}

/** Runs cases until one catches the mutant; fails clearly when the mutation no longer applies at all. */
async function firstCatch(mutant: Mutant, engine: MutantEngine, cases: readonly { def: CheckedDefinition; data: Dataset }[]): Promise<number> {
  let applied = false;
  for (let i = 0; i < cases.length; i++) {
    const o = await outcome(engine, cases[i].def, cases[i].data);
    if (o === 'caught') return i;
    applied ||= o !== 'n/a';
  }
  if (!applied) throw new Error(`the planted bug no longer applies to the generated code (update its rewrite): ${mutant.name}`);
  return -1;
}

/**
 * Generated cases, sampled and checked once for all mutants: 60 definitions, each with 5
 * independent datasets stacked into one load (300 definition×dataset pairs, 60 engine runs).
 */
const GENERATED = fc
  .sample(fc.record({ gen: definitionArb(schema), datasets: fc.array(datasetArb(schema), { minLength: 5, maxLength: 5 }) }), { numRuns: 60, seed: 42 })
  .map(({ gen, datasets }: { gen: GeneratedDefinition; datasets: Dataset[] }) => ({
    def: checkGenerated(gen.source, schema),
    data: unionOfDatasets(schema, datasets),
  }));

const SCENARIOS = scenarios.map((s) => {
  const def = checkSource(s.stages, { file: 'scenario.stages', schema }).definition;
  if (def === null) throw new Error(`scenario does not check: ${s.name}`);
  return { name: s.name, def, data: toDataset(s.data, schema) };
});

describe('planted bugs are caught', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let dir: string;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    dir = await mkdtemp(join(tmpdir(), 'stagecraft-mutants-'));
  });
  afterAll(async () => {
    connection.closeSync();
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  });

  const engineFor = (mutant: Mutant) => (mutant.target === 'sql' ? sqlMutantEngine(connection, mutant) : tsMutantEngine(dir, mutant));

  it.each(MUTANTS)('by the differential oracle on generated cases: $name', async (mutant) => {
    const at = await firstCatch(mutant, engineFor(mutant), GENERATED);
    expect(at, `${GENERATED.length} generated cases did not catch: ${mutant.name}`).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it.each(MUTANTS)('by the scenario table: $name', async (mutant) => {
    const at = await firstCatch(mutant, engineFor(mutant), SCENARIOS);
    expect(at, `no scenario catches: ${mutant.name}`).toBeGreaterThanOrEqual(0);
  }, 120_000);
});
