/** A row of the `stage_stamps` relation (SPEC §4.5) — the output both targets produce. */
export interface StampRow {
    readonly object: 'engagement' | 'opportunity';
    readonly record_id: string;
    readonly stage: 1 | 2 | 3 | 4 | 5 | 6;
    readonly label: string;
    /** Canonical UTC instant `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
    readonly stage_date: string;
    readonly owner_id: string | null;
    readonly inferred: boolean;
}
/**
 * Compares strings by Unicode code point (= UTF-8 byte order), as SPEC §4.3 requires.
 * JavaScript's `<` compares UTF-16 code units, which orders astral characters (emoji)
 * before U+E000..U+FFFF; this does not.
 */
export declare function compareCodePoints(a: string, b: string): number;
/** The §4.5 row order: object, record_id (code points), stage. */
export declare function compareStampRows(a: StampRow, b: StampRow): number;
