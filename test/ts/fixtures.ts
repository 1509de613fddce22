/**
 * Checked definitions built by hand (the IR of src/compiler/ir.ts), so the TypeScript back end
 * is tested independently of the front end.
 */
import type { CheckedDefinition, CheckedStage, FieldRef, Literal, Predicate, StageCriteria } from '../../src/compiler/ir.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import type { ObjectName } from '../../src/schema/types.js';

export function f(object: ObjectName, name: string): FieldRef {
  const field = loadDefaultSchema().objects[object].fields[name];
  if (field === undefined) throw new Error(`no field ${object}.${name}`);
  return { kind: 'field', name, column: name, type: field.type };
}
export const text = (value: string): Literal => ({ kind: 'literal', type: 'text', value });
export const num = (value: number): Literal => ({ kind: 'literal', type: 'number', value });
export const bool = (value: boolean): Literal => ({ kind: 'literal', type: 'boolean', value });
export const date = (value: string): Literal => ({ kind: 'literal', type: 'date', value });
export const datetime = (value: string): Literal => ({ kind: 'literal', type: 'datetime', value });

export function definition(
  criteria: Partial<Record<2 | 3 | 5 | 6, StageCriteria | 'unused'>>,
  options: { labels?: Partial<Record<number, string>>; dateFollows?: string; journey?: string | null } = {},
): CheckedDefinition {
  const defaults = ['Activation', 'MQL', 'SAL', 'Opportunity Created', 'SQL', 'Won'];
  const stages: CheckedStage[] = defaults.map((label, i) => {
    const stage = (i + 1) as CheckedStage['stage'];
    const c = stage === 1 || stage === 4 ? undefined : criteria[stage];
    return {
      stage,
      label: options.labels?.[stage] ?? label,
      enabled: stage === 1 || stage === 4 || (c !== undefined && c !== 'unused'),
      criteria: c === undefined || c === 'unused' ? {} : c,
      ...(stage === 6 && options.dateFollows !== undefined ? { dateFollows: options.dateFollows } : {}),
    };
  });
  return { journey: options.journey === undefined ? 'Acme sales journey' : options.journey, stages, schema: loadDefaultSchema() };
}

const inList = (field: FieldRef, values: string[], negated = false): Predicate => ({ kind: 'in', negated, field, values: values.map(text) });

/** The IR of examples/default.stages (SPEC §2). */
export function defaultDefinition(): CheckedDefinition {
  return definition(
    {
      2: {
        Lead: inList(f('Lead', 'Status'), ['Open', 'Routed']),
        Contact: { kind: 'and', args: [inList(f('Contact', 'Status'), ['Open', 'Routed']), { kind: 'not', arg: { kind: 'boolField', field: f('Contact', 'IsDeleted') } }] },
      },
      3: {
        Lead: { kind: 'compare', op: '=', left: f('Lead', 'Status'), right: text('Working') },
        Contact: { kind: 'compare', op: '=', left: f('Contact', 'Status'), right: text('Working') },
      },
      5: { Opportunity: { kind: 'compare', op: '>', left: f('Opportunity', 'Probability'), right: num(0) } },
      6: { Opportunity: { kind: 'boolField', field: f('Opportunity', 'IsWon') } },
    },
    { dateFollows: 'CloseDate' },
  );
}

/** One criteria line per IR node and operator, each in its own `or` branch so every one is evaluated. */
export function operatorPredicates(): Record<string, Predicate> {
  const L = (n: string) => f('Lead', n);
  return {
    eqText: { kind: 'compare', op: '=', left: L('Status'), right: text('Open') },
    neText: { kind: 'compare', op: '!=', left: L('Status'), right: text('Open') },
    ltNum: { kind: 'compare', op: '<', left: L('Score'), right: num(10) },
    leNum: { kind: 'compare', op: '<=', left: L('Score'), right: num(-2.5) },
    gtNum: { kind: 'compare', op: '>', left: L('AnnualRevenue'), right: num(1e21) },
    geNum: { kind: 'compare', op: '>=', left: L('NumberOfEmployees'), right: num(0) },
    litLeft: { kind: 'compare', op: '<', left: num(5), right: L('Score') },
    eqBool: { kind: 'compare', op: '=', left: L('IsConverted'), right: bool(false) },
    fieldEq: { kind: 'compare', op: '=', left: L('Country'), right: L('Email') },
    fieldNe: { kind: 'compare', op: '!=', left: L('Country'), right: L('Email') },
    fieldLt: { kind: 'compare', op: '<', left: L('Score'), right: L('AnnualRevenue') },
    in: inList(L('Rating'), ['Hot', 'Warm']),
    notIn: inList(L('Rating'), ['Hot'], true),
    isNull: { kind: 'isNull', negated: false, field: L('Email') },
    isNotNull: { kind: 'isNull', negated: true, field: L('Email') },
    contains: { kind: 'textMatch', op: 'contains', field: L('Email'), operand: text('%_@') },
    startsWith: { kind: 'textMatch', op: 'startsWith', field: L('Email'), operand: text('a') },
    endsWith: { kind: 'textMatch', op: 'endsWith', field: L('Email'), operand: L('Country') },
    includes: { kind: 'multiMatch', op: 'includes', field: L('Interests'), sets: [['AI', 'Cloud'], ['Data']] },
    excludes: { kind: 'multiMatch', op: 'excludes', field: L('Interests'), sets: [['Security']] },
    bare: { kind: 'boolField', field: L('IsConverted') },
    notBare: { kind: 'not', arg: { kind: 'boolField', field: L('IsConverted') } },
    and: { kind: 'and', args: [{ kind: 'boolField', field: L('IsConverted') }, { kind: 'isNull', negated: false, field: L('Email') }] },
  };
}

/** A definition using every operator (on Lead, Contact and Opportunity, with dates and datetimes). */
export function everyOperatorDefinition(): CheckedDefinition {
  const O = (n: string) => f('Opportunity', n);
  const C = (n: string) => f('Contact', n);
  return definition(
    {
      2: { Lead: { kind: 'or', args: Object.values(operatorPredicates()) }, Contact: { kind: 'compare', op: '>=', left: C('Score'), right: num(3) } },
      3: 'unused',
      5: {
        Opportunity: {
          kind: 'and',
          args: [
            { kind: 'compare', op: '>=', left: O('CloseDate'), right: date('2025-01-31') },
            { kind: 'not', arg: { kind: 'compare', op: '=', left: O('StageName'), right: text('Closed Lost') } },
          ],
        },
      },
      6: { Opportunity: { kind: 'or', args: [{ kind: 'boolField', field: O('IsWon') }, { kind: 'compare', op: '!=', left: O('CloseDate'), right: date('2030-12-31') }] } },
    },
    { dateFollows: 'CloseDate' },
  );
}
