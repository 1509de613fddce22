import { loadCompiledDefinition } from '../compiler/ts/index.js';
import { createEvaluator } from '../runtime/index.js';
export async function createTsEngine() {
    // A definition is compiled and imported once per engine, however many datasets it stamps.
    const compiled = new WeakMap();
    return {
        name: 'ts',
        async stamps(definition, data) {
            let module = compiled.get(definition);
            if (module === undefined) {
                module = loadCompiledDefinition(definition);
                compiled.set(definition, module);
            }
            const evaluator = createEvaluator(await module);
            // Engagements first: versions then find their journey and nothing waits as pending.
            for (const row of data.Engagement)
                evaluator.upsert('Engagement', row);
            for (const row of data.Lead)
                evaluator.upsert('Lead', row);
            for (const row of data.Contact)
                evaluator.upsert('Contact', row);
            for (const row of data.Opportunity)
                evaluator.upsert('Opportunity', row);
            return evaluator.stamps();
        },
        async close() { },
    };
}
//# sourceMappingURL=ts.js.map