/**
 * Order/duplicate/snapshot invariance of the evaluator (SPEC §4.6, §6) on random datasets,
 * and agreement with a brute-force §4 on the same hand-written predicates.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEvaluator, type EvaluatorDefinition, type EvaluatorSnapshot, type ObjectName } from '../../src/runtime/index.js';
import { bruteForce, bruteStamps, type Data } from './brute.js';
import { DEFAULT_SPEC, handDefinition } from '../support/hand-definition.js';

const DAY = 86_400_000;
const BASE = Date.UTC(2025, 0, 1);
// Few distinct instants, so ties are frequent.
const instant = fc.integer({ min: 0, max: 8 }).map((d) => new Date(BASE + d * DAY).toISOString());
const owner = fc.constantFrom('u1', 'u2', '\u{1F600}', '\uFF21', null);
const journeyRef = fc.constantFrom('A1', 'A2', 'A3', 'I1', 'missing', null);
const status = fc.constantFrom('New', 'Open', 'Routed', 'Working', null);

const engagements = fc.tuple(
  ...['A1', 'A2', 'A3', 'I1'].map((id) =>
    fc.record({
      present: fc.boolean(),
      created: instant,
      completion: fc.option(instant, { nil: null }),
      owner,
      completesLate: fc.boolean(),
    }).map((e) => ({ id, ...e })),
  ),
);
const person = fc.record({ Id: fc.constantFrom('P1', 'P2', 'P3'), valid_from: instant, CurrentActivationId: journeyRef, OwnerId: owner, Status: status, IsDeleted: fc.option(fc.boolean(), { nil: null }) });
const opp = fc.record({
  Id: fc.constantFrom('O1', 'O2', 'O3'),
  valid_from: instant,
  ActivationId: journeyRef,
  OwnerId: owner,
  Probability: fc.option(fc.constantFrom(0, 10, 100), { nil: null }),
  IsWon: fc.option(fc.boolean(), { nil: null }),
  CloseDate: fc.option(fc.constantFrom('2025-02-01', '2025-01-03'), { nil: null }),
});
const definition = fc.record({
  unused: fc.subarray([2, 3, 5, 6]),
  dateFollows: fc.constantFrom('CloseDate', null),
}).map((d) => handDefinition({ ...DEFAULT_SPEC, ...d }));

interface Delivery {
  object: ObjectName;
  record: Record<string, unknown>;
}

const scenario = fc.record({
  definition,
  engagements,
  leads: fc.uniqueArray(person, { maxLength: 8, selector: (p) => `${p.Id}|${p.valid_from}` }),
  contacts: fc.uniqueArray(person, { maxLength: 6, selector: (p) => `${p.Id}|${p.valid_from}` }),
  opportunities: fc.uniqueArray(opp, { maxLength: 8, selector: (p) => `${p.Id}|${p.valid_from}` }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

/** The dataset's final records, and the deliveries: versions in random order, open engagements completing at the end. */
function build(s: Scenario): { data: Data; early: Delivery[]; late: Delivery[] } {
  const data: Data = { Engagement: [], Lead: s.leads, Contact: s.contacts, Opportunity: s.opportunities };
  const early: Delivery[] = [];
  const late: Delivery[] = [];
  for (const e of s.engagements) {
    if (!e.present) continue;
    const record = { Id: e.id, RecordType: e.id.startsWith('I') ? 'Influencing' : 'Activation', OwnerId: e.owner, CreatedDate: e.created, CompletionDate: e.completion };
    data.Engagement.push(record);
    if (e.completesLate && e.completion !== null) {
      early.push({ object: 'Engagement', record: { ...record, CompletionDate: null } });
      late.push({ object: 'Engagement', record });
    } else {
      early.push({ object: 'Engagement', record });
    }
  }
  for (const record of s.leads) early.push({ object: 'Lead', record });
  for (const record of s.contacts) early.push({ object: 'Contact', record });
  for (const record of s.opportunities) early.push({ object: 'Opportunity', record });
  return { data, early, late };
}

function feed(def: EvaluatorDefinition, deliveries: Delivery[], restoreAt = -1) {
  let ev = createEvaluator(def);
  deliveries.forEach((d, i) => {
    if (i === restoreAt) {
      const saved = JSON.parse(JSON.stringify(ev.snapshot())) as EvaluatorSnapshot;
      ev = createEvaluator(def, { restore: saved });
    }
    ev.upsert(d.object, d.record);
  });
  return ev.stamps();
}

describe('evaluator invariance', () => {
  it('equals brute-force §4 whatever the order, with duplicates and a snapshot/restore mid-stream', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 1000 }), fc.integer(), (s, cut, seed) => {
        const { data, early, late } = build(s);
        const expected = bruteStamps(s.definition, data);
        expect(feed(s.definition, [...early, ...late])).toEqual(expected);
        // Shuffle (deterministically from seed) and re-deliver some records.
        const rnd = mulberry32(seed);
        const shuffled = [...early];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const k = Math.floor(rnd() * (i + 1));
          [shuffled[i], shuffled[k]] = [shuffled[k], shuffled[i]];
        }
        const duplicated = shuffled.flatMap((d) => (rnd() < 0.3 ? [d, { ...d, record: { ...d.record } }] : [d]));
        const all = [...duplicated, ...late, ...late];
        expect(feed(s.definition, all)).toEqual(expected);
        expect(feed(s.definition, all, all.length === 0 ? -1 : cut % all.length)).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('eachStamp() yields the stamps() rows and primaryOpportunity() names the brute-force primary, whatever the order', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), (s, seed) => {
        const { data, early, late } = build(s);
        const expected = bruteForce(s.definition, data);
        const rnd = mulberry32(seed);
        const deliveries = [...early].sort(() => rnd() - 0.5);
        const ev = createEvaluator(s.definition);
        for (const d of [...deliveries, ...late]) ev.upsert(d.object, d.record);
        // Before stamps() nothing is cached; after it every record's rows are.
        expect([...ev.eachStamp()]).toEqual(expected.stamps);
        expect(ev.stamps()).toEqual(expected.stamps);
        expect([...ev.eachStamp()]).toEqual(expected.stamps);
        for (const id of ['A1', 'A2', 'A3', 'I1', 'missing']) expect(ev.primaryOpportunity(id)).toBe(expected.primaries.get(id) ?? null);
      }),
      { numRuns: 200 },
    );
  });

  it('events replay to the final stamps', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { early, late } = build(s);
        const ev = createEvaluator(s.definition);
        const live = new Map<string, string>();
        ev.on('stamp', (row) => live.set(`${row.object} ${row.record_id} ${row.stage}`, JSON.stringify(row)));
        ev.on('unstamp', (row) => live.delete(`${row.object} ${row.record_id} ${row.stage}`));
        for (const d of [...early, ...late]) ev.upsert(d.object, d.record);
        const final = new Map(ev.stamps().map((row) => [`${row.object} ${row.record_id} ${row.stage}`, JSON.stringify(row)]));
        expect(new Map([...live].sort())).toEqual(new Map([...final].sort()));
      }),
      { numRuns: 200 },
    );
  });
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
