import { generateWorld, chunks } from '../lib/synthetic.mjs';
let t=performance.now();
const w = generateWorld(1_000_000);
console.log('gen ms', performance.now()-t, w.counters, w.rows, w.activations);
t=performance.now();
const seen = new Set(); let dup=0; let n=0; let prev='';let unordered=0;
const samples = {};
for (const {objects, rows} of chunks(w)) { for (let i=0;i<rows.length;i++){ const o=objects[i], r=rows[i]; n++;
  const t = r.valid_from ?? r.CreatedDate; if (t < prev) unordered++; prev = t;
  const k=o+r.Id+(r.valid_from??''); if (seen.has(k)) dup++; seen.add(k); (samples[o] ??= []).length < 8 && samples[o].push(r);} }
console.log('mat ms', performance.now()-t, n, 'dup', dup, 'unordered', unordered);
console.log(samples.Lead.slice(0,3), samples.Opportunity.slice(0,2), samples.Engagement.slice(0,2), samples.Contact.slice(0,1));
