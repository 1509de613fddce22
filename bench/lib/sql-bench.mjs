/**
 * The SQL-target measurements, shared by DuckDB and PostgreSQL: create the four tables with
 * column types from the schema, bulk-load the CSV files (not timed), create the generated views,
 * then time materialising `stage_stamps` against the floor query.
 *
 * The floor query is the unavoidable work of any set-based answer: one scan of every version
 * table, one join to `engagement`, one aggregate (`min(valid_from)` per journey).
 */
import { nowMs } from './stats.mjs';
import { OBJECTS, columnsOf, createTableSql, quoteIdent, quoteString } from './tables.mjs';

/** Loads the CSV files; `copyFrom` is the engine's bulk path (DuckDB COPY, PostgreSQL COPY). */
export async function loadTables(session, schema, files, dialect) {
  for (const object of OBJECTS) {
    const table = schema.objects[object].table;
    await session.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)} CASCADE`);
    await session.exec(createTableSql(schema, object, dialect));
    const cols = columnsOf(schema, object).map(quoteIdent).join(', ');
    await session.exec(`COPY ${quoteIdent(table)} (${cols}) FROM ${quoteString(files[object])} (FORMAT csv, HEADER true)`);
  }
  if (dialect === 'postgres') await session.exec('ANALYZE');
}

export function floorQuery(schema) {
  const { Engagement: e, Lead: l, Contact: c, Opportunity: o } = schema.objects;
  const version = (obj, link) => `SELECT ${quoteIdent(link)} AS journey_ref, ${quoteIdent(obj.roles.validFrom)} AS valid_from FROM ${quoteIdent(obj.table)}`;
  return [
    `SELECT e.${quoteIdent(e.roles.id)} AS journey_id, min(v.valid_from) AS first_version`,
    `FROM (${version(l, l.roles.currentActivation)} UNION ALL ${version(c, c.roles.currentActivation)} UNION ALL ${version(o, o.roles.activation)}) v`,
    `JOIN ${quoteIdent(e.table)} e ON e.${quoteIdent(e.roles.id)} = v.journey_ref`,
    `GROUP BY e.${quoteIdent(e.roles.id)}`,
  ].join('\n');
}

/** Materialises `query` into a scratch table; returns the milliseconds of that statement. */
export async function timeMaterialise(session, query) {
  await session.exec('DROP TABLE IF EXISTS bench_out');
  const t0 = nowMs();
  await session.exec(`CREATE TEMP TABLE bench_out AS ${query}`);
  return nowMs() - t0;
}

export async function countRows(session, table) {
  const rows = await session.query(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}
