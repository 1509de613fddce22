import { loadPieces } from '../lib/pieces.mjs';
import { defaultDefinitionSource } from '../lib/definitions.mjs';
import { generateWorld } from '../lib/synthetic.mjs';
import { rowSource, floorPass, evaluatorPass } from '../lib/ts-bench.mjs';
const p = await loadPieces();
console.log(p.ts.ok, p.ts.why);
const schema = p.schema.module.loadSchema('/work/main/schema/salesforce.json');
const d = defaultDefinitionSource();
const def = p.front.module.checkSource(d.source, {file: d.file, schema}).definition;
const evDef = await p.ts.module.loadCompiledDefinition(def);
const world = generateWorld(1_000_000);
const src = rowSource(world, {cache: true});
for (let i=0;i<3;i++) { const f = floorPass(evDef, src).ms; const r = evaluatorPass(p.runtime.module.createEvaluator, evDef, src); console.log('floor', f.toFixed(0), 'ev', r.ms.toFixed(0), 'stamps()', r.stampsMs.toFixed(0), r.stamps); }
