import { loadPieces } from '../lib/pieces.mjs';
import { defaultDefinitionSource } from '../lib/definitions.mjs';
import { openDuckDb } from '../lib/sessions.mjs';
import { loadTables, timeMaterialise, countRows, floorQuery } from '../lib/sql-bench.mjs';
import { readFileSync } from 'node:fs';
const p = await loadPieces();
const schema = p.schema.module.loadSchema('/work/main/schema/salesforce.json');
const d = defaultDefinitionSource();
const def = p.front.module.checkSource(d.source, {file: d.file, schema}).definition;
const dir = process.argv[2];
const files = { Engagement: dir+'/engagement.csv', Lead: dir+'/lead.csv', Contact: dir+'/contact.csv', Opportunity: dir+'/opportunity.csv' };
const s = await openDuckDb();
await loadTables(s, schema, files, 'duckdb');
const script = p.sql.module.compileSql(def, { dialect: 'duckdb' });
await s.exec(script);
const base = await s.query('SELECT * FROM stage_stamps EXCEPT ALL SELECT * FROM stage_stamps LIMIT 0');
const variants = JSON.parse(readFileSync(process.argv[3], 'utf8'));
if (process.argv[4]) { console.log('orig0', await timeMaterialise(s, 'SELECT * FROM stage_stamps', 'duckdb')); await s.exec('CREATE TEMP TABLE ref0 AS SELECT * FROM bench_out'); await s.exec(readFileSync(process.argv[4], 'utf8')); }
console.log('floor', await timeMaterialise(s, floorQuery(schema), 'duckdb'));
console.log('orig', await timeMaterialise(s, 'SELECT * FROM stage_stamps', 'duckdb'));
await s.exec('CREATE TEMP TABLE ref AS SELECT * FROM bench_out');
for (const [name, sql] of Object.entries(variants)) {
  try {
  const ms = await timeMaterialise(s, sql, 'duckdb');
  if (!name.startsWith('full') && !['nocollate','argmin'].includes(name)) { console.log(name, ms.toFixed(0), 'ms', await countRows(s, 'bench_out')); continue; }
  const diff = await s.query('SELECT (SELECT count(*) FROM (SELECT * FROM bench_out EXCEPT ALL SELECT * FROM ref)) a, (SELECT count(*) FROM (SELECT * FROM ref EXCEPT ALL SELECT * FROM bench_out)) b');
  console.log(name, ms.toFixed(0), 'ms; diff', diff[0]);
  } catch (e) { console.log(name, 'ERR', e.message.slice(0,300)); }
}
await s.close();
