import { type StampRow } from '../runtime/stamp.js';
/** The seven output columns, in order. */
export declare const STAMP_COLUMNS: readonly ["object", "record_id", "stage", "label", "stage_date", "owner_id", "inferred"];
/**
 * CSV: header row, the seven columns, `true`/`false`, an empty cell for a null owner,
 * RFC 4180 quoting only where needed, `\n` line ends (also after the last row).
 */
export declare function formatStampsCsv(rows: readonly StampRow[]): string;
/** JSON: an array of objects with the seven keys in order, one object per line (diff-friendly). */
export declare function formatStampsJson(rows: readonly StampRow[]): string;
export type OutputFormat = 'csv' | 'json';
/** The output format a file name asks for, by extension (case-insensitive), or null. */
export declare function outputFormatFor(path: string): OutputFormat | null;
export declare function formatStamps(rows: readonly StampRow[], format: OutputFormat): string;
/**
 * Writes `text` to `path` so that readers see the old file or the whole new one, never a
 * part: a temporary file in the same folder (same file system, so the rename is atomic),
 * flushed to disk, then renamed over the target. On any failure the temporary file is
 * removed and the target is untouched.
 */
export declare function writeFileAtomic(path: string, text: string): Promise<void>;
