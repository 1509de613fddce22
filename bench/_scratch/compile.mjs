import { loadPieces } from '../lib/pieces.mjs';
import { generatedCriteria, printDefinition } from '../lib/definitions.mjs';
import { nowMs } from '../lib/stats.mjs';
const p = await loadPieces();
const schema = p.schema.module.loadSchema('/work/main/schema/salesforce.json');
const source = printDefinition('Generated: 1,000 comparisons', generatedCriteria(schema, 1000));
for (let i = 0; i < 6; i++) {
  const t0 = nowMs(); const def = p.front.module.checkSource(source, { file: 'g.stages', schema }).definition;
  const t1 = nowMs(); const sql = p.sql.module.compileSql(def, { dialect: 'duckdb' });
  const t2 = nowMs(); const ts = p.ts.module.compileTs(def);
  const t3 = nowMs();
  console.log('check', (t1-t0).toFixed(0), 'sql', (t2-t1).toFixed(0), 'ts', (t3-t2).toFixed(0), sql.length, ts.length);
}
