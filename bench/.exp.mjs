import { openDuckDbSession } from '../dist/data/duckdb/session.js';
import { loadDatasetIntoDuckDb } from '../dist/data/duckdb/load.js';
import { checkDefinitionFile } from '../dist/cli/definition.js';
import { compileSql } from '../dist/compiler/sql/index.js';
const dir = process.argv[2]; const pio = process.argv[3];
const def = checkDefinitionFile('examples/default.stages', undefined, { out() {}, err(s) { process.stderr.write(s); } });
const cfg = pio ? { preserve_insertion_order: pio } : {};
const s = await openDuckDbSession({ config: cfg, memoryLimit: process.argv[4] });
let t = performance.now();
await loadDatasetIntoDuckDb(s.connection, dir, def.schema);
const load = performance.now() - t;
await s.connection.run(compileSql(def, { dialect: 'duckdb', pretty: false }));
const times = [];
for (let i = 0; i < 3; i++) { t = performance.now(); await s.connection.run('CREATE OR REPLACE TEMP TABLE x AS SELECT * FROM stage_stamps'); times.push(Math.round(performance.now() - t)); }
console.log('pio', pio, 'load', Math.round(load), 'views', times.join(' '));
await s.close();
