/**
 * Turning input values into the normalised values of `Dataset` (see dataset.ts), one field
 * type at a time. Shared by the CSV, JSON Lines and Parquet readers so that every format
 * accepts exactly the same values and says the same thing about a bad one.
 *
 * Decisions where the spec is silent (documented in docs/data.md):
 *  - booleans: `true`/`false` in any letter case (Excel and some warehouses write TRUE);
 *    `1`/`0`/`yes`/`no` are rejected rather than guessed.
 *  - instants need a time and an explicit UTC offset (`Z`, `+02:00`, `+0200`, `+02`):
 *    a date alone or an offset-less time would force a silent timezone guess. `T` or a
 *    space separates date and time; seconds may be omitted; digits past the millisecond are
 *    truncated (toward the past, also for instants before 1970).
 *  - years 0001–9999 only (for instants: after conversion to UTC).
 *  - numbers: plain decimal notation with optional exponent; no thousands separators, no
 *    hex, no `NaN`/`Infinity`; `int` fields take integers only.
 *  - text is kept exactly as written (no trimming); empty text is null.
 */
import type { FieldDef } from '../schema/types.js';
import type { Value } from './dataset.js';

export type Parsed = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly message: string };

const ok = (value: Value): Parsed => ({ ok: true, value });
const bad = (message: string): Parsed => ({ ok: false, message });

/** A short human name of what a field type expects, for messages. */
export function expectation(field: FieldDef): string {
  switch (field.type) {
    case 'boolean':
      return 'true or false';
    case 'int':
      return 'an integer';
    case 'double':
    case 'currency':
    case 'percent':
      return 'a number';
    case 'date':
      return 'a date YYYY-MM-DD';
    case 'datetime':
      return 'an instant like 2025-01-31T12:00:00.000Z';
    case 'multipicklist':
      return 'values joined with ;';
    default:
      return 'text';
  }
}

/** A CSV cell (always text) for a field; the empty cell is null. */
/**
 * `--timezone`: `UTC` (or `Z`) or a fixed offset `±HH:MM` / `±HHMM` / `±HH` → minutes east of
 * UTC, the zone instants without an offset are read in; null when `text` is neither. Named zones
 * (`Europe/Paris`) are refused on purpose: their offset changes over the year, so a replica's
 * offset-less local times are ambiguous at every daylight-saving change.
 */
export function parseTimezone(text: string): number | null {
  if (/^(utc|z)$/i.test(text)) return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 23 || minutes > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** A CSV cell (always text) for a field; the empty cell is null. `zone`: see `parseInstant`. */
export function parseText(text: string, field: FieldDef, zone?: number): Parsed {
  if (text === '') return ok(null);
  switch (field.type) {
    case 'id':
    case 'reference':
    case 'text':
    case 'picklist':
    case 'multipicklist':
      return ok(text);
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true') return ok(true);
      if (lower === 'false') return ok(false);
      return bad(`expected true or false, found ${quote(text)}`);
    }
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return parseNumberText(text, field);
    case 'date':
      return parseDate(text);
    case 'datetime':
      return parseInstant(text, zone);
  }
}

/**
 * A JSON value (JSON Lines) for a field. Values are typed: numbers as JSON numbers, booleans
 * as JSON booleans, dates and instants as strings, multi-select as a `;`-joined string or an
 * array of strings. A missing key is null.
 */
export function parseJsonValue(value: unknown, field: FieldDef, zone?: number): Parsed {
  if (value === null || value === undefined) return ok(null);
  switch (field.type) {
    case 'id':
    case 'reference':
    case 'text':
    case 'picklist':
      return typeof value === 'string' ? ok(value === '' ? null : value) : wrongJsonType(value, 'a string');
    case 'multipicklist':
      return parseMultiSelectArray(value);
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : wrongJsonType(value, 'true or false');
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      if (typeof value !== 'number') return wrongJsonType(value, expectation(field));
      // JSON itself has no NaN or Infinity: there a non-finite number is a literal like 1e999
      // that overflowed. Rows built in code (validateDataset) can hold NaN.
      if (Number.isNaN(value)) return bad('NaN is not a finite number (NaN and infinities are bad data)');
      return Number.isFinite(value) ? checkNumber(value, field) : bad('number too large (beyond the range of a double)');
    case 'date':
      if (typeof value !== 'string') return wrongJsonType(value, 'a date string "YYYY-MM-DD"');
      return value === '' ? ok(null) : parseDate(value);
    case 'datetime':
      if (typeof value !== 'string') return wrongJsonType(value, 'an instant string like "2025-01-31T12:00:00.000Z"');
      return value === '' ? ok(null) : parseInstant(value, zone);
  }
}

/** Multi-select given as a string or as an array of strings (joined with `;`). */
export function parseMultiSelectArray(value: unknown): Parsed {
  if (typeof value === 'string') return ok(value === '' ? null : value);
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) {
      if (typeof item !== 'string') return bad(`multi-select array items must be strings, found ${describeJson(item)}`);
      if (item.includes(';')) return bad(`a multi-select item cannot contain ';' (found ${quote(item)})`);
      if (item !== '') parts.push(item);
    }
    return ok(parts.length === 0 ? null : parts.join(';'));
  }
  return wrongJsonType(value, 'a string or an array of strings');
}

const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumberText(text: string, field: FieldDef): Parsed {
  if (!NUMBER_RE.test(text)) {
    if (/^[+-]?(nan|inf(inity)?)$/i.test(text)) return bad(`${quote(text)} is not a finite number (NaN and infinities are bad data)`);
    return bad(`expected ${expectation(field)}, found ${quote(text)}`);
  }
  const n = Number(text);
  if (!Number.isFinite(n)) return bad(`${quote(text)} is too large (beyond the range of a double)`);
  return checkNumber(n, field, text);
}

/** Finite, and integral for `int` fields (within the range where doubles are exact). */
export function checkNumber(n: number, field: FieldDef, original?: string): Parsed {
  const shown = (): string => (original !== undefined ? quote(original) : String(n));
  if (!Number.isFinite(n)) return bad(`${shown()} is not a finite number (NaN and infinities are bad data)`);
  if (field.type === 'int') {
    if (!Number.isInteger(n)) return bad(`expected an integer, found ${shown()}`);
    if (!Number.isSafeInteger(n)) return bad(`integer ${shown()} is too large to be exact (beyond ±2^53)`);
  }
  // -0 would print as "0" in some places and "-0" in others; it is the same number.
  return ok(n === 0 ? 0 : n);
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD`, a real calendar date in years 0001–9999. */
export function parseDate(text: string): Parsed {
  const m = DATE_RE.exec(text);
  if (!m) {
    if (INSTANT_RE.test(text)) return bad(`expected a date YYYY-MM-DD, found the instant ${quote(text)}`);
    return bad(`expected a date YYYY-MM-DD, found ${quote(text)}`);
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const problem = calendarProblem(y, mo, d);
  if (problem) return bad(`${quote(text)} is not a valid date: ${problem}`);
  return ok(text);
}

// Date, separator, hours:minutes, optional seconds and fraction, optional offset (checked below).
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * An ISO-8601 instant with an explicit offset → canonical UTC `YYYY-MM-DDTHH:MM:SS.mmmZ`,
 * truncated to the millisecond. `zone` (minutes east of UTC, `--timezone`) is the offset of an
 * instant written without one; without it such an instant is bad data.
 */
export function parseInstant(text: string, zone?: number): Parsed {
  if (isCanonicalInstant(text)) return ok(text);
  const m = INSTANT_RE.exec(text);
  if (!m) {
    if (DATE_RE.test(text)) {
      return bad(`expected an instant with a time and UTC offset, found the date ${quote(text)} (write ${text}T00:00:00Z if midnight UTC is meant)`);
    }
    return bad(`expected an ISO-8601 instant like 2025-01-31T12:00:00.000Z, found ${quote(text)}`);
  }
  const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((k) => Number(m[k])) as [number, number, number, number, number];
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] ?? '';
  if (m[8] === undefined && m[9] === undefined && zone === undefined) {
    return bad(`instant ${quote(text)} has no UTC offset; add Z for UTC (e.g. ${text}Z) or the offset it was recorded in, or name the zone of such instants with --timezone (e.g. --timezone UTC)`);
  }
  const dateProblem = calendarProblem(y, mo, d);
  if (dateProblem) return bad(`${quote(text)} is not a valid instant: ${dateProblem}`);
  if (h > 23 || mi > 59 || s > 59) return bad(`${quote(text)} is not a valid instant: time out of range`);
  let offsetMinutes = m[8] === undefined && m[9] === undefined ? zone! : 0;
  if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = m[11] === undefined ? 0 : Number(m[11]);
    if (oh > 23 || om > 59) return bad(`${quote(text)} has an invalid UTC offset`);
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const epoch = epochMs(y, mo, d, h, mi, s, ms) - offsetMinutes * 60_000;
  const iso = formatInstant(epoch);
  if (iso === null) return bad(`${quote(text)} is outside the years 0001–9999 in UTC`);
  return ok(iso);
}

const CANONICAL_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Fast path for text already in the canonical form (what exports and our own generator
 * write): checks the ranges without building a Date, which dominates load time otherwise.
 */
function isCanonicalInstant(text: string): boolean {
  if (!CANONICAL_RE.test(text)) return false;
  const num = (from: number, to: number): number => Number(text.slice(from, to));
  return (
    calendarProblem(num(0, 4), num(5, 7), num(8, 10)) === null && num(11, 13) <= 23 && num(14, 16) <= 59 && num(17, 19) <= 59
  );
}

/** Milliseconds since the epoch for a UTC wall-clock time (years below 100 included). */
export function epochMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

/** Canonical instant text for epoch milliseconds, or null outside years 0001–9999. */
export function formatInstant(epoch: number): string | null {
  if (!Number.isFinite(epoch)) return null;
  const date = new Date(epoch);
  const y = date.getUTCFullYear();
  if (y < 1 || y > 9999) return null;
  return date.toISOString();
}

/** Canonical date text for days since the epoch, or null outside years 0001–9999. */
export function formatDays(days: number): string | null {
  const iso = formatInstant(days * 86_400_000);
  return iso === null ? null : iso.slice(0, 10);
}

function calendarProblem(y: number, mo: number, d: number): string | null {
  if (y < 1 || y > 9999) return 'year must be 0001–9999';
  if (mo < 1 || mo > 12) return 'month must be 01–12';
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  if (d < 1 || d > days) return `day must be 01–${days} in that month`;
  return null;
}

function wrongJsonType(value: unknown, expected: string): Parsed {
  return bad(`expected ${expected}, found ${describeJson(value)}`);
}

function describeJson(value: unknown): string {
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** A value quoted for a message, shortened when long. */
export function quote(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `'${short}'`;
}
