import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IdIndex, OwnerTable } from '../../src/runtime/id-index.js';

describe('IdIndex (the evaluator’s off-heap id → index map)', () => {
  it('agrees with a Map on any sequence of ids, including surrogates, empty and page-sized ids', () => {
    const id = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 10 }), // lone surrogates and astral characters
      fc.constantFrom('', 'a', '00Q000000000000001', '\uD800', '\uDFFF\uD800'),
      fc.integer({ min: 65_525, max: 65_545 }).map((n) => 'x'.repeat(n)), // around the 65,536-byte page
      fc.integer({ min: 32_760, max: 32_775 }).map((n) => '\u0100'.repeat(n)), // two bytes a unit, around a page
      fc.integer({ min: 120, max: 135 }).map((n) => 'é'.repeat(n)), // around the one-byte length header
    );
    fc.assert(
      fc.property(fc.array(id, { maxLength: 300 }), (ids) => {
        const index = new IdIndex();
        const model = new Map<string, number>();
        for (const s of ids) {
          const known = model.get(s);
          expect(index.find(s)).toBe(known ?? -1);
          const i = index.slot(s);
          expect(index.added).toBe(known === undefined);
          if (known === undefined) model.set(s, i);
          expect(i).toBe(model.get(s));
        }
        expect(index.count).toBe(model.size);
        for (const [s, i] of model) expect(index.idOf(i)).toBe(s);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps 200,000 similar ids apart through every rehash', () => {
    const index = new IdIndex();
    const ids = Array.from({ length: 200_000 }, (_, n) => `00Q${String(n).padStart(15, '0')}`);
    ids.forEach((s, n) => expect(index.slot(s)).toBe(n));
    for (let n = 0; n < ids.length; n += 997) {
      expect(index.find(ids[n])).toBe(n);
      expect(index.idOf(n)).toBe(ids[n]);
    }
    expect(index.find('00Q999999999999999')).toBe(-1);
  });

  it('returns ids longer than one slice of fromCharCode whole', () => {
    const index = new IdIndex();
    const long = Array.from({ length: 70_000 }, (_, n) => String.fromCharCode(65 + (n % 26))).join('');
    index.slot('before');
    const i = index.slot(long);
    index.slot('after');
    expect(index.idOf(i)).toBe(long);
    expect(index.find('after')).toBe(2);
  });
});

describe('OwnerTable', () => {
  it('interns owners to small integers, null to -1', () => {
    const owners = new OwnerTable();
    expect(owners.intern(null)).toBe(-1);
    const a = owners.intern('005A');
    expect(owners.intern('005' + 'A')).toBe(a);
    expect(owners.intern('005B')).not.toBe(a);
    expect(owners.name(a)).toBe('005A');
    expect(owners.name(-1)).toBeNull();
  });
});
