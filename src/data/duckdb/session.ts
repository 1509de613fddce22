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

/**
 * DuckDB's memory limit when the user gives none. The process needs about half as much again
 * beside it (Node, and memory DuckDB's operators hold outside its buffer pool), so this keeps a
 * 10 M-version run under 1 GB; below about 300 MB the views' aggregates at that size cannot run.
 */
export const DEFAULT_MEMORY_LIMIT = '448MB';

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
      // Hand freed memory back to the system soon, so the process does not keep the peak of a
      // finished step (the readers') while the next one (the views) builds its own.
      allocator_flush_threshold: '16MB',
      allocator_background_threads: 'true',
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
