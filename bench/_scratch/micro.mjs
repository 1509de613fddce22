import { loadPieces } from '../lib/pieces.mjs';
import { defaultDefinitionSource } from '../lib/definitions.mjs';
import { openDuckDb } from '../lib/sessions.mjs';
import { loadTables, timeMaterialise } from '../lib/sql-bench.mjs';
const p = await loadPieces();
const schema = p.schema.module.loadSchema('/work/main/schema/salesforce.json');
const d = defaultDefinitionSource();
const def = p.front.module.checkSource(d.source, {file: d.file, schema}).definition;
const dir = process.argv[2];
const files = { Engagement: dir+'/engagement.csv', Lead: dir+'/lead.csv', Contact: dir+'/contact.csv', Opportunity: dir+'/opportunity.csv' };
const s = await openDuckDb();
await loadTables(s, schema, files, 'duckdb');
await s.exec(p.sql.module.compileSql(def, { dialect: 'duckdb' }));
await s.exec(`CREATE TABLE cand AS SELECT * FROM stage_candidates`);
await s.exec(`CREATE TABLE smap AS SELECT * FROM (VALUES ('engagement',1,1),('engagement',2,1),('engagement',3,1),('engagement',2,2),('engagement',3,2),('engagement',4,2),('engagement',3,3),('engagement',4,3),('opportunity',4,4),('opportunity',5,4),('opportunity',6,4),('opportunity',5,5),('opportunity',6,5),('opportunity',6,6)) v(object, source_stage, stage)`);
await s.exec(`CREATE TABLE x AS SELECT m.stage, c.* FROM cand c JOIN smap m USING (object, source_stage)`);
const q = {
  window_binary: `SELECT * FROM x QUALIFY row_number() OVER (PARTITION BY object, record_id, stage ORDER BY t, source_stage, source_rank, owner_id COLLATE "binary" NULLS LAST, source_id COLLATE "binary") = 1`,
  window_plain: `SELECT * FROM x QUALIFY row_number() OVER (PARTITION BY object, record_id, stage ORDER BY t, source_stage, source_rank, owner_id NULLS LAST, source_id) = 1`,
  window_t_only: `SELECT * FROM x QUALIFY row_number() OVER (PARTITION BY object, record_id, stage ORDER BY t) = 1`,
  groupby_min_t: `SELECT object, record_id, stage, min(t) FROM x GROUP BY ALL`,
  argmin_struct: `SELECT object, record_id, stage, arg_min(source_id, (t, source_stage, source_rank, owner_id IS NULL, owner_id, source_id)) FROM x GROUP BY ALL`,
  sort_all: `SELECT * FROM x ORDER BY object, record_id, stage, t, source_stage, source_rank, owner_id NULLS LAST, source_id`,
  count: `SELECT count(*) FROM x`,
};
for (const [k, sql] of Object.entries(q)) {
  const r = await s.query(`EXPLAIN (ANALYZE, FORMAT json) ${sql}`);
  const j = JSON.parse(r[0].explain_value); const root = Array.isArray(j) ? j[0] : j;
  let cpu = 0; const walk = (n) => { cpu += Number(n.operator_timing ?? 0); (n.children ?? []).forEach(walk); }; walk(root);
  const wall = await timeMaterialise(s, sql, 'duckdb');
  console.log(k.padEnd(16), 'wall', wall.toFixed(0), 'ms  cpu(ops)', (cpu*1000).toFixed(0), 'ms');
}
await s.close();
