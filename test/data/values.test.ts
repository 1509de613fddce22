import { describe, expect, it } from 'vitest';
import { parseDate, parseInstant, parseJsonValue, parseText, type Parsed } from '../../src/data/values.js';
import type { FieldDef } from '../../src/schema/types.js';

const value = (p: Parsed): unknown => {
  if (!p.ok) throw new Error(p.message);
  return p.value;
};
const message = (p: Parsed): string => {
  if (p.ok) throw new Error(`expected an error, got ${String(p.value)}`);
  return p.message;
};
const f = (type: FieldDef['type']): FieldDef => ({ type });

describe('instants', () => {
  it('accepts Z and canonicalises to milliseconds', () => {
    expect(value(parseInstant('2025-01-31T12:00:00Z'))).toBe('2025-01-31T12:00:00.000Z');
    expect(value(parseInstant('2025-01-31T12:00Z'))).toBe('2025-01-31T12:00:00.000Z');
    expect(value(parseInstant('2025-01-31 12:00:00.5z'))).toBe('2025-01-31T12:00:00.500Z');
  });

  it('converts an offset to UTC, across a day and a year boundary', () => {
    expect(value(parseInstant('2025-01-31T12:00:00+02:00'))).toBe('2025-01-31T10:00:00.000Z');
    expect(value(parseInstant('2025-01-01T01:30:00+0200'))).toBe('2024-12-31T23:30:00.000Z');
    expect(value(parseInstant('2024-12-31T22:00:00-05'))).toBe('2025-01-01T03:00:00.000Z');
  });

  it('truncates sub-millisecond digits (never rounds up)', () => {
    expect(value(parseInstant('2025-01-31T12:00:00.123999999Z'))).toBe('2025-01-31T12:00:00.123Z');
    expect(value(parseInstant('1960-06-01T00:00:00.9999Z'))).toBe('1960-06-01T00:00:00.999Z');
  });

  it('handles years below 100 and the 0001–9999 bounds', () => {
    expect(value(parseInstant('0050-03-01T00:00:00Z'))).toBe('0050-03-01T00:00:00.000Z');
    expect(message(parseInstant('0001-01-01T00:30:00+01:00'))).toMatch(/0001–9999/);
    expect(message(parseInstant('0000-01-01T00:00:00Z'))).toMatch(/0001–9999/);
  });

  it('rejects an offset-less instant and a bare date with a clear hint', () => {
    expect(message(parseInstant('2025-01-31T12:00:00'))).toMatch(/no UTC offset; add Z/);
    expect(message(parseInstant('2025-01-31'))).toMatch(/found the date '2025-01-31'/);
  });

  it('rejects impossible calendar dates and times', () => {
    expect(message(parseInstant('2025-02-29T00:00:00Z'))).toMatch(/day must be 01–28/);
    expect(message(parseInstant('2025-01-31T24:00:00Z'))).toMatch(/time out of range/);
    expect(message(parseInstant('2025-01-31T12:00:60Z'))).toMatch(/time out of range/);
    expect(message(parseInstant('yesterday'))).toMatch(/ISO-8601/);
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(value(parseDate('2024-02-29'))).toBe('2024-02-29');
    expect(message(parseDate('2023-02-29'))).toMatch(/not a valid date/);
    expect(message(parseDate('2000-13-01'))).toMatch(/month/);
    expect(message(parseDate('0000-01-01'))).toMatch(/0001–9999/);
    expect(message(parseDate('2025-1-5'))).toMatch(/YYYY-MM-DD/);
    expect(message(parseDate('2025-01-05T00:00:00Z'))).toMatch(/found the instant/);
  });
});

describe('CSV text values', () => {
  it('empty text is null for every type', () => {
    for (const t of ['id', 'text', 'picklist', 'multipicklist', 'boolean', 'int', 'double', 'date', 'datetime'] as const) {
      expect(value(parseText('', f(t)))).toBeNull();
    }
  });

  it('keeps text exactly (no trimming, case kept)', () => {
    expect(value(parseText(' Open ', f('picklist')))).toBe(' Open ');
    expect(value(parseText('AI;Cloud', f('multipicklist')))).toBe('AI;Cloud');
  });

  it('booleans: true/false in any case; nothing else', () => {
    expect(value(parseText('true', f('boolean')))).toBe(true);
    expect(value(parseText('FALSE', f('boolean')))).toBe(false);
    expect(message(parseText('1', f('boolean')))).toMatch(/expected true or false/);
    expect(message(parseText('yes', f('boolean')))).toMatch(/expected true or false/);
  });

  it('numbers: finite decimals; NaN, infinities, overflow, hex and separators are bad data', () => {
    expect(value(parseText('12.50', f('currency')))).toBe(12.5);
    expect(value(parseText('-1e3', f('double')))).toBe(-1000);
    expect(value(parseText('-0', f('double')))).toBe(0);
    expect(message(parseText('NaN', f('double')))).toMatch(/not a finite number/);
    expect(message(parseText('-Infinity', f('double')))).toMatch(/not a finite number/);
    expect(message(parseText('1e400', f('double')))).toMatch(/'1e400' is too large/);
    expect(message(parseText('0x10', f('double')))).toMatch(/expected a number/);
    expect(message(parseText('1,000', f('double')))).toMatch(/expected a number/);
  });

  it('int fields take integers only, within exact range', () => {
    expect(value(parseText('42', f('int')))).toBe(42);
    expect(value(parseText('1e3', f('int')))).toBe(1000);
    expect(message(parseText('4.5', f('int')))).toMatch(/expected an integer/);
    expect(message(parseText('9007199254740993', f('int')))).toMatch(/too large/);
  });
});

describe('JSON values', () => {
  it('are typed: strings for text and dates, numbers, booleans', () => {
    expect(value(parseJsonValue(3, f('percent')))).toBe(3);
    expect(value(parseJsonValue(true, f('boolean')))).toBe(true);
    expect(value(parseJsonValue('2025-01-31T13:00:00+01:00', f('datetime')))).toBe('2025-01-31T12:00:00.000Z');
    expect(message(parseJsonValue('3', f('percent')))).toMatch(/expected a number, found the string '3'/);
    expect(message(parseJsonValue('true', f('boolean')))).toMatch(/expected true or false/);
    expect(message(parseJsonValue(5, f('text')))).toMatch(/expected a string/);
  });

  it('empty strings and missing keys are null', () => {
    expect(value(parseJsonValue('', f('text')))).toBeNull();
    expect(value(parseJsonValue('', f('datetime')))).toBeNull();
    expect(value(parseJsonValue(undefined, f('int')))).toBeNull();
  });

  it('multi-select: a ;-joined string or an array of strings', () => {
    expect(value(parseJsonValue(['AI', 'Cloud'], f('multipicklist')))).toBe('AI;Cloud');
    expect(value(parseJsonValue([], f('multipicklist')))).toBeNull();
    expect(message(parseJsonValue(['A;B'], f('multipicklist')))).toMatch(/cannot contain ';'/);
    expect(message(parseJsonValue([1], f('multipicklist')))).toMatch(/must be strings/);
  });
});
