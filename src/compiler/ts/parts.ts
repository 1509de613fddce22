/**
 * The parts of the evaluator module that are the same whatever prints them: which fields each
 * object's evaluator reads, the compiled validation fast path, the predicates' names and the
 * definition's fingerprint. `generate.ts` prints them into the TypeScript module with ts-morph;
 * `in-process.ts` builds the same definition as functions without loading TypeScript.
 */
import { createHash } from 'node:crypto';
import type { CheckedDefinition, CriteriaObject, StageNumber } from '../ir.js';
import { valueFamily, type ObjectDef, type ObjectName } from '../../schema/types.js';
import { columnsNeeded } from '../columns.js';
import { tsString } from './literals.js';

export function normalCheckName(object: ObjectName): string {
  return `normal${object}`;
}

/**
 * The fields of `object` the evaluator reads — its role fields, the fields its criteria
 * compare, the date-follows field — in schema order. Only these are validated on upsert: a
 * CRM object has hundreds of fields, and one the definition never reads cannot change a stamp
 * (docs/runtime.md).
 */
export function fieldsReadBy(def: CheckedDefinition, object: ObjectName): string[] {
  // The stamp's owner is read too; the engagement's lead and contact are carried to the SQL
  // views only and never decide a stamp (§4.2), so the evaluator does not validate them.
  const owner = def.schema.objects[object].roles.owner;
  const read = new Set([...columnsNeeded(def, object), owner]);
  return Object.keys(def.schema.objects[object].fields).filter((name) => read.has(name));
}

/**
 * The compiled validation fast path of one object (`EvaluatorObject.isNormal`): one static
 * property read per field the evaluator reads, instead of the runtime's loop over field names.
 */
export function normalCheck(object: ObjectName, def: ObjectDef<{ id: string }>, read: readonly string[]): { object: ObjectName; name: string; expression: string; helpers: string[] } {
  const skip = new Set<string>([def.roles.id]);
  if (object === 'Engagement') skip.add((def.roles as unknown as { created: string }).created);
  const helpers: string[] = [];
  const tests: string[] = [];
  for (const name of read) {
    const field = def.fields[name];
    if (skip.has(name)) continue;
    const v = `v[${tsString(name)}]`;
    let test: string;
    switch (valueFamily(field.type)) {
      case 'boolean':
        test = `typeof ${v} === "boolean"`;
        break;
      case 'number':
        test = `Number.isFinite(${v})`;
        break;
      case 'date':
        helpers.push('isCanonicalDate');
        test = `isCanonicalDate(${v})`;
        break;
      case 'datetime':
        helpers.push('isCanonicalInstant');
        test = `isCanonicalInstant(${v})`;
        break;
      default: // text, ids, picklists, multi-select: a non-empty string (empty text is null)
        test = `(typeof ${v} === "string" && ${v} !== "")`;
    }
    tests.push(`(${v} == null || ${test})`);
  }
  return { object, name: normalCheckName(object), expression: tests.length === 0 ? 'true' : tests.join('\n    && '), helpers };
}

export function predicateName(stage: StageNumber, object: CriteriaObject): string {
  return `stage${stage}${object}`;
}

/** Identifies the definition and schema; a snapshot only restores into an evaluator of the same. */
export function definitionFingerprint(def: CheckedDefinition): string {
  return createHash('sha256').update(JSON.stringify(def)).digest('hex').slice(0, 16);
}
