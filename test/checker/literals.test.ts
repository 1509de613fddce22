/** Date, datetime and number literal normalisation (src/compiler/check/literals.ts). */
import { describe, expect, it } from 'vitest';
import { parseDateLiteral, parseDatetimeLiteral, parseNumberLiteral } from '../../src/compiler/check/literals.js';

describe('date literals', () => {
  it.each(['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (text) => {
    expect(parseDateLiteral(text)).toEqual({ ok: true, value: text });
  });

  it.each([
    ['2023-02-29', "'2023-02-29' is not a calendar date (2023-02 has no day 29)"],
    ['1900-02-29', "'1900-02-29' is not a calendar date (1900-02 has no day 29)"],
    ['2025-13-01', "'2025-13-01' is not a calendar date (month 13 does not exist)"],
    ['2025-04-31', "'2025-04-31' is not a calendar date (2025-04 has no day 31)"],
    ['2025-1-1', "'2025-1-1' is not a date; write it as YYYY-MM-DD"],
    ['2025-01-01T00:00:00Z', "'2025-01-01T00:00:00Z' is not a date; write it as YYYY-MM-DD"],
  ])('rejects %s', (text, reason) => {
    expect(parseDateLiteral(text)).toEqual({ ok: false, reason });
  });
});

describe('datetime literals', () => {
  it.each([
    ['2025-01-31T12:00:00Z', '2025-01-31T12:00:00.000Z'],
    ['2025-01-31t12:00z', '2025-01-31T12:00:00.000Z'],
    ['2025-01-31T12:00:00.1+00:00', '2025-01-31T12:00:00.100Z'],
    ['2025-01-31T12:00:00,123456Z', '2025-01-31T12:00:00.123Z'],
    ['2024-12-31T23:59:59.999-00:01', '2025-01-01T00:00:59.999Z'],
    ['2024-02-29T01:00:00+02:00', '2024-02-28T23:00:00.000Z'],
  ])('normalises %s', (text, value) => {
    expect(parseDatetimeLiteral(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['2025-01-31T12:00:00', "'2025-01-31T12:00:00' has no time zone; add Z (UTC) or an offset such as +01:00"],
    ['2025-01-31 12:00:00Z', "'2025-01-31 12:00:00Z' is not a datetime; write it as YYYY-MM-DDTHH:MM:SS with Z or an offset, e.g. '2025-01-31T12:00:00Z'"],
    ['2025-02-30T00:00:00Z', "'2025-02-30T00:00:00Z' is not a calendar date (2025-02 has no day 30)"],
    ['2025-01-01T24:00:00Z', "'2025-01-01T24:00:00Z' is not a valid time of day"],
    ['2025-01-01T00:00:60Z', "'2025-01-01T00:00:60Z' is not a valid time of day"],
    ['2025-01-01T00:00:00+24:00', "'2025-01-01T00:00:00+24:00' has an invalid offset"],
    ['9999-12-31T23:00:00-02:00', "'9999-12-31T23:00:00-02:00' is outside the years 0000–9999 in UTC"],
  ])('rejects %s', (text, reason) => {
    expect(parseDatetimeLiteral(text)).toEqual({ ok: false, reason });
  });
});

describe('number literals', () => {
  it('reads decimals and exponents as finite doubles, without -0', () => {
    expect(parseNumberLiteral('-1.5e3')).toEqual({ ok: true, value: -1500 });
    expect(parseNumberLiteral('.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseNumberLiteral('1.')).toEqual({ ok: true, value: 1 });
    expect(Object.is((parseNumberLiteral('-0') as { value: number }).value, 0)).toBe(true);
    expect(parseNumberLiteral('1e309')).toEqual({ ok: false, reason: 'number 1e309 is too large to be represented (numbers must be finite)' });
  });
});
