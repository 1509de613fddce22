import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant } from '../../src/runtime/index.js';
import { MAX_INSTANT, MIN_INSTANT, parseCanonicalInstant, parseDate } from '../../src/runtime/values.js';

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
