import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from '../../src/runtime/index.js';
import { MAX_INSTANT, MIN_INSTANT, parseCanonicalInstant, parseDate } from '../../src/runtime/values.js';
import { parseInstant as parseDataInstant } from '../../src/data/values.js';

describe('instants', () => {
  it('formatInstant agrees with Date#toISOString over years 0001-9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT }), (t) => {
        expect(formatInstant(t)).toBe(new Date(t).toISOString());
        expect(parseCanonicalInstant(formatInstant(t))).toBe(t);
      }),
      { numRuns: 2000 },
    );
    expect(formatInstant(MIN_INSTANT)).toBe('0001-01-01T00:00:00.000Z');
    expect(formatInstant(MAX_INSTANT)).toBe('9999-12-31T23:59:59.999Z');
  });

  it('parses offsets, truncates sub-millisecond digits, rejects ambiguity and impossible times', () => {
    expect(formatInstant(parseInstant('2025-01-31T23:30:00.9999-01:30'))).toBe('2025-02-01T01:00:00.999Z');
    expect(formatInstant(parseInstant('2025-01-31 12:00Z'))).toBe('2025-01-31T12:00:00.000Z');
    expect(formatInstant(parseInstant('2024-02-29T00:00:00+0000'))).toBe('2024-02-29T00:00:00.000Z');
    // Lower-case t and z (RFC 3339), as the data loaders accept them.
    expect(formatInstant(parseInstant('2025-01-01t08:00:00z'))).toBe('2025-01-01T08:00:00.000Z');
    for (const bad of ['2025-01-31T12:00:00', '2025-02-29T00:00:00Z', '2025-01-31T24:00:00Z', '2025-13-01T00:00:00Z', '0000-12-31T23:59:59Z', '2025-01-31', 'soon']) {
      expect(parseInstant(bad), bad).toBeNaN();
    }
    expect(parseInstant('0001-01-01T00:30:00+01:00')).toBeNaN(); // before year 1 in UTC
  });

  it('dates are strict calendar dates', () => {
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    for (const bad of ['2023-02-29', '2025-1-01', '2025-01-01T00:00:00Z', '']) expect(parseDate(bad), bad).toBeNaN();
  });
});

describe('the runtime and the data loaders accept the same instants', () => {
  // SPEC §3 and §6 describe one set of values: a record valid in a data file is valid upserted.
  const digits = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
  const instantLike = fc
    .tuple(
      fc.oneof(digits(4), fc.constantFrom('0000', '0001', '9999', '2024')),
      fc.oneof(digits(2), fc.constantFrom('01', '02', '12', '13')),
      fc.oneof(digits(2), fc.constantFrom('01', '28', '29', '31')),
      fc.constantFrom('T', 't', ' ', '_'),
      digits(2),
      digits(2),
      fc.option(fc.tuple(digits(2), fc.option(fc.tuple(fc.constantFrom('.', ','), fc.stringMatching(/^[0-9]{1,7}$/))))),
      fc.constantFrom('Z', 'z', '+01:00', '-0130', '+24:00', '+05', ''),
    )
    .map(([y, mo, d, sep, h, mi, sec, zone]) => `${y}-${mo}-${d}${sep}${h}:${mi}${sec === null ? '' : `:${sec[0]}${sec[1] === null ? '' : sec[1].join('')}`}${zone}`);

  it('parse every generated instant-like string to the same instant, or both refuse it', () => {
    fc.assert(
      fc.property(instantLike, (text) => {
        const loaded = parseDataInstant(text);
        const t = parseInstant(text);
        if (loaded.ok) expect(formatInstant(t)).toBe(loaded.value);
        else expect(t).toBeNaN();
      }),
      { numRuns: 2000, seed: 20261207 },
    );
  });
});
