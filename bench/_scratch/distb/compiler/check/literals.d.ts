/**
 * Normalisation of date, datetime and number literals to the IR's canonical forms
 * (see the `Literal` type in ../ir.ts). Each returns the value or a reason it is invalid.
 */
export type Parsed<T> = {
    readonly ok: true;
    readonly value: T;
} | {
    readonly ok: false;
    readonly reason: string;
};
/** `YYYY-MM-DD`, a real calendar date. */
export declare function parseDateLiteral(text: string): Parsed<string>;
/**
 * ISO-8601 instant with `Z` or an offset, converted to UTC and truncated (not rounded) to the
 * millisecond: `YYYY-MM-DDTHH:MM:SS.mmmZ`. A missing offset is an error: an instant without a
 * zone means different moments in different warehouses.
 */
export declare function parseDatetimeLiteral(text: string): Parsed<string>;
/** A number literal's source text → a finite double. */
export declare function parseNumberLiteral(text: string): Parsed<number>;
