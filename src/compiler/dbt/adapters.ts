/**
 * The dbt adapters the package runs on, and the SQL dialect each one is given.
 *
 * The package's macros are chosen by `adapter.dispatch`, which looks for `<adapter>__<macro>`
 * and then walks the adapter's parents (redshift → postgres, databricks → spark) before
 * `default__`. Every adapter of our dialects gets its own implementation except Databricks,
 * whose macro delegates to the Spark one (the databricks dialect is Spark SQL): dbt-databricks
 * no longer always declares dbt-spark as its parent, so the fallback is spelled out rather than
 * left to dispatch.
 */
import type { DialectName } from '../sql/dialect.js';

export interface DbtAdapter {
  /** `target.type` and the dispatch prefix (`duckdb__…`). */
  readonly type: string;
  /** The SQL dialect of its implementation, or the adapter whose implementation it reuses. */
  readonly implementation: { readonly dialect: DialectName } | { readonly delegatesTo: string };
}

export const DBT_ADAPTERS: readonly DbtAdapter[] = [
  { type: 'duckdb', implementation: { dialect: 'duckdb' } },
  { type: 'postgres', implementation: { dialect: 'postgres' } },
  { type: 'redshift', implementation: { dialect: 'redshift' } },
  { type: 'snowflake', implementation: { dialect: 'snowflake' } },
  { type: 'bigquery', implementation: { dialect: 'bigquery' } },
  { type: 'spark', implementation: { dialect: 'databricks' } },
  { type: 'databricks', implementation: { delegatesTo: 'spark' } },
  { type: 'trino', implementation: { dialect: 'trino' } },
];
