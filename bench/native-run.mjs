#!/usr/bin/env node
/**
 * The native DuckDB pipeline `stages run` is measured against (`run_*_vs_native` in
 * `npm run bench`), run by the bench as a fresh process like the CLI: what a data engineer
 * would write with @duckdb/node-api and the compiled views, nothing more.
 *
 *   node bench/native-run.mjs --format=csv|parquet --data=DIR --views=VIEWS.sql --out=F.csv
 *
 * Loads DIR/{engagement,lead,contact,opportunity}.{csv,parquet} into in-memory tables (CSV:
 * `read_csv` with the column types of the schema, no sniffing; Parquet: `read_parquet`),
 * creates the compiled views (`stages compile --target sql --dialect duckdb` output) and
 * writes `stage_stamps` with one `COPY … TO` in the CSV of SPEC §4.5.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ROOT } from './lib/definitions.mjs';
import { OBJECTS, duckdbReadCsv, quoteIdent, quoteString } from './lib/tables.mjs';

/** @type {Record<string, string>} */
const opts = Object.fromEntries(process.argv.slice(2).map((a) => /** @type {[string, string]} */ (a.replace(/^--/, '').split(/=(.*)/s).slice(0, 2))));
for (const name of ['format', 'data', 'views', 'out']) if (!opts[name]) throw new Error(`native-run: --${name}= is required`);
const schema = JSON.parse(readFileSync(opts.schema ?? join(ROOT, 'schema/salesforce.json'), 'utf8'));

/** SPEC §4.5: the seven columns, ISO instants with milliseconds, sorted by object, record_id, stage. */
const STAMPS_CSV_QUERY = [
  "SELECT object, record_id, stage, label, strftime(stage_date, '%Y-%m-%dT%H:%M:%S.%gZ') AS stage_date, owner_id, inferred",
  'FROM stage_stamps ORDER BY object, record_id, stage',
].join(' ');

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
for (const object of OBJECTS) {
  const table = schema.objects[object].table;
  const file = join(opts.data, `${table}.${opts.format}`);
  const source = opts.format === 'parquet' ? `read_parquet(${quoteString(file)})` : duckdbReadCsv(schema, object, file);
  await connection.run(`CREATE TABLE ${quoteIdent(table)} AS SELECT * FROM ${source}`);
}
await connection.run(readFileSync(opts.views, 'utf8'));
await connection.run(`COPY (${STAMPS_CSV_QUERY}) TO ${quoteString(opts.out)} (FORMAT csv, HEADER true)`);
connection.closeSync();
instance.closeSync();
