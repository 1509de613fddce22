import { loadPieces } from '../lib/pieces.mjs';
import { generatedCriteria, printDefinition } from '../lib/definitions.mjs';
import { nowMs } from '../lib/stats.mjs';
import { format } from 'sql-formatter';
const p = await loadPieces();
const schema = p.schema.module.loadSchema('/work/main/schema/salesforce.json');
const source = printDefinition('Generated: 1,000 comparisons', generatedCriteria(schema, 1000));
const def = p.front.module.checkSource(source, { file: 'g.stages', schema }).definition;
const sql = p.sql.module.compileSql(def, { dialect: 'duckdb' });
console.log('source bytes', source.length, 'sql bytes', sql.length, 'lines', sql.split('\n').length, "count 'Atlantis'", sql.split('Atlantis').length - 1, 'in source', source.split('Atlantis').length-1);
for (let i=0;i<4;i++){ let t=nowMs(); p.sql.module.compileSql(def, { dialect: 'duckdb' }); const a=nowMs()-t; t=nowMs(); format(sql, {language:'duckdb'}); console.log('compileSql', a.toFixed(0), 'format alone', (nowMs()-t).toFixed(0)); }
