/**
 * Rows already validated in JavaScript (a `Dataset` built in code, or a table the JavaScript
 * reader had to read because DuckDB's reader could not) appended to a DuckDB table of the
 * loader's layout with DuckDB's appender.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { dateValue, timestampValue } from './node-api.js';
import type { Row, Value } from '../dataset.js';
import { createTableSql, type TableLayout, type StorageFamily } from './layout.js';

export async function replaceTableWithRows(connection: DuckDBConnection, layout: TableLayout, rows: Iterable<Row>): Promise<void> {
  await connection.run(createTableSql(layout));
  const appender = await connection.createAppender(layout.table);
  try {
    for (const row of rows) {
      for (const column of layout.columns) appendValue(appender, column.family, row[column.name] ?? null);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function appendValue(appender: DuckDBAppender, family: StorageFamily, value: Value): void {
  if (value === null) {
    appender.appendNull();
    return;
  }
  switch (family) {
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
      appender.appendDate(dateValue(Math.round(Date.parse(`${String(value)}T00:00:00.000Z`) / 86_400_000)));
      return;
    case 'datetime':
      appender.appendTimestamp(timestampValue(BigInt(Date.parse(String(value))) * 1000n));
      return;
  }
}
