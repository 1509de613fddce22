/** The dialect registry: one module per warehouse, each overriding only what differs from the base. */
import type { Dialect, DialectName } from '../dialect.js';
import { bigquery } from './bigquery.js';
import { databricks } from './databricks.js';
import { duckdb } from './duckdb.js';
import { postgres } from './postgres.js';
import { redshift } from './redshift.js';
import { snowflake } from './snowflake.js';
import { trino } from './trino.js';

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = {
  duckdb,
  postgres,
  snowflake,
  bigquery,
  redshift,
  databricks,
  trino,
};
