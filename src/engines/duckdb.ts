/**
 * The embedded DuckDB engine (the default of `stages run`): loads a `Dataset` into four
 * tables with the appender, creates the compiled duckdb views, and reads `stage_stamps`.
 *
 * In memory unless `dbFile` is given; with a file the tables and views stay there afterwards,
 * so the user can keep querying `engagement_stages` etc. in DuckDB.
 */
import {
  DuckDBInstance,
  DuckDBTimestampValue,
  dateValue,
  timestampValue,
  type DuckDBAppender,
  type DuckDBConnection,
} from '@duckdb/node-api';
import type { CheckedDefinition } from '../compiler/ir.js';
import { compileSql, getDialect, sqlViewName } from '../compiler/sql/index.js';
import type { Dataset, Value } from '../data/dataset.js';
import { compareStampRows, type StampRow } from '../runtime/stamp.js';
import type { Engine } from './engine.js';
import {
  createTableSql,
  epochDays,
  instantMillis,
  rowValues,
  STAMP_COLUMNS,
  tableLayouts,
  toStampRow,
  type ColumnLayout,
} from './sql-load.js';

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
  const dialect = getDialect('duckdb');
  for (const layout of tableLayouts(definition.schema)) {
    await connection.run(createTableSql(layout, dialect, { orReplace: true }));
    const appender = await connection.createAppender(layout.table);
    try {
      for (const row of data[layout.object]) {
        const values = rowValues(layout, row);
        layout.columns.forEach((column, i) => appendValue(appender, column, values[i]));
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }
  await connection.run(compileSql(definition, { dialect: 'duckdb', pretty: false }));
  const reader = await connection.runAndReadAll(
    `SELECT ${STAMP_COLUMNS.join(', ')} FROM ${sqlViewName('stage_stamps', { dialect: 'duckdb' })}`,
  );
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

function appendValue(appender: DuckDBAppender, column: ColumnLayout, value: Value): void {
  if (value === null) {
    appender.appendNull();
    return;
  }
  switch (column.family) {
    case 'text':
      appender.appendVarchar(String(value));
      return;
    case 'number':
      appender.appendDouble(Number(value));
      return;
    case 'boolean':
      appender.appendBoolean(value === true);
      return;
    case 'date':
      appender.appendDate(dateValue(epochDays(String(value))));
      return;
    case 'datetime':
      appender.appendTimestamp(timestampValue(BigInt(instantMillis(String(value))) * 1000n));
      return;
  }
}

function isoFromDuckDbTimestamp(value: unknown): string {
  if (!(value instanceof DuckDBTimestampValue)) throw new Error(`expected a TIMESTAMP, got ${String(value)}`);
  // Floor division keeps instants before 1970 exact to the millisecond.
  const micros = value.micros;
  const millis = micros >= 0n ? micros / 1000n : -((-micros + 999n) / 1000n);
  return new Date(Number(millis)).toISOString();
}
