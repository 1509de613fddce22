import { bigquery } from './bigquery.js';
import { databricks } from './databricks.js';
import { duckdb } from './duckdb.js';
import { postgres } from './postgres.js';
import { redshift } from './redshift.js';
import { snowflake } from './snowflake.js';
import { trino } from './trino.js';
export const DIALECTS = {
    duckdb,
    postgres,
    snowflake,
    bigquery,
    redshift,
    databricks,
    trino,
};
//# sourceMappingURL=index.js.map