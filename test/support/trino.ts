/**
 * The Trino engine of the tests (opt-in: STAGECRAFT_ENGINES=trino): a client of the one
 * Trino server of this test run (./trino-global-setup.ts) over Trino's HTTP protocol
 * (POST /v1/statement, then follow `nextUri` until the query is done). Every `stamps` call
 * works in a fresh schema of the memory catalog: it creates the four tables with the trino
 * dialect's column types, inserts the rows as trino-dialect literals, creates the compiled
 * trino views and reads `stage_stamps`. The session time zone is UTC.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import type { ColumnFamily, Dialect } from '../../src/compiler/sql/dialect.js';
import { compileSqlStatements, getDialect } from '../../src/compiler/sql/index.js';
import type { Dataset, Value } from '../../src/data/dataset.js';
import { createTableSql, familyLiteral, rowValues, selectStampsAsText, stampsFromTextRows, tableLayouts } from '../../src/engines/sql-load.js';
import type { StampRow } from '../../src/runtime/stamp.js';
// The `ProvidedContext` key is declared in ./trino-global-setup.ts (part of the same program).

/** The server's port, or null when this run does not ask for Trino. */
export function getTrinoPort(): number | null {
  return inject('stagecraftTrinoPort') ?? null;
}

interface TrinoResponse {
  readonly nextUri?: string;
  readonly data?: unknown[][];
  readonly error?: { readonly message: string; readonly errorName?: string };
}

/** One statement, run to completion; its rows (empty for DDL and DML). */
export async function trinoQuery(port: number, sql: string, session: { catalog: string; schema?: string }): Promise<unknown[][]> {
  const headers: Record<string, string> = {
    'X-Trino-User': 'stagecraft',
    'X-Trino-Source': 'stagecraft-tests',
    'X-Trino-Catalog': session.catalog,
    'X-Trino-Time-Zone': 'UTC',
    ...(session.schema !== undefined ? { 'X-Trino-Schema': session.schema } : {}),
  };
  let response = await fetch(`http://127.0.0.1:${port}/v1/statement`, { method: 'POST', headers, body: sql });
  const rows: unknown[][] = [];
  for (;;) {
    if (!response.ok) throw new Error(`Trino answered HTTP ${response.status}: ${await response.text()}\n${sql}`);
    const body = (await response.json()) as TrinoResponse;
    if (body.error !== undefined) throw new Error(`Trino: ${body.error.errorName ?? 'error'}: ${body.error.message}\n${sql}`);
    if (body.data !== undefined) rows.push(...body.data);
    if (body.nextUri === undefined) return rows;
    response = await fetch(body.nextUri, { headers: { 'X-Trino-User': headers['X-Trino-User'] } });
  }
}

/**
 * A stored value as a trino-dialect literal of its column's family; numbers from text, since
 * Trino reads `0.1` as a DECIMAL, whose conversion to DOUBLE can round twice.
 */
function literal(d: Dialect, family: ColumnFamily, value: Value): string {
  return family === 'number' && value !== null ? `CAST('${String(Number(value))}' AS DOUBLE)` : familyLiteral(d, family, value);
}

/** Rows per INSERT: keeps each statement's text (and Trino's planning of it) small. */
const INSERT_BATCH = 200;

/** CREATE TABLE and INSERT statements that load `data` in the trino dialect's column types. */
export function trinoLoadStatements(definition: CheckedDefinition, data: Dataset): string[] {
  const d = getDialect('trino');
  return tableLayouts(definition.schema).flatMap((layout) => {
    const rows = (data[layout.object] ?? []).map((row) =>
      `(${rowValues(layout, row).map((v, i) => literal(d, layout.columns[i].family, v)).join(', ')})`,
    );
    const inserts: string[] = [];
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      inserts.push(`INSERT INTO ${d.quoteIdentifier(layout.table)} VALUES ${rows.slice(i, i + INSERT_BATCH).join(', ')}`);
    }
    return [createTableSql(layout, d, { orReplace: false }), ...inserts];
  });
}

export interface TrinoEngine {
  readonly name: 'trino';
  stamps(definition: CheckedDefinition, data: Dataset): Promise<StampRow[]>;
  close(): Promise<void>;
}

export async function createTrinoEngine(port: number): Promise<TrinoEngine> {
  const session = `stagecraft_${randomBytes(6).toString('hex')}`;
  let calls = 0;
  let live: string | null = null;
  // The memory connector holds tables in the server's heap: at most one schema per session lives.
  const dropLive = async (): Promise<void> => {
    if (live === null) return;
    const schema = live;
    live = null;
    await trinoQuery(port, `DROP SCHEMA memory.${schema} CASCADE`, { catalog: 'memory' });
  };
  return {
    name: 'trino',
    async stamps(definition, data) {
      // A fresh schema per call: nothing of an earlier call's tables or views can be read.
      await dropLive();
      const schema = `${session}_${calls++}`;
      await trinoQuery(port, `CREATE SCHEMA memory.${schema}`, { catalog: 'memory' });
      live = schema;
      const context = { catalog: 'memory', schema };
      for (const statement of trinoLoadStatements(definition, data)) await trinoQuery(port, statement, context);
      for (const view of compileSqlStatements(definition, { dialect: 'trino', pretty: false })) await trinoQuery(port, view.sql, context);
      return stampsFromTextRows(await trinoQuery(port, selectStampsAsText('VARCHAR'), context));
    },
    close: dropLive,
  };
}
