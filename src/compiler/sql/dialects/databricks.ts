/**
 * Databricks SQL (Spark SQL).
 *
 * Collation: `UTF8_BINARY` by default (byte order = code point order). The COLLATE clause
 * exists only on recent runtimes, so ORDER BY keys rely on the default instead of forcing it;
 * a table whose columns declare another collation (e.g. `UTF8_LCASE`) is unsupported.
 * Strings: backslash escapes in '…' (`\'`, `\\`), identifiers in backticks with `` doubled.
 * `<=>` is the null-safe equality operator. Instants are TIMESTAMP: the views assume the
 * session time zone is UTC (or the columns are TIMESTAMP_NTZ).
 */
import { backslashStringLiteral, defineDialect } from '../dialect.js';

export const databricks = defineDialect({
  name: 'databricks',
  formatterLanguage: 'spark',
  maxIdentifierBytes: 255,
  verification: { kind: 'executed', engine: 'Apache Spark 4 (pyspark, local mode)' },
  // Spark's session catalog refuses other table and view names even in backticks
  // (INVALID_SCHEMA_OR_RELATION_NAME); Unity Catalog refuses spaces, periods and slashes too.
  relationNameProblem: (name) =>
    /^\w+$/.test(name) ? null : 'Spark and Databricks relation names hold only ASCII letters, digits and _ (even quoted)',
  quoteIdentifier: (name) => `\`${name.replaceAll('`', '``')}\``,
  stringLiteral: (value) =>
    backslashStringLiteral(value, { quote: "\\'", unicodeEscape: (code) => `\\u${code.toString(16).padStart(4, '0')}` }),
  // UTF8_BINARY by default; COLLATE is too recent to rely on (see the header).
  binaryOrder: (expr) => expr,
  columnTypes: { text: 'STRING', number: 'DOUBLE', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' },
  nullSafeEquals: (a, b) => `(${a} <=> ${b})`,
  // Not date_trunc: it returns TIMESTAMP, so a TIMESTAMP_NTZ column would be re-read in the
  // session time zone. Subtracting the sub-millisecond part of the seconds (EXTRACT gives them
  // with their fraction, never negative, so this floors) as a day-time interval keeps the type.
  truncateToMillisecond: (expr) => `(${expr} - make_dt_interval(0, 0, 0, MOD(EXTRACT(SECOND FROM ${expr}), 0.001)))`,
  contains: (haystack, needle) => `INSTR(${haystack}, ${needle}) > 0`,
  startsWith: (text, prefix) => `STARTSWITH(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ENDSWITH(${text}, ${suffix})`,
});
