/**
 * Hand-built checked definitions for the SQL back-end tests, so they do not depend on the
 * front end: the SPEC §2 example, a definition exercising every IR operator, and builders.
 */
import type { CheckedDefinition, CheckedStage, FieldRef, Literal, Predicate, StageCriteria, StageNumber } from '../../src/compiler/ir.js';
import { DEFAULT_LABELS } from '../../src/compiler/ir.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import type { ObjectName, Schema } from '../../src/schema/types.js';

export function field(schema: Schema, object: ObjectName, name: string): FieldRef {
  const def = schema.objects[object].fields[name];
  if (def === undefined) throw new Error(`no field ${object}.${name}`);
  return { kind: 'field', name, column: name, type: def.type };
}

export const text = (value: string): Literal => ({ kind: 'literal', type: 'text', value });
export const num = (value: number): Literal => ({ kind: 'literal', type: 'number', value });
export const bool = (value: boolean): Literal => ({ kind: 'literal', type: 'boolean', value });
export const date = (value: string): Literal => ({ kind: 'literal', type: 'date', value });
export const datetime = (value: string): Literal => ({ kind: 'literal', type: 'datetime', value });

export interface StageSpec {
  readonly label?: string;
  readonly enabled?: boolean;
  readonly criteria?: StageCriteria;
  readonly dateFollows?: string;
}

/** A definition from per-stage specs; stages not given are disabled (1 and 4 always enabled). */
export function definition(
  stages: Partial<Record<StageNumber, StageSpec>>,
  options: { schema?: Schema; journey?: string | null } = {},
): CheckedDefinition {
  const all: CheckedStage[] = ([1, 2, 3, 4, 5, 6] as const).map((k) => {
    const spec = stages[k];
    const enabled = k === 1 || k === 4 || (spec !== undefined && spec.enabled !== false);
    return {
      stage: k,
      label: spec?.label ?? DEFAULT_LABELS[k],
      enabled,
      criteria: spec?.criteria ?? {},
      ...(spec?.dateFollows !== undefined ? { dateFollows: spec.dateFollows } : {}),
    };
  });
  return { journey: options.journey === undefined ? 'Test journey' : options.journey, stages: all, schema: options.schema ?? loadDefaultSchema() };
}

/** SPEC §2 (the shipped default). */
export function specExample(schema: Schema = loadDefaultSchema()): CheckedDefinition {
  const statusIn = (object: 'Lead' | 'Contact'): Predicate => ({
    kind: 'in',
    negated: false,
    field: field(schema, object, 'Status'),
    values: [text('Open'), text('Routed')],
  });
  const working = (object: 'Lead' | 'Contact'): Predicate => ({
    kind: 'compare',
    op: '=',
    left: field(schema, object, 'Status'),
    right: text('Working'),
  });
  return definition(
    {
      1: { label: 'Activation' },
      2: {
        label: 'MQL',
        criteria: {
          Lead: statusIn('Lead'),
          Contact: {
            kind: 'and',
            args: [statusIn('Contact'), { kind: 'not', arg: { kind: 'boolField', field: field(schema, 'Contact', 'IsDeleted') } }],
          },
        },
      },
      3: { label: 'SAL', criteria: { Lead: working('Lead'), Contact: working('Contact') } },
      4: { label: 'Opportunity Created' },
      5: {
        label: 'SQL',
        criteria: { Opportunity: { kind: 'compare', op: '>', left: field(schema, 'Opportunity', 'Probability'), right: num(0) } },
      },
      6: {
        label: 'Won',
        criteria: { Opportunity: { kind: 'boolField', field: field(schema, 'Opportunity', 'IsWon') } },
        dateFollows: 'CloseDate',
      },
    },
    { schema, journey: 'Acme sales journey' },
  );
}

/** Every predicate node kind and operator, spread over stages 2, 3, 5 and 6. */
export function everyOperator(schema: Schema = loadDefaultSchema()): CheckedDefinition {
  const L = (name: string) => field(schema, 'Lead', name);
  const C = (name: string) => field(schema, 'Contact', name);
  const O = (name: string) => field(schema, 'Opportunity', name);
  const lead: Predicate = {
    kind: 'or',
    args: [
      { kind: 'compare', op: '!=', left: L('Status'), right: text("It's \\ -- ; \"quoted\"") },
      { kind: 'compare', op: '>=', left: L('AnnualRevenue'), right: num(1e21) },
      { kind: 'compare', op: '<', left: L('Score'), right: num(-2.5) },
      { kind: 'compare', op: '=', left: L('OwnerId'), right: L('ConvertedContactId') },
      { kind: 'compare', op: '!=', left: L('OwnerId'), right: L('CurrentActivationId') },
      { kind: 'in', negated: true, field: L('Industry'), values: [text('Retail'), text('Other')] },
      { kind: 'isNull', negated: false, field: L('Country') },
      {
        kind: 'and',
        args: [
          { kind: 'textMatch', op: 'contains', field: L('Email'), operand: text('50%_off') },
          { kind: 'textMatch', op: 'startsWith', field: L('Email'), operand: text('é') },
          { kind: 'textMatch', op: 'endsWith', field: L('Email'), operand: text('.com') },
        ],
      },
      { kind: 'multiMatch', op: 'includes', field: L('Interests'), sets: [['AI', 'Cloud'], ['Data']] },
      { kind: 'not', arg: { kind: 'boolField', field: L('IsConverted') } },
    ],
  };
  const contact: Predicate = {
    kind: 'and',
    args: [
      { kind: 'multiMatch', op: 'excludes', field: C('Interests'), sets: [['Security']] },
      { kind: 'isNull', negated: true, field: C('Title') },
      { kind: 'textMatch', op: 'contains', field: C('Title'), operand: C('Email') },
      { kind: 'compare', op: '<=', left: C('Score'), right: num(0.1) },
    ],
  };
  return definition(
    {
      2: { label: 'Routed', criteria: { Lead: lead, Contact: contact } },
      3: { label: 'Accepted', criteria: { Lead: { kind: 'compare', op: '=', left: L('Status'), right: text('Working') } } },
      5: {
        label: 'Pipeline',
        criteria: {
          Opportunity: {
            kind: 'or',
            args: [
              { kind: 'compare', op: '>', left: O('CloseDate'), right: date('2025-01-31') },
              { kind: 'compare', op: '>', left: O('Amount'), right: num(0) },
              { kind: 'in', negated: false, field: O('StageName'), values: [text('Proposal'), text('Negotiation')] },
            ],
          },
        },
      },
      6: {
        label: 'Won',
        criteria: { Opportunity: { kind: 'compare', op: '=', left: O('IsWon'), right: bool(true) } },
        dateFollows: 'CloseDate',
      },
    },
    { schema, journey: 'Every operator' },
  );
}

// Re-exported for tests that only need a datetime literal builder.
export { datetime as instant };
