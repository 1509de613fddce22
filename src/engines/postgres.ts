/**
 * The PostgreSQL engine: works in a fresh schema of its own (`stagecraft_<random>`, on the
 * search_path), loads the four tables with `COPY … FROM STDIN` (CSV) in one transaction,
 * creates the compiled postgres views there and reads `stage_stamps`. The schema is dropped
 * on close unless `keep` (then the tables and views stay for inspection).
 *
 * `stages run` streams each table into COPY from a file DuckDB wrote (`run.ts`); the `Engine`
 * here, for datasets already in memory, formats their rows as the same CSV.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { csvField } from '../data/csv.js';
import type { CheckedDefinition } from '../compiler/ir.js';
import { compileSql, getDialect, sqlViewName } from '../compiler/sql/index.js';
import type { Dataset, Value } from '../data/dataset.js';
import { compareStampRows, type StampRow } from '../runtime/stamp.js';
import type { Engine } from './engine.js';
import { createTableSql, isoFromTimestampText, rowValues, STAMP_SELECT_LIST, tableLayouts, toStampRow } from './sql-load.js';

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

const TIMESTAMP_OID = 1114;
const DATE_OID = 1082;

/** A connection working in a fresh schema of its own, on the search_path. */
export interface PostgresWorkspace {
  readonly client: pg.Client;
  readonly schemaName: string;
  readonly quotedSchema: string;
  /** Drops the schema (unless `keep`) and disconnects. */
  close(): Promise<void>;
}

export async function openPostgresWorkspace(options: PostgresEngineOptions = {}): Promise<PostgresWorkspace> {
  const client = new pg.Client({
    ...(options.url === undefined ? {} : { connectionString: options.url }),
    // Timestamps without time zone hold UTC: read them as text, never as local-time Dates.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === TIMESTAMP_OID || oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  await client.connect();
  const schemaName = `stagecraft_${randomBytes(6).toString('hex')}`;
  const quotedSchema = getDialect('postgres').quoteIdentifier(schemaName);
  try {
    await client.query(`SET TIME ZONE 'UTC'`);
    await client.query(`CREATE SCHEMA ${quotedSchema}`);
    await client.query(`SET search_path TO ${quotedSchema}`);
  } catch (e) {
    await client.end();
    throw e;
  }
  let closed = false;
  return {
    client,
    schemaName,
    quotedSchema,
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (!options.keep) await client.query(`DROP SCHEMA IF EXISTS ${quotedSchema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function createPostgresEngine(options: PostgresEngineOptions = {}): Promise<PostgresEngine> {
  const workspace = await openPostgresWorkspace(options);
  return {
    name: 'postgres',
    schemaName: workspace.schemaName,
    stamps: (definition, data) => postgresStamps(workspace.client, workspace.quotedSchema, definition, data),
    close: () => workspace.close(),
  };
}

/** Streams CSV (no header; empty unquoted cell = NULL) into a table with `COPY … FROM STDIN`. */
export async function copyCsvIntoTable(client: pg.Client, table: string, columns: readonly string[], csv: Readable): Promise<void> {
  const q = getDialect('postgres').quoteIdentifier;
  const sink = client.query(copyFrom(`COPY ${q(table)} (${columns.map(q).join(', ')}) FROM STDIN (FORMAT csv)`));
  await pipeline(csv, sink);
}

/** A value of a validated row as a CSV cell PostgreSQL reads back to the same value. */
function csvCell(value: Value): string {
  if (value === null) return '';
  if (typeof value === 'string') return value === '' ? '""' : csvField(value);
  return String(value);
}

async function postgresStamps(client: pg.Client, quotedSchema: string, definition: CheckedDefinition, data: Dataset): Promise<StampRow[]> {
  const dialect = getDialect('postgres');
  await client.query('BEGIN');
  try {
    // Each call starts from an empty schema, so tables of an earlier call (maybe another schema file) never linger.
    await client.query(`DROP SCHEMA IF EXISTS ${quotedSchema} CASCADE`);
    await client.query(`CREATE SCHEMA ${quotedSchema}`);
    for (const layout of tableLayouts(definition.schema)) {
      await client.query(createTableSql(layout, dialect, { orReplace: false }));
      const rows = data[layout.object];
      const lines = (function* () {
        for (const row of rows) yield `${rowValues(layout, row).map(csvCell).join(',')}\n`;
      })();
      await copyCsvIntoTable(client, layout.table, layout.columns.map((c) => c.name), Readable.from(lines));
    }
    await client.query(compileSql(definition, { dialect: 'postgres', pretty: false }));
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
  const result = await client.query<Record<string, unknown>>(
    `SELECT ${STAMP_SELECT_LIST} FROM ${sqlViewName('stage_stamps', { dialect: 'postgres' })}`,
  );
  return result.rows
    .map((r) =>
      toStampRow({
        object: r.object,
        record_id: r.record_id,
        stage: r.stage,
        label: r.label,
        stage_date: isoFromTimestampText(String(r.stage_date)),
        owner_id: r.owner_id,
        inferred: r.inferred,
      }),
    )
    .sort(compareStampRows);
}
