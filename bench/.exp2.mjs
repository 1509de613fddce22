import { openDuckDbSession } from '../dist/data/duckdb/session.js';
import { loadDatasetIntoDuckDb } from '../dist/data/duckdb/load.js';
import { checkDefinitionFile } from '../dist/cli/definition.js';
import { compileSql } from '../dist/compiler/sql/index.js';
import { OBJECTS, duckdbReadCsv, quoteIdent } from './lib/tables.mjs';
import { readFileSync } from 'node:fs';
const dir = process.argv[2];
const def = checkDefinitionFile('examples/default.stages', undefined, { out() {}, err(s) { process.stderr.write(s); } });
const schema = JSON.parse(readFileSync('schema/salesforce.json', 'utf8'));
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
async function views(s, label) {
  await s.connection.run(compileSql(def, { dialect: 'duckdb', pretty: false }));
  const times = [];
  for (let i = 0; i < 3; i++) { const c = cpu(); const t = performance.now(); await s.connection.run('CREATE OR REPLACE TEMP TABLE x AS SELECT * FROM stage_stamps'); times.push(`${Math.round(performance.now() - t)}/${Math.round(cpu() - c)}`); }
  console.log(label, 'views wall/cpu', times.join(' '));
}
for (const mode of ['stages', 'native', 'stages-pio', 'native-nopio']) {
  const config = mode === 'stages-pio' ? { preserve_insertion_order: 'true' } : mode === 'native' ? { preserve_insertion_order: 'true' } : {};
  const s = await openDuckDbSession({ config, memoryLimit: '4GB' });
  if (mode.startsWith('stages')) await loadDatasetIntoDuckDb(s.connection, dir, def.schema);
  else for (const o of OBJECTS) await s.connection.run(`CREATE TABLE ${quoteIdent(schema.objects[o].table)} AS SELECT * FROM ${duckdbReadCsv(schema, o, `${dir}/${schema.objects[o].table}.csv`)}`);
  await views(s, mode);
  await s.close();
}
