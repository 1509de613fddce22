/**
 * A dataset in memory (SPEC §3), after loading and validation: the input every engine takes.
 *
 * Values are normalised JSON values, exactly what the runtime's `upsert` accepts:
 *  - text, id, reference, picklist: string (empty text is null);
 *  - multi-select picklist: the values joined with `;` (string);
 *  - numbers: finite JS numbers; booleans: true/false;
 *  - date: `YYYY-MM-DD`; datetime and `valid_from`: `YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC, ms);
 *  - absent or null: null.
 * Rows carry every field of the object's schema (null when absent) plus `valid_from` on
 * version tables.
 */
import type { ObjectName } from '../schema/types.js';
export type Value = string | number | boolean | null;
export type Row = Readonly<Record<string, Value>>;
export type Dataset = Readonly<Record<ObjectName, readonly Row[]>>;
export declare function emptyDataset(): Dataset;
