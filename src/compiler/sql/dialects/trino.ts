/**
 * Trino.
 *
 * Collation: varchar compares by code point, always (Trino has no collations).
 * Strings: standard `'…'` with `''`; no backslash escapes. Identifiers `"…"`.
 * Least row per group: the base's ROW_NUMBER form. `starts_with` exists;
 * suffix match uses the base's length-guarded SUBSTR.
 */
import { defineDialect } from '../dialect.js';

export const trino = defineDialect({
  name: 'trino',
  formatterLanguage: 'trino',
  maxIdentifierBytes: Number.MAX_SAFE_INTEGER,
  verification: { kind: 'parsed', parser: 'node-sql-parser (trino grammar)' },
  // varchar always compares by code point: Trino has no collations.
  binaryOrder: (expr) => expr,
  columnTypes: { text: 'VARCHAR', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP(3)' },
  // A TIMESTAMP(6) column cast to TIMESTAMP(3) would round; date_trunc truncates.
  truncateToMillisecond: (expr) => `date_trunc('millisecond', ${expr})`,
  startsWith: (text, prefix) => `STARTS_WITH(${text}, ${prefix})`,
});
