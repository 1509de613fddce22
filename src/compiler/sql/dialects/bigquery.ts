/**
 * BigQuery (GoogleSQL).
 *
 * Collation: STRING compares by code point (case-sensitive, `Z` before `a`) unless a collation
 * is attached to the column or dataset (`COLLATE 'und:ci'`). There is no way to force binary
 * order over such a column (`COLLATE(x, '')` yields to an explicit collation when collations
 * propagate), so tables with collated id columns are unsupported; the default is relied on.
 * Strings: backslash escapes (`\'`, `\\`, `\n`); a quoted literal may not contain a raw
 * newline. Identifiers: backticks, with the same backslash escapes.
 * Instants are TIMESTAMP (absolute, shown in UTC); dates DATE; numbers FLOAT64.
 */
import { backslashEscaped, backslashStringLiteral, defineDialect, timestampText } from '../dialect.js';

const unicodeEscape = (code: number): string => `\\x${code.toString(16).padStart(2, '0')}`;

export const bigquery = defineDialect({
  name: 'bigquery',
  formatterLanguage: 'bigquery',
  maxIdentifierBytes: 1024,
  verification: { kind: 'parsed', parser: 'node-sql-parser (bigquery grammar)' },
  quoteIdentifier: (name) => `\`${backslashEscaped(name, '`', '\\`', unicodeEscape)}\``,
  stringLiteral: (value) => backslashStringLiteral(value, { quote: "\\'", unicodeEscape }),
  timestampLiteral: (value) => `TIMESTAMP '${timestampText(value)}+00'`,
  truncateToMillisecond: (expr) => `TIMESTAMP_TRUNC(${expr}, MILLISECOND)`,
  // STRING compares by code point unless a collation is attached (see the header).
  binaryOrder: (expr) => expr,
  columnTypes: { text: 'STRING', number: 'FLOAT64', boolean: 'BOOL', date: 'DATE', datetime: 'TIMESTAMP' },
  startsWith: (text, prefix) => `STARTS_WITH(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ENDS_WITH(${text}, ${suffix})`,
});
