/**
 * The embedded DuckDB engine over a `Dataset` already in memory (the scenario table, the
 * differential tests): loads it into four tables with the appender, creates the compiled
 * duckdb views, and reads `stage_stamps`. `stages run` reads files natively instead (run.ts).
 *
 * In memory unless `dbFile` is given; with a file the tables and views stay there afterwards,
 * so the user can keep querying `engagement_stages` etc. in DuckDB.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance, DuckDBTimestampValue } from '../data/duckdb/node-api.js';
import type { CheckedDefinition } from '../compiler/ir.js';
import { compileSql, sqlViewName } from '../compiler/sql/index.js';
import type { Dataset } from '../data/dataset.js';
import { replaceTableWithRows } from '../data/duckdb/append.js';
import { tableLayouts } from '../data/duckdb/layout.js';
import { compareStampRows, type StampRow } from '../runtime/stamp.js';
import type { Engine } from './engine.js';
import { STAMP_SELECT_LIST, toStampRow } from './sql-load.js';

export interface DuckDbEngineOptions {
  /** A database file to use (created when missing) instead of an in-memory database. */
  readonly dbFile?: string;
  /** DuckDB configuration of the instance (a user's session defaults, e.g. `default_collation`). */
  readonly config?: Readonly<Record<string, string>>;
}

export async function createDuckDbEngine(options: DuckDbEngineOptions = {}): Promise<Engine> {
  const instance = await DuckDBInstance.create(options.dbFile ?? ':memory:', options.config === undefined ? undefined : { ...options.config });
  const connection = await instance.connect();
  let closed = false;
  return {
    name: 'duckdb',
    stamps: (definition, data) => duckDbStamps(connection, definition, data),
    async close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
    },
  };
}

async function duckDbStamps(connection: DuckDBConnection, definition: CheckedDefinition, data: Dataset): Promise<StampRow[]> {
  for (const layout of tableLayouts(definition.schema)) await replaceTableWithRows(connection, layout, data[layout.object]);
  await connection.run(compileSql(definition, { dialect: 'duckdb', pretty: false }));
  return readStampRows(connection, sqlViewName('stage_stamps', { dialect: 'duckdb' }));
}

/** The rows of a relation of `stage_stamps` rows (a quoted name), sorted in the §4.5 order. */
export async function readStampRows(connection: DuckDBConnection, relation: string): Promise<StampRow[]> {
  const reader = await connection.runAndReadAll(`SELECT ${STAMP_SELECT_LIST} FROM ${relation}`);
  const rows = reader.getRowObjects().map((r) =>
    toStampRow({
      object: r.object,
      record_id: r.record_id,
      stage: r.stage,
      label: r.label,
      stage_date: isoFromDuckDbTimestamp(r.stage_date),
      owner_id: r.owner_id,
      inferred: r.inferred,
    }),
  );
  return rows.sort(compareStampRows);
}

function isoFromDuckDbTimestamp(value: unknown): string {
  if (!(value instanceof DuckDBTimestampValue)) throw new Error(`expected a TIMESTAMP, got ${String(value)}`);
  // Floor division keeps instants before 1970 exact to the millisecond.
  const micros = value.micros;
  const millis = micros >= 0n ? micros / 1000n : -((-micros + 999n) / 1000n);
  return new Date(Number(millis)).toISOString();
}
