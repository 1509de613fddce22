import { generateWorld, rowAt } from '../lib/synthetic.mjs';
const w = generateWorld(200_000); const s=w.store; let bad=0;
for (let r=0;r<s.n;r+=7){ const row=rowAt(s,r); const t=row.valid_from??row.CreatedDate; if (t!==new Date(Date.UTC(2023,0,1)+s.sec[r]*1000).toISOString()) bad++; if (row.CloseDate && !/^\d{4}-\d\d-\d\d$/.test(row.CloseDate)) bad++;}
console.log('bad', bad, w.counters, w.rows);
