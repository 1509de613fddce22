/**
 * DuckDB (embedded; the default `stages run` engine).
 *
 * Collation: text compares by bytes (UTF-8, i.e. code point order) unless the session's
 * `default_collation` says otherwise; text keys of a window ORDER BY carry `COLLATE "binary"`
 * so a user setting such as `nocase` cannot change which candidate wins.
 * Strings: standard `'…'` with `''` (backslash is an ordinary character).
 * Least row per group, inside one hash aggregate (no sort), with `FILTER (WHERE …)`: `min` of a
 * STRUCT of the order key (the instant, packed into one BIGINT with the small integer keys after
 * it where there are any, then text keys, which compare by bytes whatever the session
 * collation) followed by the picked values;
 * or, when one scalar key decides, `arg_min_null`/`arg_max_null` per value (the `_null` forms
 * keep a NULL value of the winning row; plain `arg_min` skips it).
 */
import { defineDialect } from '../dialect.js';

export const duckdb = defineDialect({
  name: 'duckdb',
  formatterLanguage: 'duckdb',
  maxIdentifierBytes: Number.MAX_SAFE_INTEGER,
  minOverStruct: true,
  aggregateFilter: true,
  materializedCte: true,
  // The `_null` forms: plain arg_min/arg_max skip rows whose value is NULL, but a NULL on the
  // earliest/latest version must win (DuckDB >= 1.1).
  valueAtMinKey: (value, key) => `arg_min_null(${value}, ${key})`,
  valueAtMaxKey: (value, key) => `arg_max_null(${value}, ${key})`,
  instantMicros: (expr) => `epoch_us(${expr})`,
  timestampType: 'TIMESTAMP',
  truncateToMillisecond: (expr) => `date_trunc('millisecond', ${expr})`,
  columnType(family) {
    switch (family) {
      case 'text':
        return 'VARCHAR';
      case 'number':
        return 'DOUBLE';
      case 'boolean':
        return 'BOOLEAN';
      case 'date':
        return 'DATE';
      case 'datetime':
        return 'TIMESTAMP';
    }
  },
  binaryOrder: (expr) => `${expr} COLLATE "binary"`,
  contains: (haystack, needle) => `contains(${haystack}, ${needle})`,
  startsWith: (text, prefix) => `starts_with(${text}, ${prefix})`,
  endsWith: (text, suffix) => `ends_with(${text}, ${suffix})`,
});
