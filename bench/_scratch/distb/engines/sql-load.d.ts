/**
 * What the SQL engines share: the four input tables' layout derived from the schema (column
 * names = field names, plus the valid-from column on version tables), their DDL in a dialect,
 * and the conversion of result values back into `StampRow`s.
 */
import type { Dialect, ColumnFamily } from '../compiler/sql/dialect.js';
import type { Row, Value } from '../data/dataset.js';
import type { StampRow } from '../runtime/stamp.js';
import { type ObjectName, type Schema } from '../schema/types.js';
export interface ColumnLayout {
    readonly name: string;
    readonly family: ColumnFamily;
}
export interface TableLayout {
    readonly object: ObjectName;
    readonly table: string;
    readonly columns: readonly ColumnLayout[];
}
export declare function tableLayouts(schema: Schema): TableLayout[];
export declare function createTableSql(layout: TableLayout, dialect: Dialect, options: {
    orReplace: boolean;
}): string;
/** A row's values in layout column order (absent fields are null). */
export declare function rowValues(layout: TableLayout, row: Row): Value[];
/** Epoch milliseconds of a canonical instant `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
export declare function instantMillis(iso: string): number;
/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export declare function epochDays(date: string): number;
/** `YYYY-MM-DD HH:MM:SS[.ffffff]` (a SQL timestamp's text) → `YYYY-MM-DDTHH:MM:SS.mmmZ`. */
export declare function isoFromTimestampText(text: string): string;
/** The columns engines select from `stage_stamps`, in §4.5 order. */
export declare const STAMP_COLUMNS: readonly ["object", "record_id", "stage", "label", "stage_date", "owner_id", "inferred"];
/** Checks and narrows one result row (already converted to JS values) into a `StampRow`. */
export declare function toStampRow(values: {
    object: unknown;
    record_id: unknown;
    stage: unknown;
    label: unknown;
    stage_date: string;
    owner_id: unknown;
    inferred: unknown;
}): StampRow;
