/**
 * Format-independent validation of one table: columns against the schema, values through
 * values.ts, required values, duplicate keys. The CSV, JSON Lines and Parquet readers feed it
 * cells with their positions; it logs every problem and builds the normalised rows.
 */
import type { FieldDef, ObjectDef, ObjectName } from '../schema/types.js';
import type { Row } from './dataset.js';
import type { ProblemLog } from './errors.js';
import type { Parsed } from './values.js';
/** Where a cell or column is: a text position, or a Parquet row (and the column name). */
export type Where = {
    readonly line: number;
    readonly column: number;
} | {
    readonly row: number;
} | {
    readonly file: true;
};
export interface CellInput {
    /** Read only to report a problem (readers may compute it lazily, with a getter). */
    readonly where: Where;
    parse(field: FieldDef): Parsed;
}
/** Version tables may carry a `valid_to` column (dbt snapshots, Fivetran history); it is never read (SPEC §3). */
export declare const IGNORED_VERSION_COLUMNS: readonly string[];
type AnyObjectDef = ObjectDef<{
    readonly id: string;
    readonly validFrom?: string;
    readonly created?: string;
}>;
export declare class TableBuilder {
    readonly object: ObjectName;
    readonly file: string;
    private readonly log;
    private readonly fields;
    private readonly required;
    private readonly keyColumns;
    private readonly seenKeys;
    private readonly reportedUnknown;
    private readonly built;
    private readonly template;
    private readonly versioned;
    constructor(object: ObjectName, def: AnyObjectDef, file: string, log: ProblemLog);
    /** Whether `name` is a column rows of this table carry (a schema field or `valid_from`). */
    knows(name: string): boolean;
    /** Logs a problem that is not about one field (syntax, row shape, an unreadable file). */
    report(where: Where, message: string): void;
    /**
     * Whether `name` is a column of the table; logs an unknown one once per file. `where` may be
     * a function, so a reader computes a position only when there is something to report.
     */
    acceptColumn(name: string, where: Where | (() => Where)): boolean;
    /**
     * Checks a header (CSV, Parquet): unknown and duplicate columns, and that the required
     * columns exist. Returns false when rows cannot be read meaningfully (a required column is
     * missing or a column appears twice).
     */
    checkHeader(columns: readonly {
        readonly name: string;
        readonly where: Where;
    }[], fileWhere: Where): boolean;
    /** Validates and stores one row; `cells` holds only known columns. `rowWhere` is the row's start. */
    addRow(rowWhere: Where, cells: ReadonlyMap<string, CellInput>): void;
    rows(): Row[];
    private problem;
    /** `; did you mean 'Status'?` for a column that differs in case or by a typo. */
    private suggest;
}
export declare function describeWhere(where: Where): string;
export {};
