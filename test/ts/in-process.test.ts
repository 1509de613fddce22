/**
 * The evaluator definition built in-process (no TypeScript, no ts-morph) is the generated
 * module's: the same metadata, predicates that agree on every record, the same validation
 * fast path and, on a whole dataset, the same stamps.
 */
import ts from 'typescript';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { compilePredicate, evaluatorDefinitionInProcess, loadCompiledDefinition } from '../../src/compiler/ts/index.js';
import { compilePredicateJs } from '../../src/compiler/ts/predicates.js';
import { loadDataset } from '../../src/data/load.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { replicaSchema } from '../support/replica-layout.js';
import * as runtime from '../../src/runtime/index.js';
import type { EvaluatorDefinition, EvaluatorRecord } from '../../src/runtime/index.js';
import { defaultDefinition, everyOperatorDefinition, operatorPredicates } from './fixtures.js';

/** The definition with its functions replaced by their presence. */
function shape(d: EvaluatorDefinition): unknown {
  return JSON.parse(JSON.stringify(d, (_, value: unknown) => (typeof value === 'function' ? 'function' : value)));
}

function enterpriseDefinition(): CheckedDefinition {
  const { definition } = checkFile('examples/enterprise.stages');
  if (definition === null) throw new Error('examples/enterprise.stages does not check');
  return definition;
}

/** The default definition over the replica layout: warehouse columns, record types by id. */
function replicaDefinition(): CheckedDefinition {
  const { definition } = checkFile('examples/default.stages', replicaSchema(loadDefaultSchema()));
  if (definition === null) throw new Error('examples/default.stages does not check on the replica schema');
  return definition;
}

describe('the in-process evaluator definition', () => {
  it('has the generated module\'s metadata, predicates and fast paths', async () => {
    for (const def of [defaultDefinition(), everyOperatorDefinition(), enterpriseDefinition(), replicaDefinition()]) {
      const module = await loadCompiledDefinition(def);
      const direct = evaluatorDefinitionInProcess(def, runtime);
      expect(shape(direct)).toEqual(shape(module));
    }
  });

  it('compiles every operator to the same JavaScript behaviour as the TypeScript predicate', () => {
    const row = fc.record(
      {
        Status: fc.constantFrom('Open', 'open', 'Working', null),
        Rating: fc.constantFrom('Hot', 'Warm', 'hot', null),
        Score: fc.constantFrom(null, -2.5, 0, 5, 10, 11),
        AnnualRevenue: fc.constantFrom(null, 0, 5, 2e21),
        NumberOfEmployees: fc.constantFrom(null, -1, 0, 7),
        Country: fc.constantFrom(null, 'a@x', '%_@', 'DE'),
        Email: fc.constantFrom(null, 'a@x', 'b%_@c', 'ab'),
        Interests: fc.constantFrom(null, 'AI', 'AI;Cloud', 'AI;Clouds', ';'),
        IsConverted: fc.constantFrom(null, true, false),
      },
      { requiredKeys: [] },
    );
    for (const p of Object.values(operatorPredicates())) {
      const typed = new Function(`return ${ts.transpile(`(function (r: any) { return ${compilePredicate(p)}; })`, { target: ts.ScriptTarget.ES2022 })}`)() as (r: EvaluatorRecord) => boolean;
      const plain = new Function('r', `return ${compilePredicateJs(p)};`) as (r: EvaluatorRecord) => boolean;
      fc.assert(fc.property(row, (r) => plain(r as EvaluatorRecord) === typed(r as EvaluatorRecord)), { numRuns: 200 });
    }
  });

  it('gives the same stamps as the generated module on examples/acme', async () => {
    const def = defaultDefinition();
    const data = await loadDataset('examples/acme', def.schema);
    const stampsOf = (d: EvaluatorDefinition) => {
      const evaluator = runtime.createEvaluator(d);
      for (const object of ['Engagement', 'Lead', 'Contact', 'Opportunity'] as const) for (const r of data[object]) evaluator.upsert(object, r);
      return evaluator.stamps();
    };
    const direct = evaluatorDefinitionInProcess(def, runtime);
    expect(stampsOf(direct)).toEqual(stampsOf(await loadCompiledDefinition(def)));
    const record = { Id: 'L1', valid_from: '2025-01-01T00:00:00.000Z', Status: 5 };
    expect(direct.objects.Lead.isNormal!(record)).toBe(false);
    expect(direct.objects.Lead.isNormal!({ ...record, Status: 'Open' })).toBe(true);
  });
});
