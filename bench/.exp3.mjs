import { openDuckDbSession } from '../dist/data/duckdb/session.js';
import { loadDatasetIntoDuckDb } from '../dist/data/duckdb/load.js';
import { checkDefinitionFile } from '../dist/cli/definition.js';
import { compileSql } from '../dist/compiler/sql/index.js';
import { writeStampsFile } from '../dist/data/duckdb/write.js';
const dir = process.argv[2];
const def = checkDefinitionFile('examples/default.stages', undefined, { out() {}, err(s) { process.stderr.write(s); } });
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };
const s = await openDuckDbSession({ memoryLimit: '4GB' });
await loadDatasetIntoDuckDb(s.connection, dir, def.schema);
await s.connection.run(compileSql(def, { dialect: 'duckdb', pretty: false }));
await s.connection.run('CREATE OR REPLACE TEMP TABLE x AS SELECT * FROM stage_stamps');
const r = await s.connection.runAndReadAll('SELECT count(*) FROM x'); console.log('rows', r.getRows()[0][0]);
const variants = {
  ours: () => writeStampsFile(s.connection, 'x', 'csv', '/tmp/w1.csv'),
  native: () => s.connection.run(`COPY (SELECT object, record_id, stage, label, strftime(stage_date, '%Y-%m-%dT%H:%M:%S.%gZ') AS stage_date, owner_id, inferred FROM x ORDER BY object, record_id, stage) TO '/tmp/w2.csv' (FORMAT csv, HEADER true)`),
  sortonly: () => s.connection.run(`CREATE OR REPLACE TEMP TABLE y AS SELECT * FROM x ORDER BY object COLLATE "binary", record_id COLLATE "binary", stage`),
  sortnocoll: () => s.connection.run(`CREATE OR REPLACE TEMP TABLE y AS SELECT * FROM x ORDER BY object, record_id, stage`),
};
for (let i = 0; i < 3; i++) for (const [k, f] of Object.entries(variants)) { const c = cpu(); const t = performance.now(); await f(); console.log(k, Math.round(performance.now() - t), Math.round(cpu() - c)); }
await s.close();
