/** The evaluator's read-only queries besides `stamps()`: `primaryOpportunity()` and `eachStamp()`. */
import { describe, expect, it } from 'vitest';
import { createEvaluator, type Evaluator } from '../../src/runtime/index.js';
import { DEFAULT_SPEC, T, engagement, handDefinition, lead, opportunity } from '../support/hand-definition.js';

const def = handDefinition(DEFAULT_SPEC);

function evaluator(records: [string, Record<string, unknown>][]): Evaluator {
  const ev = createEvaluator(def);
  for (const [object, r] of records) ev.upsert(object as 'Lead', r);
  return ev;
}

describe('primaryOpportunity', () => {
  it('is null for a journey without opportunities, an unknown id, an Influencing or a merely referenced engagement', () => {
    const ev = evaluator([
      ['Engagement', engagement('A1', T(1))],
      ['Engagement', engagement('I1', T(1), { RecordType: 'Influencing' })],
      ['Opportunity', opportunity('O1', T(2), 'I1')],
      ['Opportunity', opportunity('O2', T(2), 'A9')],
    ]);
    expect(ev.primaryOpportunity('A1')).toBeNull();
    expect(ev.primaryOpportunity('NOPE')).toBeNull();
    expect(ev.primaryOpportunity('I1')).toBeNull();
    expect(ev.primaryOpportunity('A9')).toBeNull(); // O2 names it, but it was never upserted
    expect(ev.primaryOpportunity('O1')).toBeNull(); // an opportunity id is not a journey id
  });

  it('is the least (t, Id), Ids by code point', () => {
    const ev = evaluator([
      ['Engagement', engagement('A1', T(1))],
      ['Opportunity', opportunity('O3', T(4), 'A1')],
      ['Opportunity', opportunity('\u{1F600}', T(3), 'A1')],
      ['Opportunity', opportunity('\uFF21', T(3), 'A1')],
    ]);
    // U+FF21 sorts before U+1F600 by code point, after it by UTF-16 code unit.
    expect(ev.primaryOpportunity('A1')).toBe('\uFF21');
  });

  it('counts only stage-4 instants inside the half-open window [CreatedDate, CompletionDate)', () => {
    const ev = evaluator([
      ['Engagement', engagement('A1', T(2), { CompletionDate: T(5) })],
      ['Opportunity', opportunity('O1', T(1), 'A1')], // before the window
      ['Opportunity', opportunity('O2', T(5), 'A1')], // at the completion: outside
    ]);
    expect(ev.primaryOpportunity('A1')).toBeNull();
    ev.upsert('Opportunity', opportunity('O3', T(2), 'A1')); // at CreatedDate: inside
    expect(ev.primaryOpportunity('A1')).toBe('O3');
  });

  it('follows the earliest version: a late earlier version re-attributes the opportunity', () => {
    const ev = evaluator([
      ['Engagement', engagement('A1', T(1))],
      ['Engagement', engagement('A2', T(1))],
      ['Opportunity', opportunity('O1', T(5), 'A1')],
      ['Opportunity', opportunity('O2', T(6), 'A1')],
    ]);
    expect(ev.primaryOpportunity('A1')).toBe('O1');
    ev.upsert('Opportunity', opportunity('O1', T(3), 'A2'));
    expect(ev.primaryOpportunity('A1')).toBe('O2');
    expect(ev.primaryOpportunity('A2')).toBe('O1');
  });

  it('changes when the journey completes before its primary opportunity', () => {
    const ev = evaluator([
      ['Engagement', engagement('A1', T(1))],
      ['Opportunity', opportunity('O1', T(3), 'A1')],
      ['Opportunity', opportunity('O2', T(2), null)],
    ]);
    expect(ev.primaryOpportunity('A1')).toBe('O1');
    ev.upsert('Engagement', engagement('A1', T(1), { CompletionDate: T(3) }));
    expect(ev.primaryOpportunity('A1')).toBeNull();
  });

  it('survives a snapshot and restore', () => {
    const ev = evaluator([
      ['Opportunity', opportunity('O1', T(3), 'A1')], // before its engagement arrives
      ['Engagement', engagement('A1', T(1))],
    ]);
    const again = createEvaluator(def, { restore: JSON.parse(JSON.stringify(ev.snapshot())) });
    expect(ev.primaryOpportunity('A1')).toBe('O1');
    expect(again.primaryOpportunity('A1')).toBe('O1');
  });
});

describe('eachStamp', () => {
  const records: [string, Record<string, unknown>][] = [
    ['Engagement', engagement('A2', T(1))],
    ['Engagement', engagement('A1', T(1))],
    ['Lead', lead('L1', T(2), 'A1', { Status: 'Working' })],
    ['Opportunity', opportunity('O1', T(3), 'A2', { Probability: 10 })],
  ];

  it('yields the rows of stamps(), in its order, one at a time', () => {
    const ev = evaluator(records);
    const walk = ev.eachStamp();
    const first = walk.next();
    expect(first.done).toBe(false);
    expect(first.value).toEqual(ev.stamps()[0]);
    expect([first.value, ...walk]).toEqual(ev.stamps());
    expect([...ev.eachStamp()]).toEqual(ev.stamps()); // from the cache stamps() filled
  });

  it('yields nothing for an empty evaluator', () => {
    expect([...createEvaluator(def).eachStamp()]).toEqual([]);
  });

  it('throws on the step after an upsert changed the stamps', () => {
    const ev = evaluator(records);
    const walk = ev.eachStamp();
    walk.next();
    ev.upsert('Lead', lead('L1', T(1, 12), 'A1', { Status: 'Open' }));
    expect(() => walk.next()).toThrow(/changed while eachStamp\(\) was iterating/);
  });

  it('goes on after an upsert that changes nothing', () => {
    const ev = evaluator(records);
    const walk = ev.eachStamp();
    const first = walk.next().value;
    ev.upsert('Lead', lead('L1', T(2), 'A1', { Status: 'Working' })); // a re-delivery
    expect([first, ...walk]).toEqual(ev.stamps());
  });

  it('goes on after new versions that move no stamp: a later opportunity version, a later lead version', () => {
    const ev = evaluator(records);
    const before = ev.stamps();
    const walk = ev.eachStamp();
    const first = walk.next().value;
    ev.upsert('Opportunity', opportunity('O1', T(5), 'A2', { Probability: 10 })); // later: its stamps stay
    ev.upsert('Lead', lead('L1', T(6), 'A1', { Status: 'Working' })); // later than the stored candidate
    expect(ev.stamps()).toEqual(before);
    expect([first, ...walk]).toEqual(before);
  });

  it('throws after a stamp appears (a new journey) during the walk, also once the walk was paused', () => {
    const ev = evaluator(records);
    const walk = ev.eachStamp();
    walk.next();
    ev.upsert('Opportunity', opportunity('O1', T(5), 'A2', { Probability: 10 })); // nothing moves
    ev.upsert('Engagement', engagement('A3', T(4))); // a new stage-1 stamp
    expect(() => walk.next()).toThrow(/changed while eachStamp\(\) was iterating/);
  });

  it('a walk ended early (break) leaves later walks and upserts as before', () => {
    const ev = evaluator(records);
    for (const row of ev.eachStamp()) {
      expect(row).toEqual(ev.stamps()[0]);
      break;
    }
    ev.upsert('Lead', lead('L1', T(1, 12), 'A1', { Status: 'Open' }));
    expect([...ev.eachStamp()]).toEqual(ev.stamps());
  });
});

describe('stamps', () => {
  it('hands out rows a caller cannot change: later calls give the §4 result still', () => {
    const ev = evaluator([['Engagement', engagement('A1', T(1))]]);
    const rows = ev.stamps() as { owner_id: string | null; stage: number }[];
    expect(Object.isFrozen(rows[0])).toBe(true);
    expect(() => {
      'use strict';
      rows[0]!.stage = 9;
    }).toThrow(TypeError);
    rows.push(rows[0]!); // the array is the caller's own
    expect(ev.stamps()).toHaveLength(1);
    expect(ev.stamps()[0]!.stage).toBe(1);
    expect([...ev.eachStamp()].every((r) => Object.isFrozen(r))).toBe(true);
  });
});
