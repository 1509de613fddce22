import { loadPieces } from '../lib/pieces.mjs';
import { defaultDefinitionSource } from '../lib/definitions.mjs';
import { generateWorld } from '../lib/synthetic.mjs';
import { rowSource, floorPass, evaluatorPass, retainedHeap, upsertLatency } from '../lib/ts-bench.mjs';
import { fallbackEvaluatorDefinition } from '../lib/fallback-definition.mjs';
const p = await loadPieces();
const schema = p.schema.module.loadSchema('/work/main/schema/salesforce.json');
const d = defaultDefinitionSource();
const def = p.front.module.checkSource(d.source, {file: d.file, schema}).definition;
const N = Number(process.argv[2] ?? 1_000_000);
const world = generateWorld(N);
const src = rowSource(world, {cache: true});
const fdef = fallbackEvaluatorDefinition(def);
const { createEvaluator } = p.runtime.module;
for (let i=0;i<3;i++) console.log('floor', floorPass(fdef, src).ms);
for (let i=0;i<3;i++) { const r = evaluatorPass(createEvaluator, fdef, src); console.log('ev', r.ms, r.stampsMs, r.stamps); }
const m = retainedHeap(createEvaluator, fdef, src, world.activations);
console.log('mem', m.bytesPerJourney, m.retainedBytes);
console.log('lat', upsertLatency(m.evaluator, world, 20000, 2000));
