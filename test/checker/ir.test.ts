import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compiler/index.js';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import type { Schema } from '../../src/schema/types.js';
import { check, predicateOf, schema } from '../support/checker.js';

const f = (name: string, type: string) => ({ kind: 'field', name, column: name, type });
const text = (value: string) => ({ kind: 'literal', type: 'text', value });
const num = (value: number) => ({ kind: 'literal', type: 'number', value });

describe('the checked IR', () => {
  it('is produced for the SPEC §2 example', () => {
    const source = `journey "Acme sales journey"

stage 1 "Activation"
stage 2 "MQL" {
  lead    when Status in ('Open', 'Routed')
  contact when Status in ('Open', 'Routed') and not IsDeleted
}
stage 3 "SAL" {
  lead    when Status = 'Working'
  contact when Status = 'Working'
}
stage 4 "Opportunity Created"
stage 5 "SQL" {
  opportunity when Probability > 0
}
stage 6 "Won" {
  opportunity when IsWon
  date follows CloseDate
}
`;
    const result = check(source);
    expect(result.diagnostics).toEqual([]);
    const expected: CheckedDefinition = {
      journey: 'Acme sales journey',
      schema,
      stages: [
        { stage: 1, label: 'Activation', enabled: true, criteria: {} },
        {
          stage: 2,
          label: 'MQL',
          enabled: true,
          criteria: {
            Lead: { kind: 'in', negated: false, field: { kind: 'field', name: 'Status', column: 'Status', type: 'picklist' }, values: [{ kind: 'literal', type: 'text', value: 'Open' }, { kind: 'literal', type: 'text', value: 'Routed' }] },
            Contact: {
              kind: 'and',
              args: [
                { kind: 'in', negated: false, field: { kind: 'field', name: 'Status', column: 'Status', type: 'picklist' }, values: [{ kind: 'literal', type: 'text', value: 'Open' }, { kind: 'literal', type: 'text', value: 'Routed' }] },
                { kind: 'not', arg: { kind: 'boolField', field: { kind: 'field', name: 'IsDeleted', column: 'IsDeleted', type: 'boolean' } } },
              ],
            },
          },
        },
        {
          stage: 3,
          label: 'SAL',
          enabled: true,
          criteria: {
            Lead: { kind: 'compare', op: '=', left: { kind: 'field', name: 'Status', column: 'Status', type: 'picklist' }, right: { kind: 'literal', type: 'text', value: 'Working' } },
            Contact: { kind: 'compare', op: '=', left: { kind: 'field', name: 'Status', column: 'Status', type: 'picklist' }, right: { kind: 'literal', type: 'text', value: 'Working' } },
          },
        },
        { stage: 4, label: 'Opportunity Created', enabled: true, criteria: {} },
        {
          stage: 5,
          label: 'SQL',
          enabled: true,
          criteria: { Opportunity: { kind: 'compare', op: '>', left: { kind: 'field', name: 'Probability', column: 'Probability', type: 'percent' }, right: { kind: 'literal', type: 'number', value: 0 } } },
        },
        {
          stage: 6,
          label: 'Won',
          enabled: true,
          criteria: { Opportunity: { kind: 'boolField', field: { kind: 'field', name: 'IsWon', column: 'IsWon', type: 'boolean' } } },
          dateFollows: 'CloseDate',
        },
      ],
    };
    expect(result.definition).toEqual(expected);
  });

  it('checks examples/default.stages clean, with the system default criteria', () => {
    const source = readFileSync(new URL('../../examples/default.stages', import.meta.url), 'utf8');
    const result = check(source);
    expect(result.diagnostics).toEqual([]);
    const def = result.definition!;
    expect(def.stages.map((s) => [s.stage, s.label, s.enabled])).toEqual([
      [1, 'Activation', true],
      [2, 'MQL', true],
      [3, 'SAL', true],
      [4, 'Opportunity Created', true],
      [5, 'SQL', true],
      [6, 'Won', true],
    ]);
    expect(def.stages[1].criteria.Lead).toEqual({ kind: 'in', negated: false, field: f('Status', 'picklist'), values: [text('Open'), text('Routed')] });
    expect(def.stages[2].criteria.Contact).toEqual({ kind: 'compare', op: '=', left: f('Status', 'picklist'), right: text('Working') });
    expect(def.stages[5].dateFollows).toBe('CloseDate');
  });

  it('fills absent stages: 1 and 4 enabled with their labels, customizable ones disabled', () => {
    const def = check('stage 5 "SQL" { opportunity when Probability > 0 }').definition!;
    expect(def.journey).toBeNull();
    expect(def.stages.map((s) => [s.stage, s.label, s.enabled])).toEqual([
      [1, 'Activation', true],
      [2, 'Routed', false],
      [3, 'Accepted', false],
      [4, 'Opportunity Created', true],
      [5, 'SQL', true],
      [6, 'Won', false],
    ]);
    expect(def.stages[0].criteria).toEqual({});
  });

  it('marks `unused` stages disabled and keeps their label', () => {
    const def = check('stage 3 "SAL" unused\nstage 1 "Start"').definition!;
    expect(def.stages[2]).toEqual({ stage: 3, label: 'SAL', enabled: false, criteria: {} });
    expect(def.stages[0].label).toBe('Start');
  });

  it('accepts stages in any order and an empty file', () => {
    expect(check('stage 6 "W" { opportunity when IsWon }\nstage 2 "M" { lead when IsConverted }').diagnostics).toEqual([]);
    const empty = check('');
    expect(empty.diagnostics).toEqual([]);
    expect(empty.definition!.stages).toHaveLength(6);
  });

  it('resolves field names case-insensitively to the schema spelling', () => {
    expect(predicateOf('lead', "status = 'Open'")).toEqual({ kind: 'compare', op: '=', left: f('Status', 'picklist'), right: text('Open') });
    expect(predicateOf('lead', 'ISCONVERTED')).toEqual({ kind: 'boolField', field: f('IsConverted', 'boolean') });
  });

  it('reads keywords case-insensitively and identifiers that start with keywords as fields', () => {
    const def = check('STAGE 2 "M" { LEAD WHEN Status IN (\'Open\') AND NOT IsDeleted OR Country = \'x\' }').definition!;
    expect(def.stages[1].criteria.Lead?.kind).toBe('or');
    const custom = {
      ...schema,
      objects: {
        ...schema.objects,
        Lead: {
          ...schema.objects.Lead,
          fields: { ...schema.objects.Lead.fields, ORDER: { type: 'int' as const }, notes: { type: 'text' as const }, Origin__c: { type: 'text' as const }, Dated: { type: 'date' as const }, Date: { type: 'date' as const } },
        },
      },
    };
    const res = checkWith(custom, "stage 2 \"M\" { lead when ORDER > 1 and notes contains 'x' and Origin__c = 'y' and Dated < date '2025-01-01' and `Date` is null }");
    expect(res.diagnostics).toEqual([]);
    const and = res.definition!.stages[1].criteria.Lead;
    expect(and?.kind === 'and' && and.args.map((a) => a.kind)).toEqual(['compare', 'textMatch', 'compare', 'compare', 'isNull']);
  });

  it('gives and precedence over or, and not binds to the following term', () => {
    const p = predicateOf('lead', "not Status = 'Open' and IsConverted or IsDeleted");
    expect(p).toEqual({
      kind: 'or',
      args: [
        { kind: 'and', args: [{ kind: 'not', arg: { kind: 'compare', op: '=', left: f('Status', 'picklist'), right: text('Open') } }, { kind: 'boolField', field: f('IsConverted', 'boolean') }] },
        { kind: 'boolField', field: f('IsDeleted', 'boolean') },
      ],
    });
  });

  it('flattens nested and/or but keeps the tree otherwise as written', () => {
    const p = predicateOf('opportunity', 'IsWon and (IsClosed and (Amount > 1 and Amount < 5)) and not (IsWon or IsClosed)');
    expect(p.kind).toBe('and');
    expect(p.kind === 'and' && p.args.map((a) => a.kind)).toEqual(['boolField', 'boolField', 'compare', 'compare', 'not']);
    expect(predicateOf('opportunity', '(IsWon or IsClosed) or (Amount = 1 or Amount = 2)')).toMatchObject({ kind: 'or', args: [{}, {}, {}, {}] });
  });

  it('normalises literals', () => {
    expect(predicateOf('opportunity', 'Amount >= -1.5e3')).toMatchObject({ right: num(-1500) });
    expect(predicateOf('opportunity', 'Amount = -0')).toMatchObject({ right: num(0) });
    expect(predicateOf('opportunity', "CloseDate < date '2024-02-29'")).toMatchObject({ right: { kind: 'literal', type: 'date', value: '2024-02-29' } });
    expect(predicateOf('lead', "CurrentActivationId = 'a\\'b\\\\c\\u0041\\n'")).toMatchObject({ right: text("a'b\\cA\n") });
    expect(predicateOf('lead', 'Email = "say \\"hi\\""')).toMatchObject({ right: text('say "hi"') });
  });

  it('normalises datetime literals to UTC, truncated to the millisecond', () => {
    const custom = {
      ...schema,
      objects: { ...schema.objects, Opportunity: { ...schema.objects.Opportunity, fields: { ...schema.objects.Opportunity.fields, LastActivity: { type: 'datetime' as const } } } },
    };
    const value = (lit: string) => {
      const r = checkWith(custom, `stage 5 "S" { opportunity when LastActivity > datetime '${lit}' }`);
      expect(r.diagnostics).toEqual([]);
      return (r.definition!.stages[4].criteria.Opportunity as { right: { value: string } }).right.value;
    };
    expect(value('2025-01-31T12:00:00Z')).toBe('2025-01-31T12:00:00.000Z');
    expect(value('2025-01-31T23:30:00.123456-01:00')).toBe('2025-02-01T00:30:00.123Z');
    expect(value('2025-01-01T00:15+0100')).toBe('2024-12-31T23:15:00.000Z');
    expect(value('2025-06-01T10:00:00.9999Z')).toBe('2025-06-01T10:00:00.999Z');
    expect(value('2025-06-01T10:00:00-05')).toBe('2025-06-01T15:00:00.000Z');
    expect(value('0001-01-01T00:30:00+01:00')).toBe('0000-12-31T23:30:00.000Z');
  });

  it('produces each predicate kind', () => {
    expect(predicateOf('lead', "Status not in ('New')")).toEqual({ kind: 'in', negated: true, field: f('Status', 'picklist'), values: [text('New')] });
    expect(predicateOf('lead', 'Score in (1, 2.5)')).toEqual({ kind: 'in', negated: false, field: f('Score', 'double'), values: [num(1), num(2.5)] });
    expect(predicateOf('lead', 'OwnerId is not null')).toEqual({ kind: 'isNull', negated: true, field: f('OwnerId', 'reference') });
    expect(predicateOf('lead', "Email ends with '@acme.com'")).toEqual({ kind: 'textMatch', op: 'endsWith', field: f('Email', 'text'), operand: text('@acme.com') });
    expect(predicateOf('lead', "Email starts with Country")).toEqual({ kind: 'textMatch', op: 'startsWith', field: f('Email', 'text'), operand: f('Country', 'text') });
    expect(predicateOf('lead', "Email contains 'x'")).toMatchObject({ op: 'contains' });
    expect(predicateOf('lead', "Interests includes ('AI;Cloud', 'Data')")).toEqual({ kind: 'multiMatch', op: 'includes', field: f('Interests', 'multipicklist'), sets: [['AI', 'Cloud'], ['Data']] });
    expect(predicateOf('contact', "Interests excludes 'Security'")).toEqual({ kind: 'multiMatch', op: 'excludes', field: f('Interests', 'multipicklist'), sets: [['Security']] });
    expect(predicateOf('opportunity', 'IsWon != IsClosed')).toEqual({ kind: 'compare', op: '!=', left: f('IsWon', 'boolean'), right: f('IsClosed', 'boolean') });
    expect(predicateOf('opportunity', 'IsWon = true')).toEqual({ kind: 'compare', op: '=', left: f('IsWon', 'boolean'), right: { kind: 'literal', type: 'boolean', value: true } });
    expect(predicateOf('opportunity', 'Amount <> Probability')).toEqual({ kind: 'compare', op: '!=', left: f('Amount', 'currency'), right: f('Probability', 'percent') });
    expect(predicateOf('lead', 'AnnualRevenue > NumberOfEmployees')).toMatchObject({ op: '>', right: f('NumberOfEmployees', 'int') });
  });
});

function checkWith(s: Schema, source: string) {
  return checkSource(source, { file: 'custom.stages', schema: s });
}

describe('the shipped examples', () => {
  it.each(readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.stages')))('%s checks clean', (name) => {
    const source = readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
    const result = check(source, name);
    expect(result.diagnostics).toEqual([]);
    expect(result.definition).not.toBeNull();
  });
});
