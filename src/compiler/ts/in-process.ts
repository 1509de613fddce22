/**
 * `evaluatorDefinitionInProcess(def, helpers)`: the definition the generated module exports
 * (`generate.ts`), built in this process as JavaScript functions from the same parts — the
 * predicates of `predicates.ts` without their TypeScript-only casts, the validation fast path
 * and metadata of `parts.ts`. No TypeScript compiler, no ts-morph, no temporary module: loading
 * those takes longer than the evaluator needs for a million versions, so `stages run --engine
 * ts` and `stages diff --engine ts` use this. The generated module stays what applications
 * embed; `test/ts/in-process.test.ts` holds the two to the same definition and the same stamps.
 *
 * The function bodies are generated from the checked IR only (field names and literals through
 * the escaping of `literals.ts`), exactly as the module's are.
 */
import { CRITERIA_OBJECTS, type CheckedDefinition } from '../ir.js';
import { ACTIVATION_RECORD_TYPE, OBJECT_NAMES, type ObjectDef } from '../../schema/types.js';
import type { EvaluatorDefinition, EvaluatorStage, StagePredicates } from '../../runtime/index.js';
import { compilePredicateJs } from './predicates.js';
import { definitionFingerprint, fieldsReadBy, normalCheck } from './parts.js';

/** The runtime's helpers the validation fast path may call (the module imports them by name). */
export interface FastPathHelpers {
  readonly isCanonicalDate: (value: unknown) => boolean;
  readonly isCanonicalInstant: (value: unknown) => boolean;
}

type Check = (record: Readonly<Record<string, unknown>>) => boolean;

function predicateFunction(expression: string): Check {
  return new Function('r', `return ${expression};`) as Check;
}

export function evaluatorDefinitionInProcess(def: CheckedDefinition, helpers: FastPathHelpers): EvaluatorDefinition {
  const stages: EvaluatorStage[] = def.stages.map((stage) => {
    const predicates: Record<string, Check> = {};
    if (stage.enabled) {
      for (const object of CRITERIA_OBJECTS) {
        const p = stage.criteria[object];
        if (p !== undefined) predicates[object] = predicateFunction(compilePredicateJs(p));
      }
    }
    const entry = { stage: stage.stage, label: stage.label, enabled: stage.enabled, predicates: predicates as StagePredicates };
    return stage.stage === 6 ? { ...entry, dateFollows: stage.dateFollows ?? null } : entry;
  });
  const objects = Object.fromEntries(
    OBJECT_NAMES.map((object) => {
      const o = def.schema.objects[object];
      const read = fieldsReadBy(def, object);
      const check = normalCheck(object, o as ObjectDef<{ id: string }>, read);
      const isNormal = new Function('isCanonicalDate', 'isCanonicalInstant', `return (v) => ${check.expression};`)(
        helpers.isCanonicalDate,
        helpers.isCanonicalInstant,
      ) as Check;
      return [object, { roles: o.roles, fields: Object.fromEntries(read.map((name) => [name, o.fields[name]!.type])), isNormal }];
    }),
  ) as unknown as EvaluatorDefinition['objects'];
  const activationIds = def.schema.objects.Engagement.recordTypes?.[ACTIVATION_RECORD_TYPE];
  return {
    format: 1,
    journey: def.journey,
    fingerprint: definitionFingerprint(def),
    activationRecordType: ACTIVATION_RECORD_TYPE,
    ...(activationIds === undefined ? {} : { activationRecordTypeIds: activationIds }),
    stages,
    objects,
  };
}
