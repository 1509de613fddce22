/**
 * A DuckDB instance for one `stages run`: bounded memory (a limit and a temporary directory,
 * so large inputs spill to disk instead of failing or growing the process), UTC, and the
 * conversion macros the loader needs.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance as Instance } from '@duckdb/node-api';
import { DuckDBInstance } from './node-api.js';
import { interruptOnSignal, trackTemporary } from '../temporary-files.js';
import { CELL_MACROS_SQL } from './cell-sql.js';

/**
 * DuckDB's memory limit when the user gives none, in MB. The process needs about as much again
 * beside it (Node, and memory DuckDB's operators hold outside its buffer pool), so this keeps a
 * 10 M-version run under 1 GB.
 */
export const DEFAULT_MEMORY_LIMIT_MB = 384;
export const DEFAULT_MEMORY_LIMIT = `${DEFAULT_MEMORY_LIMIT_MB}MB`;

/**
 * Some of DuckDB's operators (the views' aggregates among them) cannot spill, and what they
 * hold grows with the data: about 300 MB at 10 M versions. Under the default limit a query
 * that runs out is retried with the limit doubled, up to half the machine's memory; a limit
 * the user chose is kept, and running out of it is their message to act on.
 */
const HEADROOM_CAP_MB = Math.max(DEFAULT_MEMORY_LIMIT_MB, Math.floor(totalmem() / 2 / 1e6));

/** DuckDB's out-of-memory errors (its buffer pool could not grant a block). */
export function isOutOfMemory(e: unknown): boolean {
  return e instanceof Error && /Out of Memory Error|could not allocate block|failed to pin block/.test(e.message);
}

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
  /**
   * Runs `work` (queries on this session); when DuckDB runs out of memory under the default
   * limit, raises the limit (telling `onRaise`) and runs it again. `work` must be safe to repeat.
   */
  withHeadroom<T>(work: () => Promise<T>, onRaise?: (limitMb: number) => void): Promise<T>;
  close(): Promise<void>;
}

export async function openDuckDbSession(options: DuckDbSessionOptions = {}): Promise<DuckDbSession> {
  const spill = trackTemporary(await mkdtemp(join(tmpdir(), 'stagecraft-duckdb-')));
  let instance: Instance;
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
  let limitMb = options.memoryLimit === undefined ? DEFAULT_MEMORY_LIMIT_MB : null;
  const forgetInterrupt = interruptOnSignal(() => connection.interrupt());
  return {
    connection,
    async withHeadroom(work, onRaise) {
      for (;;) {
        try {
          return await work();
        } catch (e) {
          if (!isOutOfMemory(e) || limitMb === null || limitMb >= HEADROOM_CAP_MB) throw e;
          limitMb = Math.min(limitMb * 2, HEADROOM_CAP_MB);
          await connection.run(`SET memory_limit = '${limitMb}MB'`);
          onRaise?.(limitMb);
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      forgetInterrupt();
      connection.closeSync();
      instance.closeSync();
      await rm(spill, { recursive: true, force: true });
    },
  };
}
