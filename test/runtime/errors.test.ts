/**
 * Invalid records throw a typed RecordError naming object, record and field, and leave the
 * evaluator's state unchanged — on the runtime's generic validation path (hand-built
 * definition) and on the compiled fast path of a generated module alike.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCompiledDefinition } from '../../src/compiler/ts/index.js';
import { createEvaluator, RecordError, SnapshotError, type EvaluatorDefinition } from '../../src/runtime/index.js';
import { defaultDefinition } from '../ts/fixtures.js';
import { DEFAULT_SPEC, T, engagement, handDefinition, lead, opportunity } from '../support/hand-definition.js';

const paths: [string, () => EvaluatorDefinition][] = [];
let compiled: EvaluatorDefinition;
beforeAll(async () => {
  compiled = await loadCompiledDefinition(defaultDefinition());
});
paths.push(['generic validation', () => handDefinition(DEFAULT_SPEC)], ['compiled fast path', () => compiled]);

interface Bad {
  name: string;
  object: string;
  record: Record<string, unknown>;
  recordId: string | null;
  field: string | null;
  message: RegExp;
}

const BAD: Bad[] = [
  { name: 'unknown object', object: 'Account', record: { Id: 'X1' }, recordId: 'X1', field: null, message: /unknown object/ },
  { name: 'missing Id', object: 'Lead', record: { valid_from: T(2), Status: 'Open' }, recordId: null, field: 'Id', message: /is required/ },
  { name: 'empty Id', object: 'Opportunity', record: { Id: '', valid_from: T(2) }, recordId: null, field: 'Id', message: /is required/ },
  { name: 'missing valid_from', object: 'Lead', record: { Id: 'L9', Status: 'Open' }, recordId: 'L9', field: 'valid_from', message: /is required/ },
  { name: 'zone-less instant', object: 'Lead', record: lead('L9', '2025-01-02T00:00:00', 'A1'), recordId: 'L9', field: 'valid_from', message: /instant/ },
  { name: 'impossible date', object: 'Opportunity', record: opportunity('O9', T(2), 'A1', { CloseDate: '2025-02-30' }), recordId: 'O9', field: 'CloseDate', message: /date/ },
  { name: 'year 10000', object: 'Lead', record: lead('L9', '+010000-01-01T00:00:00Z', 'A1'), recordId: 'L9', field: 'valid_from', message: /instant/ },
  { name: 'missing CreatedDate', object: 'Engagement', record: { Id: 'A9', RecordType: 'Activation' }, recordId: 'A9', field: 'CreatedDate', message: /is required/ },
  { name: 'NaN', object: 'Opportunity', record: opportunity('O9', T(2), 'A1', { Probability: Number.NaN }), recordId: 'O9', field: 'Probability', message: /finite/ },
  { name: 'Infinity', object: 'Opportunity', record: opportunity('O9', T(2), 'A1', { Probability: Infinity }), recordId: 'O9', field: 'Probability', message: /finite/ },
  { name: 'number as text', object: 'Lead', record: lead('L9', T(2), 'A1', { Status: 3 }), recordId: 'L9', field: 'Status', message: /expected text, got number 3/ },
  { name: 'string as boolean', object: 'Opportunity', record: opportunity('O9', T(2), 'A1', { IsWon: 'true' }), recordId: 'O9', field: 'IsWon', message: /boolean/ },
  { name: 'invalid Date object', object: 'Engagement', record: engagement('A9', T(1), { CompletionDate: new Date(Number.NaN) }), recordId: 'A9', field: 'CompletionDate', message: /instant/ },
  { name: 'not an object', object: 'Lead', record: null as unknown as Record<string, unknown>, recordId: null, field: null, message: /plain object/ },
];

describe.each(paths)('RecordError (%s)', (_, make) => {
  it.each(BAD)('$name', (bad) => {
    const ev = createEvaluator(make());
    ev.upsert('Engagement', engagement('A1', T(1)));
    ev.upsert('Lead', lead('L1', T(2), 'A1', { Status: 'Open' }));
    const before = JSON.stringify(ev.snapshot());
    const stampsBefore = ev.stamps();
    let error: unknown;
    try {
      ev.upsert(bad.object as 'Lead', bad.record);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RecordError);
    const e = error as RecordError;
    expect([e.object, e.recordId, e.field]).toEqual([bad.object, bad.recordId, bad.field]);
    expect(e.message).toMatch(bad.message);
    expect(JSON.stringify(ev.snapshot())).toBe(before);
    expect(ev.stamps()).toEqual(stampsBefore);
  });

  it('normalises what it accepts the same way: Date objects, offsets, empty text, multi-select arrays', () => {
    const ev = createEvaluator(make());
    ev.upsert('Engagement', engagement('A1', new Date(Date.UTC(2025, 0, 1)), { OwnerId: '', CompletionDate: '' }));
    ev.upsert('Lead', lead('L1', '2025-01-02T01:00:00.123999+01:00', 'A1', { Status: 'Open', Interests: ['AI', 'Cloud'], Email: '' }));
    ev.upsert('Opportunity', opportunity('O1', new Date(Date.UTC(2025, 0, 3)), 'A1', { IsWon: true, CloseDate: new Date(Date.UTC(2025, 1, 1)) }));
    expect(ev.stamps().map((s) => `${s.record_id} ${s.stage} ${s.stage_date} ${s.owner_id}`)).toEqual([
      'A1 1 2025-01-01T00:00:00.000Z null',
      'A1 2 2025-01-02T00:00:00.123Z L-owner',
      'A1 3 2025-01-03T00:00:00.000Z O-owner',
      'O1 4 2025-01-03T00:00:00.000Z O-owner',
      'O1 5 2025-01-03T00:00:00.000Z O-owner',
      'O1 6 2025-02-01T00:00:00.000Z O-owner',
    ]);
  });
});

describe('fields the definition does not read', () => {
  it('are passed through unchecked by a generated module (it lists only the fields it reads)', () => {
    expect(Object.keys(compiled.objects.Lead.fields)).toEqual(['Id', 'OwnerId', 'CurrentActivationId', 'Status']);
    const withJunk = createEvaluator(compiled);
    const clean = createEvaluator(compiled);
    for (const ev of [withJunk, clean]) ev.upsert('Engagement', engagement('A1', T(1)));
    withJunk.upsert('Lead', lead('L1', T(2), 'A1', { Status: 'Open', Score: 'not a number', IsDeleted: 'no' }));
    clean.upsert('Lead', lead('L1', T(2), 'A1', { Status: 'Open' }));
    expect(withJunk.stamps()).toEqual(clean.stamps());
    // A field it reads is still checked.
    expect(() => withJunk.upsert('Lead', lead('L2', T(3), 'A1', { Status: 7 }))).toThrow(RecordError);
  });

  it("include an engagement's lead and contact: the SQL wide view carries them, the evaluator never reads them", () => {
    expect(Object.keys(compiled.objects.Engagement.fields)).toEqual(['Id', 'RecordType', 'OwnerId', 'CreatedDate', 'CompletionDate']);
    const ev = createEvaluator(compiled);
    ev.upsert('Engagement', engagement('A1', T(1), { LeadId: 42, ContactId: ['x'] }));
    expect(ev.stamps().map((s) => [s.record_id, s.stage])).toEqual([['A1', 1]]);
    // Its owner and completion are read, so they are checked.
    expect(() => ev.upsert('Engagement', engagement('A2', T(1), { OwnerId: 42 }))).toThrow(RecordError);
  });
});

describe('snapshots', () => {
  it('round-trip through JSON and refuse another definition or garbage', () => {
    const def = handDefinition(DEFAULT_SPEC);
    const ev = createEvaluator(def);
    ev.upsert('Lead', lead('L1', T(3), 'A1', { Status: 'Open' })); // pending: its engagement comes later
    ev.upsert('Opportunity', opportunity('O1', T(4), 'A1', { Probability: 10 }));
    const saved = JSON.parse(JSON.stringify(ev.snapshot()));
    const again = createEvaluator(def, { restore: saved });
    for (const e of [ev, again]) e.upsert('Engagement', engagement('A1', T(1)));
    expect(again.stamps()).toEqual(ev.stamps());
    expect(() => createEvaluator(handDefinition({ ...DEFAULT_SPEC, unused: [3] }), { restore: saved })).toThrow(SnapshotError);
    expect(() => createEvaluator(def, { restore: { ...saved, journeys: [['x']] } })).toThrow(SnapshotError);
    expect(() => createEvaluator(def, { restore: 42 as never })).toThrow(SnapshotError);
  });

  // A damaged snapshot must not restore into a state no stream of valid records produces: its
  // stamps would be impossible (garbage dates, an empty record id, stage 5 before stage 4).
  const def = handDefinition(DEFAULT_SPEC);
  const ev = createEvaluator(def);
  ev.upsert('Engagement', engagement('A1', T(1)));
  ev.upsert('Lead', lead('L1', T(2), 'A1', { Status: 'Open' }));
  ev.upsert('Lead', lead('L2', T(2), 'A9', { Status: 'Open' })); // pending for A9
  ev.upsert('Opportunity', opportunity('O1', T(3), 'A1', { Probability: 10, IsWon: true, CloseDate: '2025-03-01' }));
  const saved = JSON.parse(JSON.stringify(ev.snapshot()));
  const damaged = (change: (s: typeof saved) => void) => {
    const copy = JSON.parse(JSON.stringify(saved));
    change(copy);
    return copy;
  };
  const journey = (s: typeof saved, id: string) => s.journeys.find((j: unknown[]) => j[0] === id);

  it('restores the undamaged snapshot', () => {
    expect(createEvaluator(def, { restore: saved }).stamps()).toEqual(ev.stamps());
  });

  it.each([
    ['an instant past year 9999', (s: typeof saved) => void (journey(s, 'A1')[2] = 1e300)],
    ['an instant before year 0001', (s: typeof saved) => void (journey(s, 'A1')[2] = -1e20)],
    ['a fraction of a millisecond', (s: typeof saved) => void (journey(s, 'A1')[2] += 0.5)],
    ['an empty journey id', (s: typeof saved) => void (journey(s, 'A1')[0] = '')],
    ['an empty owner', (s: typeof saved) => void (journey(s, 'A1')[4] = '')],
    ['a stage-6 date that is not a day', (s: typeof saved) => void (s.opportunities[0][9] = 123)],
    ['stage 5 before stage 4', (s: typeof saved) => void (s.opportunities[0][4] = s.opportunities[0][2] - 1)],
    ['a latest version before the earliest', (s: typeof saved) => void (s.opportunities[0][8] = s.opportunities[0][2] - 1)],
    ['a candidate before the journey starts', (s: typeof saved) => void (journey(s, 'A1')[5] = journey(s, 'A1')[2] - 1)],
    ['a referenced journey with a CreatedDate', (s: typeof saved) => void (journey(s, 'A9')[2] = journey(s, 'A1')[2])],
    ['pending candidates of a journey already upserted', (s: typeof saved) => void (s.pending[0][0] = s.journeys.indexOf(journey(s, 'A1')))],
  ])('refuses %s with a SnapshotError', (_name, change) => {
    expect(() => createEvaluator(def, { restore: damaged(change) })).toThrow(SnapshotError);
  });
});
