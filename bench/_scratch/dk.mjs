import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create(':memory:');
const c = await inst.connect();
const r = await c.runAndReadAll(`select '2025-01-31T12:00:00.123Z'::TIMESTAMP as t, lpad(123::varchar, 15, '0') as p, current_setting('threads') th, version() v`);
console.log(r.getRowObjects());
