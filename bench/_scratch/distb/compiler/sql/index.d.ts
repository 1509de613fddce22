import type { CheckedDefinition } from '../ir.js';
import { type Dialect, type DialectName } from './dialect.js';
import { type ViewName, type ViewStatement } from './views.js';
export { DIALECT_NAMES, type Dialect, type DialectName } from './dialect.js';
export { VIEW_NAMES, type ViewName } from './views.js';
export interface CompileSqlOptions {
    readonly dialect: DialectName;
    /** Prepended to every view name (default none). */
    readonly prefix?: string;
    /** Database schema to create the views in; unqualified (current schema) when absent. */
    readonly schemaName?: string;
    /**
     * Format with sql-formatter (default true). Engines pass false: formatting only changes
     * whitespace, and it costs more than running the views on a small dataset.
     */
    readonly pretty?: boolean;
}
export declare function isDialectName(name: string): name is DialectName;
export declare function getDialect(name: DialectName): Dialect;
/** A view name the warehouse could not hold (too long for its identifiers): a problem with the options. */
export declare class SqlNameError extends Error {
    constructor(message: string);
}
/** The views as separate formatted statements (no trailing semicolons), in dependency order. */
export declare function compileSqlStatements(def: CheckedDefinition, options: CompileSqlOptions): ViewStatement[];
/** The full script: a header comment, then every view, each ending in `;`. */
export declare function compileSql(def: CheckedDefinition, options: CompileSqlOptions): string;
/** The quoted name of one view as the script creates it (engines query `stage_stamps` through this). */
export declare function sqlViewName(name: ViewName, options: CompileSqlOptions): string;
