import { DuckDBInstance } from '@duckdb/node-api';
const c = await (await DuckDBInstance.create(':memory:')).connect();
for (const f of ['/tmp/tc1.csv', '/tmp/tc2.csv', '/tmp/tc3.csv']) {
  try { const r = await c.runAndReadAll(`SELECT * FROM read_csv('${f}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', strict_mode = true, null_padding = false, columns = {'c0': 'VARCHAR', 'c1': 'VARCHAR'})`); console.log(f, JSON.stringify(r.getRows())); }
  catch (e) { console.log(f, 'ERR', e.message.split('\n')[0]); }
}
