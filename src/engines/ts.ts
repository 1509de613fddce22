/**
 * The TypeScript engine: the definition compiled to a TypeScript module (src/compiler/ts),
 * loaded in-process, fed every row of the dataset through the runtime evaluator — the same
 * path an application embedding the evaluator takes (SPEC §6).
 */
import type { CheckedDefinition } from '../compiler/ir.js';
import { loadCompiledDefinition } from '../compiler/ts/index.js';
import type { Dataset } from '../data/dataset.js';
import { createEvaluator, type EvaluatorDefinition } from '../runtime/index.js';
import type { StampRow } from '../runtime/stamp.js';
import type { Engine } from './engine.js';

export async function createTsEngine(): Promise<Engine> {
  // A definition is compiled and imported once per engine, however many datasets it stamps.
  const compiled = new WeakMap<CheckedDefinition, Promise<EvaluatorDefinition>>();
  return {
    name: 'ts',
    async stamps(definition: CheckedDefinition, data: Dataset): Promise<StampRow[]> {
      let module = compiled.get(definition);
      if (module === undefined) {
        module = loadCompiledDefinition(definition);
        compiled.set(definition, module);
      }
      const evaluator = createEvaluator(await module);
      // Engagements first: versions then find their journey and nothing waits as pending.
      for (const row of data.Engagement) evaluator.upsert('Engagement', row);
      for (const row of data.Lead) evaluator.upsert('Lead', row);
      for (const row of data.Contact) evaluator.upsert('Contact', row);
      for (const row of data.Opportunity) evaluator.upsert('Opportunity', row);
      return evaluator.stamps();
    },
    async close(): Promise<void> {},
  };
}
