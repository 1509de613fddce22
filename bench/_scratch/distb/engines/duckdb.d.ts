import type { Engine } from './engine.js';
export interface DuckDbEngineOptions {
    /** A database file to use (created when missing) instead of an in-memory database. */
    readonly dbFile?: string;
}
export declare function createDuckDbEngine(options?: DuckDbEngineOptions): Promise<Engine>;
