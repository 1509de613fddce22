/**
 * A DuckDB instance for one `stages run`: bounded memory (a limit and a temporary directory,
 * so large inputs spill to disk instead of failing or growing the process), UTC, and the
 * conversion macros the loader needs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { CELL_MACROS_SQL } from './cell-sql.js';

/** DuckDB's memory limit when the user gives none: well inside 1 GB of process memory. */
export const DEFAULT_MEMORY_LIMIT = '512MB';

export interface DuckDbSessionOptions {
  /** A database file to use (created when missing) instead of an in-memory database. */
  readonly dbFile?: string;
  /** DuckDB's `memory_limit` (e.g. `2GB`); beyond it DuckDB spills to a temporary directory. */
  readonly memoryLimit?: string;
  /** DuckDB configuration of the instance (a user's session defaults, e.g. `default_collation`). */
  readonly config?: Readonly<Record<string, string>>;
}

export interface DuckDbSession {
  readonly connection: DuckDBConnection;
  close(): Promise<void>;
}

export async function openDuckDbSession(options: DuckDbSessionOptions = {}): Promise<DuckDbSession> {
  const spill = await mkdtemp(join(tmpdir(), 'stagecraft-duckdb-'));
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(options.dbFile ?? ':memory:', {
      memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
      temp_directory: spill,
      // Output is sorted explicitly; not keeping input order lets DuckDB stream with less memory.
      preserve_insertion_order: 'false',
      ...options.config,
    });
  } catch (e) {
    await rm(spill, { recursive: true, force: true });
    throw e;
  }
  const connection = await instance.connect();
  let closed = false;
  try {
    for (const statement of CELL_MACROS_SQL) await connection.run(statement);
  } catch (e) {
    connection.closeSync();
    instance.closeSync();
    await rm(spill, { recursive: true, force: true });
    throw e;
  }
  return {
    connection,
    async close() {
      if (closed) return;
      closed = true;
      connection.closeSync();
      instance.closeSync();
      await rm(spill, { recursive: true, force: true });
    },
  };
}
