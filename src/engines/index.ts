/**
 * `openEngine(name, options)`: the one place that knows which module implements which engine.
 * Each engine is imported lazily, so `stages run --engine ts` never loads DuckDB's native
 * binding and `--engine duckdb` never loads `pg`.
 */
import type { Engine, EngineName } from './engine.js';

export type { Engine, EngineName } from './engine.js';

export const ENGINE_NAMES: readonly EngineName[] = ['duckdb', 'ts', 'postgres'];

export interface OpenEngineOptions {
  /** PostgreSQL connection URL (default: the PG* environment variables). */
  readonly url?: string;
  /** PostgreSQL: keep the working schema instead of dropping it. */
  readonly keep?: boolean;
  /** DuckDB: a database file instead of an in-memory database. */
  readonly dbFile?: string;
}

export function isEngineName(name: string): name is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}

export async function openEngine(name: EngineName, options: OpenEngineOptions = {}): Promise<Engine> {
  switch (name) {
    case 'duckdb': {
      const { createDuckDbEngine } = await import('./duckdb.js');
      return createDuckDbEngine(options.dbFile === undefined ? {} : { dbFile: options.dbFile });
    }
    case 'postgres': {
      const { createPostgresEngine } = await import('./postgres.js');
      const pg: { url?: string; keep?: boolean } = {};
      if (options.url !== undefined) pg.url = options.url;
      if (options.keep !== undefined) pg.keep = options.keep;
      return createPostgresEngine(pg);
    }
    case 'ts': {
      const { createTsEngine } = await import('./ts.js');
      return createTsEngine();
    }
  }
}
