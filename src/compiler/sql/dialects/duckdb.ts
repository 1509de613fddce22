/**
 * DuckDB (embedded; the default `stages run` engine).
 *
 * Collation: text compares by bytes (UTF-8, i.e. code point order) unless the session's
 * `default_collation` says otherwise; text keys of a window ORDER BY carry `COLLATE "binary"`
 * so a user setting such as `nocase` cannot change which candidate wins.
 * Strings: standard `'…'` with `''` (backslash is an ordinary character).
 * First row per group: `arg_min` over STRUCT keys (a hash aggregate; struct keys compare
 * strings by bytes whatever the session collation), QUALIFY where a window is needed anyway.
 */
import { defineDialect } from '../dialect.js';

export const duckdb = defineDialect({
  name: 'duckdb',
  formatterLanguage: 'duckdb',
  maxIdentifierBytes: Number.MAX_SAFE_INTEGER,
  supportsQualify: true,
  supportsArgMinStruct: true,
  timestampType: 'TIMESTAMP',
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
