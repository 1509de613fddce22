/**
 * The time span and size of the loaded dataset, so a report says what it was counted over:
 * the earliest and latest instant over the four input tables (an Engagement's created instant,
 * a version's valid-from) and each table's row count. Read by DuckDB from the loaded tables
 * (`./layout.ts`); only the aggregates cross into JavaScript.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { OBJECT_NAMES, type ObjectName, type Schema } from '../../schema/types.js';
import { tableLayout } from './layout.js';
import { ident, INSTANT_FORMAT } from './sql-text.js';

export interface DataSpan {
  /** Canonical instant (SPEC §4.5) of the earliest record, null when every table is empty. */
  readonly earliest: string | null;
  readonly latest: string | null;
  /** Rows per input table, keyed by object in lower case (`engagement`, `lead`, …). */
  readonly rows: Record<Lowercase<ObjectName>, number>;
}

export async function dataSpan(connection: DuckDBConnection, schema: Schema): Promise<DataSpan> {
  const perTable = OBJECT_NAMES.map((object) => {
    const layout = tableLayout(schema, object);
    const instant = object === 'Engagement' ? schema.objects.Engagement.roles.created : schema.objects[object].roles.validFrom;
    return `SELECT '${object.toLowerCase()}' AS object, count(*) AS n, min(${ident(instant)}) AS earliest, max(${ident(instant)}) AS latest FROM ${ident(layout.table)}`;
  });
  const rows = (
    await connection.runAndReadAll(
      `WITH t AS (${perTable.join('\nUNION ALL\n')})\n` +
        `SELECT object, n, strftime(min(earliest) OVER (), ${INSTANT_FORMAT}), strftime(max(latest) OVER (), ${INSTANT_FORMAT}) FROM t`,
    )
  ).getRows();
  const n = new Map(rows.map(([object, count]) => [String(object), Number(count)]));
  const counts = Object.fromEntries(OBJECT_NAMES.map((o) => [o.toLowerCase(), n.get(o.toLowerCase()) ?? 0])) as DataSpan['rows'];
  const [, , earliest, latest] = rows[0] ?? [];
  return { earliest: earliest === null || earliest === undefined ? null : String(earliest), latest: latest === null || latest === undefined ? null : String(latest), rows: counts };
}
