/**
 * Tables as a warehouse holds them, for tests of the SQL views below the engines: the engines'
 * loaders normalise values (SPEC §3: instants truncated to the millisecond, empty text null), so
 * they cannot show what the views do with microseconds or `''`. These helpers write rows with
 * plain INSERTs of literals that keep every digit and every empty string, create the views, and
 * read `stage_stamps` back with its dates as the database's text.
 */
import { expect } from 'vitest';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { compileSql, getDialect } from '../../src/compiler/sql/index.js';
import type { Dialect } from '../../src/compiler/sql/dialect.js';
import type { Dataset, Row } from '../../src/data/dataset.js';
import {
  createTableSql,
  rowValues,
  selectStampsAsText as selectStampsAsTextType,
  stampsFromTextRows as stampsFromTimestampText,
  tableLayouts,
} from '../../src/engines/sql-load.js';
import type { StampRow } from '../../src/runtime/stamp.js';
import type { RunnableDialect } from '../sql/sessions.js';
import { sparkSafeSchema } from './spark.js';


/** A SQL literal for one stored value; instants keep all their digits (`TIMESTAMP '… .000900'`). */
function literal(d: Dialect, family: string, value: Row[string]): string {
  if (value === null || value === undefined) return 'NULL';
  switch (family) {
    case 'datetime':
      return `TIMESTAMP '${String(value).replace('T', ' ').replace('Z', '')}'`;
    case 'date':
      return `DATE '${String(value)}'`;
    case 'number':
      return d.numberLiteral(Number(value));
    case 'boolean':
      return d.booleanLiteral(value === true);
    default:
      return d.stringLiteral(String(value));
  }
}

/**
 * Statements (re)creating and filling the four tables exactly as `data` holds them, then the
 * views. Re-runnable in one session: PostgreSQL drops the old tables with their views first.
 * On databricks the table names are those of `sparkSafeSchema`.
 */
export function warehouseScript(checked: CheckedDefinition, data: Dataset, dialectName: RunnableDialect): string[] {
  const d = getDialect(dialectName);
  // Tables are keyed by object, so renaming those Spark cannot hold changes nothing the views compute.
  const definition = dialectName === 'databricks' ? { ...checked, schema: sparkSafeSchema(checked.schema) } : checked;
  const statements: string[] = [];
  for (const layout of tableLayouts(definition.schema)) {
    const table = d.quoteIdentifier(layout.table);
    if (dialectName === 'postgres') statements.push(`DROP TABLE IF EXISTS ${table} CASCADE`);
    // Spark replaces only v2-catalog tables, and its DROP TABLE has no CASCADE.
    if (dialectName === 'databricks') statements.push(`DROP TABLE IF EXISTS ${table}`);
    statements.push(createTableSql(layout, d, { orReplace: dialectName === 'duckdb' }));
    const tuples = data[layout.object].map((row) => `(${rowValues(layout, row).map((v, i) => literal(d, layout.columns[i].family, v)).join(', ')})`);
    if (tuples.length > 0) statements.push(`INSERT INTO ${table} VALUES ${tuples.join(', ')}`);
  }
  statements.push(compileSql(definition, { dialect: dialectName, pretty: false }));
  return statements;
}

/** `stage_stamps` with `stage_date` as the dialect's text type, columns in §4.5 order. */
export const selectStampsAsText = (dialect: RunnableDialect): string => selectStampsAsTextType(getDialect(dialect).columnTypes.text);
export const SELECT_STAMPS_AS_TEXT = selectStampsAsText('duckdb');

/** Rows of SELECT_STAMPS_AS_TEXT (as arrays) → sorted stamps; every date must be whole milliseconds. */
export function stampsFromTextRows(rows: readonly (readonly unknown[])[]): StampRow[] {
  for (const r of rows) expect(String(r[4]), 'the views report whole milliseconds').toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,3})?$/);
  return stampsFromTimestampText(rows as unknown[][]);
}

/** Queries counting `''` among the ids the wide views carry (each must count 0). */
export const EMPTY_WIDE_IDS = [
  "SELECT count(*) AS n FROM engagement_stages WHERE lead_id = '' OR contact_id = ''",
  "SELECT count(*) AS n FROM opportunity_stages WHERE journey_id = ''",
];
