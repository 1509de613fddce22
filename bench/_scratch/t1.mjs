import { loadPieces } from '../lib/pieces.mjs';
import { defaultDefinitionSource, wideCriteria, printDefinition, generatedCriteria, loadSchemaJson } from '../lib/definitions.mjs';
import { generateWorld } from '../lib/synthetic.mjs';
import { rowSource, floorPass, compiledPredicatesPass, interpretedPredicatesPass, rulesEnginePass, interpretedHits } from '../lib/ts-bench.mjs';
import { fallbackEvaluatorDefinition } from '../lib/fallback-definition.mjs';
import { buildRulesEngines } from '../lib/rules-engine.mjs';
const p = await loadPieces();
console.log(Object.fromEntries(Object.entries(p).map(([k,v])=>[k, v.ok || v.why])));
const schema = p.schema.module.loadSchema('/work/main/schema/salesforce.json');
const check = (file, source) => { const r = p.front.module.checkSource(source, {file, schema}); if (!r.definition) { console.log(r.diagnostics.slice(0,5)); } return r.definition; };
const d = defaultDefinitionSource();
const def = check(d.file, d.source);
const wideText = printDefinition('wide', wideCriteria(schema));
console.log(wideText.slice(0, 1500));
const wide = check('wide.stages', wideText);
const gen = check('gen.stages', printDefinition('gen', generatedCriteria(schema, 1000)));
console.log(!!def, !!wide, !!gen);
const world = generateWorld(1_000_000);
const src = rowSource(world, {cache: true});
const fdef = fallbackEvaluatorDefinition(def), fwide = fallbackEvaluatorDefinition(wide);
for (let i=0;i<3;i++) { console.log('floor', floorPass(fdef, src)); }
for (let i=0;i<3;i++) { console.log('compiled', compiledPredicatesPass(fwide, src), 'interp', interpretedPredicatesPass(wide, src)); }
const engines = buildRulesEngines(def);
for (let i=0;i<2;i++) console.log('jre', await rulesEnginePass(engines, src, 50000), interpretedHits(def, src, 50000));
