/**
 * Snowflake.
 *
 * Collation: none by default (binary UTF-8 comparison), but a column or account may carry a
 * collation (`DEFAULT_DDL_COLLATION`); ORDER BY keys use `COLLATE(expr, 'utf8')`, Snowflake's
 * explicit byte-order collation.
 * Strings: single-quoted literals interpret backslash escapes, so a backslash is written `\\`
 * (and a quote `''`, which Snowflake also accepts). `TIMESTAMP` maps to a session-chosen type, so instants are
 * `TIMESTAMP_NTZ` explicitly. Identifiers: `"…"` (case preserved when quoted).
 */
import { backslashStringLiteral, defineDialect, timestampText } from '../dialect.js';

export const snowflake = defineDialect({
  name: 'snowflake',
  formatterLanguage: 'snowflake',
  maxIdentifierBytes: 255,
  verification: { kind: 'parsed', parser: 'node-sql-parser (snowflake grammar)' },
  stringLiteral: (value) =>
    backslashStringLiteral(value, { quote: "''", unicodeEscape: (code) => `\\u${code.toString(16).padStart(4, '0')}` }),
  timestampLiteral: (value) => `CAST('${timestampText(value)}' AS TIMESTAMP_NTZ)`,
  columnTypes: { text: 'VARCHAR', number: 'DOUBLE PRECISION', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP_NTZ' },
  // Built from DATE_PART and DATEADD, whose nanosecond parts every Snowflake account has: the
  // sub-millisecond nanoseconds subtracted (the fraction is never negative, so this floors).
  truncateToMillisecond: (expr) => `DATEADD(nanosecond, -MOD(DATE_PART(nanosecond, ${expr}), 1000000), ${expr})`,
  binaryOrder: (expr) => `COLLATE(${expr}, 'utf8')`,
  // Snowflake's own spelling of IS NOT DISTINCT FROM (which its formatter mistakes for a FROM clause).
  nullSafeEquals: (a, b) => `EQUAL_NULL(${a}, ${b})`,
  contains: (haystack, needle) => `CONTAINS(${haystack}, ${needle})`,
  startsWith: (text, prefix) => `STARTSWITH(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ENDSWITH(${text}, ${suffix})`,
});
