import type { Engine } from './engine.js';
export interface PostgresEngineOptions {
    /** Connection URL; when absent, libpq's PG* environment variables (PGHOST, PGPORT, …) apply. */
    readonly url?: string;
    /** Keep the working schema after close instead of dropping it. */
    readonly keep?: boolean;
}
/** The engine with the name of the schema it works in (printed by `stages run --keep`). */
export interface PostgresEngine extends Engine {
    readonly schemaName: string;
}
export declare function createPostgresEngine(options?: PostgresEngineOptions): Promise<PostgresEngine>;
