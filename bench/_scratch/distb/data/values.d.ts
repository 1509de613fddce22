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
export type Parsed = {
    readonly ok: true;
    readonly value: Value;
} | {
    readonly ok: false;
    readonly message: string;
};
/** A short human name of what a field type expects, for messages. */
export declare function expectation(field: FieldDef): string;
/** A CSV cell (always text) for a field; the empty cell is null. */
export declare function parseText(text: string, field: FieldDef): Parsed;
/**
 * A JSON value (JSON Lines) for a field. Values are typed: numbers as JSON numbers, booleans
 * as JSON booleans, dates and instants as strings, multi-select as a `;`-joined string or an
 * array of strings. A missing key is null.
 */
export declare function parseJsonValue(value: unknown, field: FieldDef): Parsed;
/** Multi-select given as a string or as an array of strings (joined with `;`). */
export declare function parseMultiSelectArray(value: unknown): Parsed;
/** Finite, and integral for `int` fields (within the range where doubles are exact). */
export declare function checkNumber(n: number, field: FieldDef, original?: string): Parsed;
/** `YYYY-MM-DD`, a real calendar date in years 0001–9999. */
export declare function parseDate(text: string): Parsed;
/**
 * An ISO-8601 instant with an explicit offset → canonical UTC `YYYY-MM-DDTHH:MM:SS.mmmZ`,
 * truncated to the millisecond.
 */
export declare function parseInstant(text: string): Parsed;
/** Milliseconds since the epoch for a UTC wall-clock time (years below 100 included). */
export declare function epochMs(y: number, mo: number, d: number, h?: number, mi?: number, s?: number, ms?: number): number;
/** Canonical instant text for epoch milliseconds, or null outside years 0001–9999. */
export declare function formatInstant(epoch: number): string | null;
/** Canonical date text for days since the epoch, or null outside years 0001–9999. */
export declare function formatDays(days: number): string | null;
/** A value quoted for a message, shortened when long. */
export declare function quote(text: string): string;
