import { loadPieces } from '../lib/pieces.mjs';
import { defaultDefinitionSource } from '../lib/definitions.mjs';
import { openDuckDb } from '../lib/sessions.mjs';
import { loadTables, timeMaterialise, floorQuery } from '../lib/sql-bench.mjs';
import { readFileSync } from 'node:fs';
const p = await loadPieces();
const schema = p.schema.module.loadSchema('/work/main/schema/salesforce.json');
const d = defaultDefinitionSource();
const def = p.front.module.checkSource(d.source, {file: d.file, schema}).definition;
const dir = process.argv[2];
const files = { Engagement: dir+'/engagement.csv', Lead: dir+'/lead.csv', Contact: dir+'/contact.csv', Opportunity: dir+'/opportunity.csv' };
const s = await openDuckDb();
await loadTables(s, schema, files, 'duckdb');
await s.exec(p.sql.module.compileSql(def, { dialect: 'duckdb' }));
const cpu = async (sql) => { const r = await s.query(`EXPLAIN (ANALYZE, FORMAT json) ${sql}`); const j = JSON.parse(r[0].explain_value); const root = Array.isArray(j) ? j[0] : j; let c = 0; const w = (n) => { c += Number(n.operator_timing ?? 0); (n.children ?? []).forEach(w); }; w(root); return c; };
const variants = { floor: floorQuery(schema), current: 'SELECT * FROM stage_stamps' };
for (const f of process.argv.slice(3)) variants[f] = readFileSync(f, 'utf8');
await s.exec('CREATE TEMP TABLE ref AS SELECT * FROM stage_stamps');
for (let round = 0; round < 2; round++) for (const [k, sql] of Object.entries(variants)) {
  const c = await cpu(sql); const wall = await timeMaterialise(s, sql, 'duckdb');
  let same = '';
  if (k !== 'floor') { const r = await s.query('SELECT (SELECT count(*) FROM (SELECT * FROM bench_out EXCEPT ALL SELECT * FROM ref)) + (SELECT count(*) FROM (SELECT * FROM ref EXCEPT ALL SELECT * FROM bench_out)) AS d'); same = `diff=${r[0].d}`; }
  console.log(k.padEnd(40), 'cpu', (c*1000).toFixed(0).padStart(6), 'ms  wall', wall.toFixed(0).padStart(6), 'ms', same);
}
await s.close();
