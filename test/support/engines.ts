/**
 * The engines the shared tests (scenario table, differential tests) run on: the reference
 * model (test/reference/model.ts), embedded DuckDB (its views as compiled, and as `stages run`
 * computes them by default: `duckdb-run`), PostgreSQL, Apache Spark running the
 * databricks dialect (./spark.ts; ANSI mode on and off), Trino running the trino dialect
 * (./trino.ts; opt-in: only when STAGECRAFT_ENGINES names `trino`) and the TypeScript evaluator.
 *
 * PostgreSQL runs on the throwaway cluster of test/support/pg.ts; when `getPgUrl()` returns
 * null (no PostgreSQL binaries outside CI — it has already said so loudly) it is left out.
 * `STAGECRAFT_ENGINES=reference,ts` narrows a local run to some engines.
 */
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import type { Dataset } from '../../src/data/dataset.js';
import { namedEngines } from './engine-names.js';
import { createDuckDbEngine, readStampRows } from '../../src/engines/duckdb.js';
import type { Engine } from '../../src/engines/engine.js';
import { createPostgresEngine } from '../../src/engines/postgres.js';
import { createTsEngine } from '../../src/engines/ts.js';
import { materialiseRelations, RUN_RELATIONS, stampInSession } from '../../src/engines/run.js';
import { replaceTableWithRows } from '../../src/data/duckdb/append.js';
import { tableLayouts } from '../../src/data/duckdb/layout.js';
import { openDuckDbSession } from '../../src/data/duckdb/session.js';
import { ident } from '../../src/data/duckdb/sql-text.js';
import type { StampRow } from '../../src/runtime/stamp.js';
import { referenceStamps } from '../reference/model.js';
import { DEEP } from './differential.js';
import { getPgUrl } from './pg.js';
import { createSparkEngine, getSparkPort, type SparkEngineName } from './spark.js';
import { createTrinoEngine, getTrinoPort } from './trino.js';

export type TestEngineName = 'reference' | Engine['name'] | 'duckdb-run' | SparkEngineName | 'trino';

/** `Engine` widened to admit the reference model. */
export interface TestEngine {
  readonly name: TestEngineName;
  stamps(definition: CheckedDefinition, data: Dataset): Promise<StampRow[]>;
  close(): Promise<void>;
}

export interface EngineEntry {
  readonly name: TestEngineName;
  /** Opens a session; callers reuse it across many cases and close it at the end. */
  open(): Promise<TestEngine>;
}

export function referenceEngine(): TestEngine {
  return {
    name: 'reference',
    stamps: async (definition, data) => referenceStamps(definition, data),
    close: async () => {},
  };
}

/**
 * DuckDB as `stages run`, `report` and `diff` compute the stamps by default
 * (`materialiseRelations`): the candidate aggregates into tables, the stamps assembled over
 * them into a sorted table — the rows read from that table, not from `stage_stamps`.
 */
export async function createDuckDbRunEngine(): Promise<TestEngine> {
  const session = await openDuckDbSession();
  const { connection } = session;
  return {
    name: 'duckdb-run',
    async stamps(definition, data) {
      for (const layout of tableLayouts(definition.schema)) await replaceTableWithRows(connection, layout, data[layout.object]);
      await stampInSession(session, definition, { engine: 'duckdb' }, RUN_RELATIONS);
      const tables = await materialiseRelations(session, definition, RUN_RELATIONS, 'test_run');
      if (tables.stamps === RUN_RELATIONS.stamps) throw new Error('duckdb-run: the views were not materialised');
      // The primary opportunities, read from the engagement table while it shadowed its view,
      // against the compiled view itself (the shadow is gone again).
      const primaryDiffers = await connection.runAndReadAll(
        `SELECT count(*) FROM ((SELECT * FROM ${ident(tables.primary)} EXCEPT ALL SELECT * FROM ${ident(RUN_RELATIONS.primary)}) ` +
          `UNION ALL (SELECT * FROM ${ident(RUN_RELATIONS.primary)} EXCEPT ALL SELECT * FROM ${ident(tables.primary)}))`,
      );
      if (Number(primaryDiffers.getRows()[0]![0]) !== 0) throw new Error('duckdb-run: the primary opportunities differ from the compiled views');
      return readStampRows(connection, ident(tables.stamps));
    },
    close: () => session.close(),
  };
}

/** The engines available in this checkout, the reference model first. */
export async function listEngines(): Promise<EngineEntry[]> {
  const entries: EngineEntry[] = [
    { name: 'reference', open: async () => referenceEngine() },
    { name: 'duckdb', open: () => createDuckDbEngine() },
    { name: 'duckdb-run', open: () => createDuckDbRunEngine() },
  ];
  const wanted = namedEngines();
  const url = getPgUrl();
  if (url !== null) entries.push({ name: 'postgres', open: () => createPostgresEngine({ url }) });
  const sparkPort = getSparkPort();
  if (sparkPort !== null) {
    entries.push({ name: 'spark', open: () => createSparkEngine(sparkPort, { ansi: true }) });
    // ANSI off (dbt-spark's setting) doubles Spark's share of the run: the deep run, or by name.
    if (DEEP || wanted.includes('spark-ansi-off')) entries.push({ name: 'spark-ansi-off', open: () => createSparkEngine(sparkPort, { ansi: false }) });
  }
  // The server runs only when STAGECRAFT_ENGINES names `trino` (test/support/trino-global-setup.ts).
  const trinoPort = getTrinoPort();
  if (trinoPort !== null) entries.push({ name: 'trino', open: () => createTrinoEngine(trinoPort) });
  entries.push({ name: 'ts', open: () => createTsEngine() });
  return wanted.length === 0 ? entries : entries.filter((e) => wanted.includes(e.name));
}
