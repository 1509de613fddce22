/**
 * One DuckDB session (with the loader's cell macros) and one temporary folder per test file,
 * opened before its tests and closed after them; and the SELECT list that reads a loader
 * table back as dataset values (instants and dates as canonical text).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { TableLayout } from '../../src/data/duckdb/layout.js';
import { openDuckDbSession, type DuckDbSession } from '../../src/data/duckdb/session.js';
import { ident } from '../../src/data/duckdb/sql-text.js';

export interface SessionFixture {
  /** The open session (only inside tests). */
  readonly session: () => DuckDbSession;
  /** A temporary folder, removed after the file's tests. */
  readonly root: string;
}

export function duckDbSessionPerFile(prefix: string): SessionFixture {
  const root = mkdtempSync(join(tmpdir(), prefix));
  let session: DuckDbSession | undefined;
  beforeAll(async () => {
    session = await openDuckDbSession();
  });
  afterAll(async () => {
    await session?.close();
    rmSync(root, { recursive: true, force: true });
  });
  return {
    root,
    session: () => {
      if (session === undefined) throw new Error('the DuckDB session is open only inside tests');
      return session;
    },
  };
}

/** The table's columns as dataset values: instants `YYYY-MM-DDTHH:MM:SS.mmmZ`, dates `YYYY-MM-DD`. */
export function datasetColumnsSql(layout: TableLayout): string {
  return layout.columns
    .map((c) => {
      const name = ident(c.name);
      if (c.family === 'datetime') return `strftime(${name}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${name}`;
      if (c.family === 'date') return `strftime(${name}, '%Y-%m-%d') AS ${name}`;
      return name;
    })
    .join(', ');
}
