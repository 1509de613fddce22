/**
 * Value normalisation shared by validation and output: instants and dates (SPEC §3).
 *
 * Instants are held as epoch milliseconds (numbers) inside the evaluator: compact, and
 * ordered exactly like the canonical strings `YYYY-MM-DDTHH:MM:SS.mmmZ` because only years
 * 0001–9999 are accepted. Records handed to compiled predicates carry the canonical strings,
 * which compare correctly with `<` (fixed-width ASCII).
 */
/** First and last millisecond of the supported range (0001-01-01 … 9999-12-31). */
export declare const MIN_INSTANT: number;
export declare const MAX_INSTANT: number;
/**
 * Epoch ms of the canonical instant `YYYY-MM-DDTHH:MM:SS.mmmZ`, or NaN when `s` is not
 * exactly in that form. The fast path for data that is already normalised.
 */
export declare function parseCanonicalInstant(s: string): number;
/**
 * Epoch ms of an ISO-8601 instant with a zone (`Z` or an offset, converted to UTC); fractions
 * finer than a millisecond are truncated. NaN when unparseable, zone-less (ambiguous), not a
 * real calendar time, or outside years 0001–9999.
 */
export declare function parseInstant(s: string): number;
/** Epoch ms of a `Date`, or NaN when invalid or out of range (already millisecond precision). */
export declare function instantOfDate(d: Date): number;
/** Epoch ms (UTC midnight) of a strict `YYYY-MM-DD` date, or NaN. */
export declare function parseDate(s: string): number;
/** Whether `v` is a canonical instant string (what compiled fast-path validators accept as is). */
export declare function isCanonicalInstant(v: unknown): boolean;
/** Whether `v` is a real calendar date `YYYY-MM-DD`. */
export declare function isCanonicalDate(v: unknown): boolean;
/**
 * Canonical instant string of epoch ms (`YYYY-MM-DDTHH:MM:SS.mmmZ`, years 0001–9999). Written
 * out arithmetically: `stamps()` formats every row, and this is several times cheaper than
 * allocating a `Date` for `toISOString()`.
 */
export declare function formatInstant(t: number): string;
/** Canonical `YYYY-MM-DD` of epoch ms (UTC). */
export declare function formatDate(t: number): string;
/**
 * Multi-select membership with SOQL `includes` semantics (SPEC §2, IR `multiMatch`): true when
 * the `;`-joined `value` holds every member of at least one of `sets`. Null is false. Written
 * exactly like the SQL target's `position(';v;' in ';' || f || ';') > 0` so the two agree on
 * every string, including empty members.
 */
export declare function multiIncludes(value: string | null | undefined, sets: readonly (readonly string[])[]): boolean;
