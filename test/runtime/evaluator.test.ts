import { describe, expect, it } from 'vitest';
import { createEvaluator, type StampRow } from '../../src/runtime/index.js';
import { DEFAULT_SPEC, T, contact, engagement, handDefinition, lead, opportunity } from '../support/hand-definition.js';

const def = handDefinition(DEFAULT_SPEC);

/** Stamps as compact strings `object id stage date owner [inferred]` for readable expectations. */
function brief(rows: StampRow[]): string[] {
  return rows.map((r) => `${r.object[0]} ${r.record_id} ${r.stage} ${r.stage_date.slice(5, 13)} ${r.owner_id ?? '-'}${r.inferred ? ' inferred' : ''}`);
}

function run(records: [string, Record<string, unknown>][], d = def): string[] {
  const ev = createEvaluator(d);
  for (const [object, r] of records) ev.upsert(object as 'Lead', r);
  return brief(ev.stamps());
}

describe('first met', () => {
  it('stamps stage 2 and 3 with the first qualifying version of the journey', () => {
    expect(
      run([
        ['Engagement', engagement('A1', T(1))],
        ['Lead', lead('L1', T(2), 'A1', { Status: 'Open', OwnerId: 'u2' })],
        ['Lead', lead('L1', T(3), 'A1', { Status: 'Routed', OwnerId: 'u3' })],
        ['Lead', lead('L1', T(4), 'A1', { Status: 'Working', OwnerId: 'u4' })],
      ]),
    ).toEqual(['e A1 1 01-01T00 E-owner', 'e A1 2 01-02T00 u2', 'e A1 3 01-04T00 u4']);
  });

  it('ignores versions pointing at an Influencing engagement or a missing one', () => {
    expect(
      run([
        ['Engagement', engagement('I1', T(1), { RecordType: 'Influencing' })],
        ['Lead', lead('L1', T(2), 'I1', { Status: 'Open' })],
        ['Lead', lead('L2', T(2), 'NOPE', { Status: 'Open' })],
      ]),
    ).toEqual([]);
  });
});

describe('back-fill', () => {
  it('fills a skipped stage with the later milestone date and owner', () => {
    expect(
      run([
        ['Engagement', engagement('A1', T(1))],
        ['Lead', lead('L1', T(5), 'A1', { Status: 'Working', OwnerId: 'u5' })],
      ]),
    ).toEqual(['e A1 1 01-01T00 E-owner', 'e A1 2 01-05T00 u5 inferred', 'e A1 3 01-05T00 u5']);
  });

  it('back-fills 2 and 3 from the primary opportunity created inside the window only', () => {
    expect(
      run([
        ['Engagement', engagement('A1', T(5))],
        ['Opportunity', opportunity('O0', T(4), 'A1', { OwnerId: 'before' })],
        ['Opportunity', opportunity('O2', T(7), 'A1', { OwnerId: 'second' })],
        ['Opportunity', opportunity('O1', T(6), 'A1', { OwnerId: 'first' })],
      ]),
    ).toEqual([
      'e A1 1 01-05T00 E-owner',
      'e A1 2 01-06T00 first inferred',
      'e A1 3 01-06T00 first inferred',
      'o O0 4 01-04T00 before',
      'o O1 4 01-06T00 first',
      'o O2 4 01-07T00 second',
    ]);
  });

  it('back-fills stage 5 from stage 6 with t, stage 6 reports the latest CloseDate', () => {
    expect(
      run([
        ['Opportunity', opportunity('O1', T(2), null, { OwnerId: 'a' })],
        ['Opportunity', opportunity('O1', T(3), null, { OwnerId: 'b', IsWon: true, CloseDate: '2025-01-10' })],
        ['Opportunity', opportunity('O1', T(4), null, { OwnerId: 'c', IsWon: false, CloseDate: '2025-02-01' })],
      ]),
    ).toEqual(['o O1 4 01-02T00 a', 'o O1 5 01-03T00 b inferred', 'o O1 6 02-01T00 b']);
  });

  it('stage 6 falls back to t when the latest CloseDate is null', () => {
    expect(
      run([
        ['Opportunity', opportunity('O1', T(3), null, { OwnerId: 'b', IsWon: true, CloseDate: '2025-01-10' })],
        ['Opportunity', opportunity('O1', T(4), null, { OwnerId: 'c', CloseDate: null })],
      ]),
    ).toEqual(['o O1 4 01-03T00 b', 'o O1 5 01-03T00 b inferred', 'o O1 6 01-03T00 b']);
  });

  it('unused stages are neither stamped nor back-filled', () => {
    const d = handDefinition({ ...DEFAULT_SPEC, unused: [3, 5] });
    expect(
      run(
        [
          ['Engagement', engagement('A1', T(1))],
          ['Lead', lead('L1', T(2), 'A1', { Status: 'Working' })],
          ['Opportunity', opportunity('O1', T(3), 'A1', { Probability: 50, IsWon: true })],
        ],
        d,
      ),
    ).toEqual(['e A1 1 01-01T00 E-owner', 'e A1 2 01-03T00 O-owner inferred', 'o O1 4 01-03T00 O-owner', 'o O1 6 01-03T00 O-owner']);
  });
});

describe('window', () => {
  it('a dormant journey gets no stage 2/3 and is not reactivated', () => {
    expect(
      run([
        ['Engagement', engagement('A1', T(1), { CompletionDate: T(3) })],
        ['Lead', lead('L1', T(3), 'A1', { Status: 'Open' })],
        ['Lead', lead('L1', T(4), 'A1', { Status: 'Working' })],
      ]),
    ).toEqual(['e A1 1 01-01T00 E-owner']);
  });

  it('a version before the journey was created yields nothing, even if it arrives first', () => {
    expect(
      run([
        ['Lead', lead('L1', T(1), 'A1', { Status: 'Open' })],
        ['Lead', lead('L1', T(3), 'A1', { Status: 'Working' })],
        ['Engagement', engagement('A1', T(2))],
      ]),
    ).toEqual(['e A1 1 01-02T00 E-owner', 'e A1 2 01-03T00 L-owner inferred', 'e A1 3 01-03T00 L-owner']);
  });

  it('a completion arriving late removes stamps after it and fires unstamp', () => {
    const ev = createEvaluator(def);
    ev.upsert('Engagement', engagement('A1', T(1)));
    ev.upsert('Lead', lead('L1', T(5), 'A1', { Status: 'Open' }));
    const events: string[] = [];
    ev.on('stamp', (s, p) => events.push(`stamp ${s.stage} ${s.stage_date.slice(5, 10)} ${p === null ? 'new' : 'moved'}`));
    ev.on('unstamp', (p) => events.push(`unstamp ${p.stage}`));
    ev.upsert('Engagement', engagement('A1', T(1), { CompletionDate: T(4) }));
    expect(brief(ev.stamps())).toEqual(['e A1 1 01-01T00 E-owner']);
    expect(events).toEqual(['unstamp 2']);
    // The completion moving later (or being cleared) brings it back exactly.
    ev.upsert('Engagement', engagement('A1', T(1), { CompletionDate: null }));
    expect(brief(ev.stamps())).toEqual(['e A1 1 01-01T00 E-owner', 'e A1 2 01-05T00 L-owner']);
    expect(events).toEqual(['unstamp 2', 'stamp 2 01-05 new']);
  });
});

describe('ties', () => {
  it('on conversion the Contact owner wins a tie with the Lead', () => {
    expect(
      run([
        ['Engagement', engagement('A1', T(1))],
        ['Lead', lead('L1', T(2), 'A1', { Status: 'Open', OwnerId: 'lead-owner' })],
        ['Contact', contact('C1', T(2), 'A1', { Status: 'Open', OwnerId: 'contact-owner' })],
      ]),
    ).toEqual(['e A1 1 01-01T00 E-owner', 'e A1 2 01-02T00 contact-owner']);
  });

  it('a null owner sorts last, then source ids by code point', () => {
    expect(
      run([
        ['Engagement', engagement('A1', T(1))],
        ['Lead', lead('L1', T(2), 'A1', { Status: 'Open', OwnerId: null })],
        ['Lead', lead('L2', T(2), 'A1', { Status: 'Open', OwnerId: 'z' })],
        ['Lead', lead('\u{1F600}', T(2), 'A1', { Status: 'Working', OwnerId: 'same' })],
        ['Lead', lead('\uFF21', T(2), 'A1', { Status: 'Working', OwnerId: 'same' })],
      ]),
    ).toEqual(['e A1 1 01-01T00 E-owner', 'e A1 2 01-02T00 z', 'e A1 3 01-02T00 same']);
  });
});

describe('primary opportunity and attribution', () => {
  it('an earlier opportunity version arriving late moves the attribution to another journey', () => {
    const ev = createEvaluator(def);
    ev.upsert('Engagement', engagement('A1', T(1)));
    ev.upsert('Engagement', engagement('A2', T(1)));
    ev.upsert('Opportunity', opportunity('O1', T(5), 'A1', { OwnerId: 'late' }));
    expect(brief(ev.stamps()).filter((s) => s.startsWith('e'))).toEqual([
      'e A1 1 01-01T00 E-owner',
      'e A1 2 01-05T00 late inferred',
      'e A1 3 01-05T00 late inferred',
      'e A2 1 01-01T00 E-owner',
    ]);
    const unstamped: string[] = [];
    ev.on('unstamp', (p) => unstamped.push(`${p.record_id} ${p.stage}`));
    ev.upsert('Opportunity', opportunity('O1', T(3), 'A2', { OwnerId: 'early' }));
    expect(brief(ev.stamps())).toEqual([
      'e A1 1 01-01T00 E-owner',
      'e A2 1 01-01T00 E-owner',
      'e A2 2 01-03T00 early inferred',
      'e A2 3 01-03T00 early inferred',
      'o O1 4 01-03T00 early',
    ]);
    expect(unstamped).toEqual(['A1 2', 'A1 3']);
  });

  it('primary opportunity is the least (t, Id) inside the window', () => {
    expect(
      run([
        ['Engagement', engagement('A1', T(1))],
        ['Opportunity', opportunity('Ob', T(2), 'A1', { OwnerId: 'b' })],
        ['Opportunity', opportunity('Oa', T(2), 'A1', { OwnerId: 'a' })],
      ]).slice(0, 3),
    ).toEqual(['e A1 1 01-01T00 E-owner', 'e A1 2 01-02T00 a inferred', 'e A1 3 01-02T00 a inferred']);
  });
});

describe('events', () => {
  it('fires stamp for new and moved stamps only, never for re-deliveries', () => {
    const ev = createEvaluator(def);
    const events: string[] = [];
    ev.on('stamp', (s, p) => events.push(`${s.record_id} ${s.stage} ${s.stage_date.slice(8, 10)}${p ? ` from ${p.stage_date.slice(8, 10)}` : ''}`));
    ev.upsert('Engagement', engagement('A1', T(1)));
    ev.upsert('Lead', lead('L1', T(5), 'A1', { Status: 'Open' }));
    ev.upsert('Lead', lead('L1', T(5), 'A1', { Status: 'Open' }));
    ev.upsert('Lead', lead('L1', T(3), 'A1', { Status: 'Open' }));
    expect(events).toEqual(['A1 1 01', 'A1 2 05', 'A1 2 03 from 05']);
  });

  it('unsubscribes', () => {
    const ev = createEvaluator(def);
    let n = 0;
    const off = ev.on('stamp', () => n++);
    ev.upsert('Engagement', engagement('A1', T(1)));
    off();
    ev.upsert('Engagement', engagement('A2', T(1)));
    expect(n).toBe(1);
  });
});

describe('input normalisation', () => {
  it('accepts Date objects and offsets, truncates to the millisecond, treats empty text as null', () => {
    const ev = createEvaluator(def);
    ev.upsert('Engagement', engagement('A1', new Date(Date.UTC(2025, 0, 1)), { OwnerId: '' }));
    ev.upsert('Lead', lead('L1', '2025-01-02T01:00:00.123999+01:00', 'A1', { Status: 'Open' }));
    expect(ev.stamps()).toEqual([
      { object: 'engagement', record_id: 'A1', stage: 1, label: 'Activation', stage_date: '2025-01-01T00:00:00.000Z', owner_id: null, inferred: false },
      { object: 'engagement', record_id: 'A1', stage: 2, label: 'MQL', stage_date: '2025-01-02T00:00:00.123Z', owner_id: 'L-owner', inferred: false },
    ]);
  });

  it('Engagement CreatedDate and record type cannot change once upserted', () => {
    const ev = createEvaluator(def);
    ev.upsert('Engagement', engagement('A1', T(1)));
    expect(() => ev.upsert('Engagement', engagement('A1', T(2)))).toThrow(/CreatedDate: cannot change/);
    expect(() => ev.upsert('Engagement', engagement('A1', T(1), { RecordType: 'Influencing' }))).toThrow(/RecordType/);
  });
});
