/**
 * Oracle 2 — per predicate, row by row (SQLancer's pivoted-query idea): for every criteria
 * line of a generated definition and every version row of its object,
 *   - the compiled TypeScript predicate of the generated evaluator module,
 *   - `SELECT k, (compiled SQL predicate) FROM <the rows as literals>` on DuckDB and on
 *     PostgreSQL (the very `compilePredicate` the views use),
 * all equal the reference interpreter — and the SQL value is TRUE or FALSE, never NULL.
 * Rows travel into SQL as dialect literals, so this also checks literal escaping of data.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import pg from 'pg';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckedDefinition, Predicate } from '../../src/compiler/ir.js';
import { getDialect } from '../../src/compiler/sql/index.js';
import type { Dialect } from '../../src/compiler/sql/dialect.js';
import { compilePredicate as compileSqlPredicate } from '../../src/compiler/sql/predicate.js';
import { compilePredicate as compileTsPredicate, loadCompiledDefinition } from '../../src/compiler/ts/index.js';
import type { Dataset, Row } from '../../src/data/dataset.js';
import type { EvaluatorRecord } from '../../src/runtime/index.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import type { Schema, VersionedObjectName } from '../../src/schema/types.js';
import { evaluatePredicate } from '../reference/model.js';
import { datasetArb, definitionArb, predicateArb, renderPredicate, SMALL, versionRowsArb, type GeneratedDefinition } from '../support/arbitraries.js';
import { getPgUrl } from '../support/pg.js';
import { sqlValue } from './sql-values.js';
import { checkGenerated, checkProperty, DEEP, runParameters, writeRepro } from '../support/differential.js';

const schema = loadDefaultSchema();
const RUNS = DEEP ? 300 : 15;
/** Runs of the IR-level pivot: many predicates × many rows per query. */
const IR_RUNS = DEEP ? 1000 : 30;
const OBJECTS: readonly VersionedObjectName[] = ['Lead', 'Contact', 'Opportunity'];

/** Runs a query, returning each row's values in select order. */
type Query = (sql: string) => Promise<unknown[][]>;

interface SqlSession {
  readonly name: string;
  readonly dialect: Dialect;
  readonly query: Query;
  close(): Promise<void>;
}

async function duckDbSession(): Promise<SqlSession> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection: DuckDBConnection = await instance.connect();
  return {
    name: 'duckdb',
    dialect: getDialect('duckdb'),
    query: async (sql) => (await connection.runAndReadAll(sql)).getRows(),
    close: async () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

async function postgresSession(url: string): Promise<SqlSession> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    name: 'postgres',
    dialect: getDialect('postgres'),
    query: async (sql) => (await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][],
    close: () => client.end(),
  };
}

/** `SELECT k, (p1), (p2), … FROM (rows as literals) AS v` — one query for every predicate of one object. */
function pivotQuery(s: Schema, object: VersionedObjectName, rows: readonly Row[], predicates: readonly Predicate[], d: Dialect): string {
  const q = d.quoteIdentifier;
  const fields = Object.entries(s.objects[object].fields);
  const selects = rows.map(
    (row, k) => `SELECT ${k} AS ${q('k')}, ${fields.map(([name, f]) => `${sqlValue(row[name] ?? null, f.type, d)} AS ${q(name)}`).join(', ')}`,
  );
  const column = (f: { name: string }) => `v.${q(f.name)}`;
  const hits = predicates.map((p, i) => `(${compileSqlPredicate(p, d, column)}) AS ${q(`h${i}`)}`);
  return `SELECT v.${q('k')}, ${hits.join(', ')} FROM (${selects.join(' UNION ALL ')}) AS v ORDER BY v.${q('k')}`;
}

interface Line {
  readonly stage: number;
  readonly object: VersionedObjectName;
  readonly predicate: Predicate;
}

function criteriaLines(def: CheckedDefinition): Line[] {
  return def.stages.flatMap((s) =>
    OBJECTS.flatMap((object) => {
      const predicate = s.criteria[object];
      return predicate === undefined ? [] : [{ stage: s.stage, object, predicate }];
    }),
  );
}

interface Case {
  readonly gen: GeneratedDefinition;
  readonly data: Dataset;
}

describe('oracle 2: compiled predicates agree row by row (pivoted queries)', () => {
  const sessions: SqlSession[] = [];
  beforeAll(async () => {
    sessions.push(await duckDbSession());
    const url = getPgUrl();
    if (url !== null) sessions.push(await postgresSession(url));
  });
  afterAll(async () => {
    for (const s of sessions) await s.close();
  });

  it(`${RUNS} generated definitions × datasets, TypeScript and SQL predicates vs the reference`, async () => {
    let checkedRows = 0;
    const property = fc.asyncProperty(
      fc.record({ gen: definitionArb(schema), data: datasetArb(schema, { ...SMALL, maxRecords: 4, maxVersions: 4 }) }),
      async ({ gen, data }: Case) => {
        const def = checkGenerated(gen.source, schema);
        const lines = criteriaLines(def);
        if (lines.length === 0) return;
        const module = await loadCompiledDefinition(def);
        for (const object of OBJECTS) {
          const mine = lines.filter((l) => l.object === object);
          const rows = data[object];
          if (mine.length === 0 || rows.length === 0) continue;
          const want = rows.map((row) => mine.map((l) => evaluatePredicate(l.predicate, row)));
          // TypeScript: the generated module's own functions.
          rows.forEach((row, k) => {
            mine.forEach((l, i) => {
              const compiled = module.stages[l.stage - 1].predicates[object];
              if (compiled === undefined) throw new Error(`generated module lacks the stage ${l.stage} ${object} predicate`);
              const got = compiled(row as EvaluatorRecord);
              if (got !== want[k][i]) throw new Error(`ts: stage ${l.stage} ${object} predicate gives ${got} on ${JSON.stringify(row)}, reference ${want[k][i]}`);
            });
          });
          // SQL: one pivoted query per engine.
          for (const s of sessions) {
            const result = await s.query(pivotQuery(schema, object, rows, mine.map((l) => l.predicate), s.dialect));
            result.forEach((values, k) => {
              mine.forEach((l, i) => {
                const got = values[i + 1];
                if (got !== want[k][i]) {
                  throw new Error(`${s.name}: stage ${l.stage} ${object} predicate gives ${String(got)} on ${JSON.stringify(rows[k])}, reference ${want[k][i]}`);
                }
              });
            });
            if (result.length !== rows.length) throw new Error(`${s.name}: ${result.length} rows back for ${rows.length}`);
          }
          checkedRows += rows.length * mine.length;
        }
      },
    );
    await checkProperty(property, runParameters(RUNS) as fc.Parameters<[Case]>, (c, error) => writeRepro(schema, c.gen.source, c.data, String(error)));
    console.log(`oracle 2: ${checkedRows} predicate×row evaluations agreed on ts, ${sessions.map((s) => s.name).join(', ')}`);
    expect(checkedRows).toBeGreaterThan(0);
  }, DEEP ? 3_600_000 : 120_000);

  it(`${IR_RUNS} batches of generated predicates × rows, straight from the IR`, async () => {
    let evaluations = 0;
    const batch = fc.constantFrom(...OBJECTS).chain((object) =>
      fc.record({
        object: fc.constant(object),
        predicates: fc.array(predicateArb(schema, object), { minLength: 1, maxLength: 12 }),
        rows: versionRowsArb(schema, object, 40),
      }),
    );
    const property = fc.asyncProperty(batch, async ({ object, predicates, rows }) => {
      if (rows.length === 0) return;
      const want = rows.map((row) => predicates.map((p) => evaluatePredicate(p, row)));
      // The TypeScript back end's predicate expression, as it is inlined into generated modules.
      // It may hold type assertions, so it is transpiled (as the module is) before it runs.
      const compiled = predicates.map((p) => {
        const js = ts.transpile(`(function (r) { return ${compileTsPredicate(p)}; })`, { target: ts.ScriptTarget.ES2022 });
        return new Function(`return ${js}`)() as (r: Row) => unknown;
      });
      rows.forEach((row, k) =>
        compiled.forEach((f, i) => {
          const got = f(row);
          if (got !== want[k][i]) throw new Error(`ts: ${compileTsPredicate(predicates[i])} gives ${String(got)} on ${JSON.stringify(row)}, reference ${want[k][i]}`);
        }),
      );
      for (const s of sessions) {
        const result = await s.query(pivotQuery(schema, object, rows, predicates, s.dialect));
        result.forEach((values, k) =>
          predicates.forEach((p, i) => {
            if (values[i + 1] !== want[k][i]) {
              throw new Error(`${s.name}: ${JSON.stringify(p)} gives ${String(values[i + 1])} on ${JSON.stringify(rows[k])}, reference ${want[k][i]}`);
            }
          }),
        );
      }
      evaluations += rows.length * predicates.length;
    });
    await checkProperty(property, runParameters(IR_RUNS) as fc.Parameters<[{ object: VersionedObjectName; predicates: Predicate[]; rows: Row[] }]>, (c, error) =>
      // Shrinking leaves the failing predicate first; as a criteria line, `stages run` shows its effect.
      writeRepro(
        schema,
        `stage ${c.object === 'Opportunity' ? 5 : 2} "Pivot" {\n  ${c.object.toLowerCase()} when ${renderPredicate(c.predicates[0], { upper: false })}\n}\n`,
        { Engagement: [], Lead: [], Contact: [], Opportunity: [], [c.object]: c.rows },
        `${String(error)}\npredicates (IR): ${JSON.stringify(c.predicates)}`,
      ),
    );
    console.log(`oracle 2 (IR): ${evaluations} predicate×row evaluations agreed on ts, ${sessions.map((s) => s.name).join(', ')}`);
    expect(evaluations).toBeGreaterThan(0);
  }, DEEP ? 3_600_000 : 120_000);
});
