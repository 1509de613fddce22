/**
 * Amazon Redshift.
 *
 * Collation: VARCHAR compares by bytes (UTF-8 = code point order) by default; a database
 * created `COLLATE CASE_INSENSITIVE` would differ, and Redshift has no per-expression binary
 * collation to force it, so such databases are unsupported (documented, not detected).
 * Strings: Redshift (PostgreSQL 8.0 lineage) treats backslash in '…' as an escape, so a
 * backslash is written `\\`; a quote is doubled (`''`). No `IS NOT DISTINCT FROM`: null-safe equality is spelled
 * out. Identifiers are folded to lower case even when quoted unless the cluster sets
 * `enable_case_sensitive_identifier`; the views quote them anyway.
 * Trailing blanks: Redshift ignores trailing spaces when comparing VARCHAR with `=`, a known
 * divergence for values that differ only in trailing spaces.
 */
import { backslashStringLiteral, defineDialect } from '../dialect.js';

export const redshift = defineDialect({
  name: 'redshift',
  formatterLanguage: 'redshift',
  maxIdentifierBytes: 127,
  verification: { kind: 'parsed', parser: 'node-sql-parser (redshift grammar)' },
  columnTypes: { text: 'VARCHAR', number: 'DOUBLE PRECISION', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' },
  // VARCHAR compares by bytes by default, and there is no per-expression binary collation (see the header).
  binaryOrder: (expr) => expr,
  stringLiteral: (value) =>
    backslashStringLiteral(value, { quote: "''", unicodeEscape: (code) => `\\${code.toString(8).padStart(3, '0')}` }),
  nullSafeEquals: (a, b) => `((${a} IS NULL AND ${b} IS NULL) OR COALESCE(${a} = ${b}, FALSE))`,
  contains: (haystack, needle) => `STRPOS(${haystack}, ${needle}) > 0`,
  startsWith: (text, prefix) => `LEFT(${text}, LEN(${prefix})) = ${prefix}`,
  endsWith: (text, suffix) => `RIGHT(${text}, LEN(${suffix})) = ${suffix}`,
});
