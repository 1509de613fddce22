/**
 * `openEngine(name, options)`: the one place that knows which module implements which engine.
 * Each engine is imported lazily, so `stages run --engine ts` never loads DuckDB's native
 * binding and `--engine duckdb` never loads `pg`.
 */
import type { Engine, EngineName } from './engine.js';
export type { Engine, EngineName } from './engine.js';
export declare const ENGINE_NAMES: readonly EngineName[];
export interface OpenEngineOptions {
    /** PostgreSQL connection URL (default: the PG* environment variables). */
    readonly url?: string;
    /** PostgreSQL: keep the working schema instead of dropping it. */
    readonly keep?: boolean;
    /** DuckDB: a database file instead of an in-memory database. */
    readonly dbFile?: string;
}
export declare function isEngineName(name: string): name is EngineName;
export declare function openEngine(name: EngineName, options?: OpenEngineOptions): Promise<Engine>;
