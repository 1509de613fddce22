import { loadPieces } from '../lib/pieces.mjs';
import { defaultDefinitionSource } from '../lib/definitions.mjs';
import { generateWorld } from '../lib/synthetic.mjs';
import { writeCsvDataset } from '../lib/csv.mjs';
import { openDuckDb, findPostgres, openPostgres } from '../lib/sessions.mjs';
import { loadTables, floorQuery, timeMaterialise, countRows } from '../lib/sql-bench.mjs';
import { mkdtempSync, chmodSync } from 'node:fs';
import { nowMs } from '../lib/stats.mjs';
const p = await loadPieces();
const schema = p.schema.module.loadSchema('/work/main/schema/salesforce.json');
const d = defaultDefinitionSource();
const def = p.front.module.checkSource(d.source, {file: d.file, schema}).definition;
const N = Number(process.argv[2] ?? 1_000_000);
const world = generateWorld(N);
const dir = mkdtempSync('/tmp/sc-bench-'); chmodSync(dir, 0o755);
let t = nowMs(); const files = writeCsvDataset(world, schema, dir); console.log('csv', nowMs()-t, files);
for (const kind of ['duckdb', 'postgres']) {
  let s, server;
  if (kind === 'duckdb') s = await openDuckDb(); else { server = await findPostgres(); console.log(server.how, server.error); if (server.error) continue; s = await openPostgres(server); }
  t = nowMs(); await loadTables(s, schema, files, kind); console.log(kind, 'load', nowMs()-t);
  const script = p.sql.module.compileSql(def, { dialect: kind });
  await s.exec(script);
  for (let i=0;i<3;i++) console.log('views', await timeMaterialise(s, 'SELECT * FROM stage_stamps', kind), await countRows(s, 'bench_out'));
  for (let i=0;i<3;i++) console.log('floor', await timeMaterialise(s, floorQuery(schema), kind), await countRows(s, 'bench_out'));
  await s.close(); server?.stop();
}
