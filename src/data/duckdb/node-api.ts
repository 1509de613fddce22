/**
 * `@duckdb/node-api`, loaded with `require`. The package is CommonJS whose entry re-exports
 * some sixty modules; imported as an ES module, Node lexes every one of them for its export
 * names first, which cost about 50 ms of every `stages` start (a `require` skips that).
 * Import the package's values from here and its types from the package itself.
 */
import { createRequire } from 'node:module';

const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');

export const { DuckDBInstance, DuckDBTimestampValue, dateValue, timestampValue } = duckdb;
