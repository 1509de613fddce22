/**
 * The DuckDB cell macros (src/data/duckdb/cell-sql.ts) against the value rules they spell
 * (`parseText` in src/data/values.ts): for generated cells of every field type — valid ones in
 * every accepted spelling and near-misses of them — a macro accepts exactly the cells
 * `parseText` accepts and returns the same normalised value. Each batch of cells goes through
 * DuckDB in one query; fast-check shrinks a disagreement to a small batch.
 *
 * ≈200 batches per field type by default; STAGECRAFT_DEEP=1 runs 3,000.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textCellSql } from '../../src/data/duckdb/cell-sql.js';
import { openDuckDbSession, type DuckDbSession } from '../../src/data/duckdb/session.js';
import { literal } from '../../src/data/duckdb/sql-text.js';
import { parseText } from '../../src/data/values.js';
import type { FieldDef, FieldType } from '../../src/schema/types.js';

const DEEP = process.env.STAGECRAFT_DEEP === '1';
const RUNS = DEEP ? 3000 : 200;

let session: DuckDbSession;
beforeAll(async () => {
  session = await openDuckDbSession();
});
afterAll(async () => {
  await session.close();
});

/** What a macro's result is compared as: instants and dates formatted in SQL, the rest as is. */
function resultSql(cell: string, field: FieldDef): string {
  const value = textCellSql(cell, field);
  if (field.type === 'datetime') return `strftime(${value}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
  if (field.type === 'date') return `strftime(${value}, '%Y-%m-%d')`;
  return value;
}

/** The macro's value of every cell, in one query. */
async function macroValues(cells: readonly string[], field: FieldDef): Promise<unknown[]> {
  const rows = cells.map((c, i) => `(${i}, ${literal(c)})`).join(', ');
  const reader = await session.connection.runAndReadAll(
    `SELECT i, ${resultSql('c', field)} AS v FROM (VALUES ${rows}) t(i, c) ORDER BY i`,
  );
  return reader.getRowsJS().map((r) => r[1] ?? null);
}

/** What `parseText` makes of each cell: its value, or null when it rejects the cell. */
function expectedValues(cells: readonly string[], field: FieldDef): unknown[] {
  return cells.map((c) => {
    const parsed = parseText(c, field);
    return parsed.ok ? parsed.value : null;
  });
}

async function agree(cells: readonly string[], field: FieldDef): Promise<void> {
  const actual = await macroValues(cells, field);
  const expected = expectedValues(cells, field);
  const pairs = cells.map((cell, i) => ({ cell, duckdb: actual[i], parseText: expected[i] }));
  const wrong = pairs.filter((p) => !Object.is(p.duckdb, p.parseText));
  expect(wrong).toEqual([]);
}

// ------------------------------------------------------------------------------ generators

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));

const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number): number => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

const year = fc.oneof(fc.integer({ min: 1, max: 9999 }), fc.constantFrom(1, 2, 1900, 1969, 1970, 2000, 2024, 2100, 9998, 9999));

/** A real calendar date, leap days and month ends often. */
const ymd = fc
  .tuple(year, fc.integer({ min: 1, max: 12 }), fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant(31), fc.constant(29)))
  .map(([y, m, d]) => ({ y, m, d: Math.min(d, daysIn(y, m)) }));

const dateText = ymd.map(({ y, m, d }) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

/** Hours/minutes/seconds, the edges (00, 23:59:59) often. */
const hms = fc.record({
  h: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 23)),
  mi: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(0, 59)),
  s: fc.option(fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(0, 59)), { nil: undefined }),
  fraction: fc.option(fc.tuple(fc.constantFrom('.', ','), digits(0, 9)), { nil: undefined }),
});

const offset = fc.oneof(
  fc.constantFrom('Z', 'z'),
  fc
    .tuple(
      fc.constantFrom('+', '-'),
      fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 14, 23)),
      fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(0, 30, 45, 59)),
      fc.constantFrom('hh', 'hhmm', 'hh:mm'),
    )
    .map(([sign, h, m, form]) => `${sign}${pad(h, 2)}${form === 'hh' ? '' : form === 'hhmm' ? pad(m, 2) : `:${pad(m, 2)}`}`),
);

/** An instant in any accepted spelling (before the year check after conversion to UTC). */
const instantText = fc
  .tuple(dateText, fc.constantFrom('T', 't', ' '), hms, offset)
  .map(([date, sep, t, off]) => {
    let time = `${pad(t.h, 2)}:${pad(t.mi, 2)}`;
    if (t.s !== undefined) {
      time += `:${pad(t.s, 2)}`;
      // A fraction with no digits ("12:00:00.Z") is a near-miss the rules reject.
      if (t.fraction !== undefined) time += t.fraction[0] + t.fraction[1];
    }
    return `${date}${sep}${time}${off}`;
  });

/** Small edits that turn a valid cell into a near-miss (or, sometimes, another valid one). */
function nearMiss(valid: fc.Arbitrary<string>, extra: readonly string[]): fc.Arbitrary<string> {
  const edits: fc.Arbitrary<(s: string) => string>[] = [
    fc.constant((s: string) => ` ${s}`),
    fc.constant((s: string) => `${s} `),
    fc.constant((s: string) => `${s}\n`),
    fc.constant((s: string) => s.toUpperCase()),
    fc.constant((s: string) => s.slice(0, -1)),
    fc.constant((s: string) => s.slice(1)),
    fc.constant((s: string) => s.replace(/^\d{4}/, '0000')),
    fc.constant((s: string) => s.replace(/^\d{4}/, '10000')),
    fc.constant((s: string) => s.replace(/[Zz]$|[+-]\d\d(:?\d\d)?$/, '')),
    fc.tuple(fc.nat(), fc.constantFrom(...'0123456789:-+.,TtZz _e')).map(([at, ch]) => (s: string) => {
      const i = at % (s.length + 1);
      return s.slice(0, i) + ch + s.slice(i);
    }),
    fc.tuple(fc.nat(), fc.constantFrom(...'0123456789:-+.,TZ ')).map(([at, ch]) => (s: string) => {
      const i = at % Math.max(1, s.length);
      return s.slice(0, i) + ch + s.slice(i + 1);
    }),
  ];
  return fc.oneof(
    fc.tuple(valid, fc.oneof(...edits)).map(([s, edit]) => edit(s)),
    fc.constantFrom(...extra),
  );
}

const INSTANT_MISSES = [
  '2025-01-31T24:00:00Z', '2025-01-31T23:60:00Z', '2025-01-31T23:59:60Z', '0000-01-01T00:00:00Z',
  '0000-12-31T23:00:00-01:00', '0001-01-01T00:00:00+00:01', '9999-12-31T23:59:59.999-00:01', '9999-12-31T23:59:59.999Z',
  '0001-01-01T00:00:00.000Z', '2025-01-31T12:00:00', '2025-01-31', '2025-01-31T', '2025-01-31T12Z', '2025-01-31T1:00Z',
  '2025-01-31T12:00.5Z', '2025-01-31T12:00:00.Z', '2025-01-31T12:00:00+24:00', '2025-01-31T12:00:00+01:60',
  '2025-01-31T12:00:00+1', '2025-01-31T12:00:00+01:0', '2025-01-31T12:00:00+01:00:00', '2025-02-29T00:00:00Z',
  '2024-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '2025-13-01T00:00:00Z', '2025-00-10T00:00:00Z',
  '2025-01-00T00:00:00Z', '2025-04-31T00:00:00Z', '2025-01-31T12:00:00 Z', '2025-01-31T12:00:00.123456789012Z',
  '1969-12-31T23:59:59.9999999Z', '2025-01-31T12:00:00\u221201:00', '２０２５-01-31T12:00:00Z', '+2025-01-31T12:00:00Z',
  '2025-01-31T12:00:00.000Z\n', '2025-01-31 (BC) 12:00:00Z', 'now', 'epoch', 'infinity', '-infinity',
];

const numberText = fc
  .tuple(
    fc.constantFrom('', '', '+', '-'),
    fc.oneof(
      digits(1, 20),
      fc.tuple(digits(1, 20), digits(0, 20)).map(([a, b]) => `${a}.${b}`),
      digits(1, 20).map((b) => `.${b}`),
      fc.constantFrom('9007199254740991', '9007199254740992', '9007199254740993', '1' + '0'.repeat(308), '1' + '0'.repeat(400), '0.' + '0'.repeat(330) + '1'),
    ),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(1, 4)), { nil: undefined }),
  )
  .map(([sign, mantissa, exp]) => `${sign}${mantissa}${exp === undefined ? '' : exp.join('')}`);

const NUMBER_MISSES = [
  '1_000', ' 1', '1 ', 'inf', '-inf', 'Infinity', '+Infinity', 'NaN', 'nan', '-NaN', '0x10', '1e', 'e5', '.', '+', '-', '1..2',
  '1,5', '1.5.', '٣', '１', '1e1.5', '++1', '1e309', '-1e309', '1.7976931348623157e308', '4.9e-324', '2e-324', '1e-400',
  '9007199254740992', '-9007199254740991', '-9007199254740992', '1e15', '1e16', '1.0', '1.5', '-0', '-0.0', '0e0', '.e1', '1.e1', '0.1e-1',
  '1d', '1f', '$1', '1%', '(1)',
];

const booleanText = fc
  .tuple(fc.constantFrom('true', 'false'), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }))
  .map(([word, upper]) => [...word].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''));

const BOOLEAN_MISSES = ['TRUE', 'False', 'yes', 'no', 'YES', '1', '0', 't', 'f', 'T', 'F', 'on', 'off', ' true', 'true ', 'tru', 'truee', 'y', 'n', 'null', 'TRUE\n', 'ｔｒｕｅ'];

const DATE_MISSES = [
  '0000-01-01', '0001-01-01', '9999-12-31', '10000-01-01', '2025-02-29', '2024-02-29', '1900-02-29', '2000-02-29', '2025-02-30',
  '2025-13-01', '2025-00-01', '2025-01-00', '2025-01-32', '2025-1-01', '2025-01-1', '20250101', '2025/01/31', ' 2025-01-31',
  '2025-01-31 ', '2025-01-31T00:00:00Z', '2025-01-31T00:00:00.000Z', '2025-01-31 00:00:00', '+2025-01-31', '2025-01-31 (BC)',
  '-2025-01-31', '２０２５-01-31', 'today',
];

/** Arbitrary short text, from the characters these formats are made of and any other. */
const looseText = fc.oneof(
  fc.array(fc.constantFrom(...'0123456789-:+.,TtZz eE'), { maxLength: 30 }).map((c) => c.join('')),
  fc.string({ maxLength: 20 }),
);

const CELLS: Readonly<Partial<Record<FieldType, fc.Arbitrary<string>>>> = {
  datetime: fc.oneof({ weight: 3, arbitrary: instantText }, { weight: 3, arbitrary: nearMiss(instantText, INSTANT_MISSES) }, { weight: 1, arbitrary: looseText }),
  date: fc.oneof({ weight: 3, arbitrary: dateText }, { weight: 3, arbitrary: nearMiss(dateText, DATE_MISSES) }, { weight: 1, arbitrary: instantText }, { weight: 1, arbitrary: looseText }),
  double: fc.oneof({ weight: 3, arbitrary: numberText }, { weight: 3, arbitrary: nearMiss(numberText, NUMBER_MISSES) }, { weight: 1, arbitrary: looseText }),
  int: fc.oneof({ weight: 3, arbitrary: numberText }, { weight: 3, arbitrary: nearMiss(numberText, NUMBER_MISSES) }, { weight: 1, arbitrary: looseText }),
  boolean: fc.oneof({ weight: 2, arbitrary: booleanText }, { weight: 2, arbitrary: nearMiss(booleanText, BOOLEAN_MISSES) }, { weight: 1, arbitrary: looseText }),
  // Text is kept exactly (no trimming), empty text is null; any Unicode, quotes and backslashes.
  text: fc.oneof(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom("'", "''", '\\', '"', ' ', '\r\n', '😀', 'e\u0301')).filter((s) => !s.includes('\0')),
};

/** Field types that share a macro with one above (currency, percent: numbers; ids: text). */
const SAME_AS: Readonly<Partial<Record<FieldType, FieldType>>> = {
  currency: 'double', percent: 'double', id: 'text', reference: 'text', picklist: 'text', multipicklist: 'text',
};

describe('DuckDB cell macros agree with parseText', () => {
  for (const [type, cells] of Object.entries(CELLS) as [FieldType, fc.Arbitrary<string>][]) {
    it(`${type} cells`, async () => {
      const field: FieldDef = { type };
      await fc.assert(
        fc.asyncProperty(fc.array(cells, { minLength: 1, maxLength: 40 }), (batch) => agree(batch, field)),
        { numRuns: RUNS },
      );
    });
  }

  it('every near-miss listed, on every field type that reads it', async () => {
    const lists: [FieldType, readonly string[]][] = [
      ['datetime', [...INSTANT_MISSES, ...DATE_MISSES, '']],
      ['date', [...DATE_MISSES, ...INSTANT_MISSES, '']],
      ['double', [...NUMBER_MISSES, '']],
      ['int', [...NUMBER_MISSES, '']],
      ['boolean', [...BOOLEAN_MISSES, 'true', 'false', 'tRuE', '']],
    ];
    for (const [type, cells] of lists) {
      await agree(cells, { type });
      const alias = Object.entries(SAME_AS).filter(([, to]) => to === type).map(([from]) => from as FieldType);
      for (const other of alias) await agree(cells, { type: other });
    }
    for (const [from] of Object.entries(SAME_AS)) await agree(['', 'x', ' x ', "it's"], { type: from as FieldType });
  });
});
