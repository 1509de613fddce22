/**
 * PostgreSQL (run for real in the tests).
 *
 * Collation: text columns take the database's collation (often `en_US.UTF-8`, which sorts
 * linguistically); ORDER BY keys carry `COLLATE "C"`, which compares bytes = code points.
 * Strings: standard `'…'` with `''`; this relies on `standard_conforming_strings = on`
 * (the default since 9.1; backslash is then an ordinary character).
 * `SUBSTR`/`LENGTH`/`STRPOS` count characters in a UTF-8 database.
 * A CTE used twice is computed once without being told (PostgreSQL 12+): no MATERIALIZED.
 */
import { defineDialect } from '../dialect.js';

export const postgres = defineDialect({
  name: 'postgres',
  formatterLanguage: 'postgresql',
  // NAMEDATALEN - 1; longer names are silently truncated, so index.ts rejects them.
  maxIdentifierBytes: 63,
  verification: { kind: 'executed', engine: 'PostgreSQL (Debian server)' },
  columnTypes: { text: 'VARCHAR', number: 'DOUBLE PRECISION', boolean: 'BOOLEAN', date: 'DATE', datetime: 'TIMESTAMP' },
  binaryOrder: (expr) => `${expr} COLLATE "C"`,
  startsWith: (text, prefix) => `STARTS_WITH(${text}, ${prefix})`,
  endsWith: (text, suffix) => `RIGHT(${text}, LENGTH(${suffix})) = ${suffix}`,
});
