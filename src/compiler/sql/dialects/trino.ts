/**
 * Trino.
 *
 * Collation: varchar compares by code point, always (Trino has no collations).
 * Strings: standard `'…'` with `''`; no backslash escapes. Identifiers `"…"`.
 * No `QUALIFY`: first-row-per-group is a ROW_NUMBER subquery. `starts_with` exists;
 * suffix match uses the base's length-guarded SUBSTR.
 */
import { defineDialect } from '../dialect.js';

export const trino = defineDialect({
  name: 'trino',
  formatterLanguage: 'trino',
  maxIdentifierBytes: Number.MAX_SAFE_INTEGER,
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
        return 'TIMESTAMP(3)';
    }
  },
  timestampType: 'TIMESTAMP(3)',
  // A TIMESTAMP(6) column cast to TIMESTAMP(3) would round; date_trunc truncates.
  truncateToMillisecond: (expr) => `date_trunc('millisecond', ${expr})`,
  startsWith: (text, prefix) => `STARTS_WITH(${text}, ${prefix})`,
});
