/**
 * `stampDataFolder`: the main job of `stages run` at warehouse scale. DuckDB reads and
 * validates the data folder into its tables (`../data/duckdb/load.ts`); the chosen engine
 * computes the stamps; they end as two relations in the same DuckDB session, whatever the
 * engine:
 *
 *   stagecraft_stamps   the `stage_stamps` rows (SPEC §4.5)
 *   stagecraft_primary  (journey_id, opportunity_id) of every journey with a primary opportunity
 *
 * from which `../data/duckdb/write.ts` writes the output and `../data/duckdb/funnel.ts` counts
 * the funnel. Memory stays bounded: DuckDB spills past its limit, the TypeScript engine holds
 * its evaluator plus one chunk of rows, and PostgreSQL is fed and read with COPY through files.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { timestampValue, type DuckDBConnection } from '@duckdb/node-api';
import { to as copyTo } from 'pg-copy-streams';
import type { CheckedDefinition } from '../compiler/ir.js';
import { compileSql, getDialect, sqlViewName } from '../compiler/sql/index.js';
import { loadCompiledDefinition } from '../compiler/ts/index.js';
import { loadDatasetIntoDuckDb, type LoadProgress } from '../data/duckdb/load.js';
import { tableLayouts, type TableLayout } from '../data/duckdb/layout.js';
import { openDuckDbSession, type DuckDbSession } from '../data/duckdb/session.js';
import { ident, literal } from '../data/duckdb/sql-text.js';
import type { TableSource } from '../data/load.js';
import { createEvaluator } from '../runtime/index.js';
import type { EngineName } from './engine.js';
import { copyCsvIntoTable, openPostgresWorkspace } from './postgres.js';
import { createTableSql as createPgTableSql, tableLayouts as pgTableLayouts } from './sql-load.js';

export const STAMPS_RELATION = 'stagecraft_stamps';
export const PRIMARY_RELATION = 'stagecraft_primary';

export interface RunProgress extends LoadProgress {
  /** Called once the DuckDB session is open, so progress can follow its queries. */
  watch?(connection: DuckDBConnection): Promise<void>;
  /** A step after reading starts ("computing stamps", "writing …"). */
  step?(text: string): void;
}

export interface StampDataFolderOptions {
  readonly engine: EngineName;
  /** DuckDB: a database file to keep the tables and views in. */
  readonly dbFile?: string;
  /** DuckDB's memory limit (spills to disk beyond it). */
  readonly memoryLimit?: string;
  /** PostgreSQL: connection URL and whether to keep the working schema. */
  readonly url?: string;
  readonly keep?: boolean;
  readonly progress?: RunProgress;
}

export interface StampedDataFolder {
  /** Holds `STAMPS_RELATION` and `PRIMARY_RELATION`; the caller closes it. */
  readonly session: DuckDbSession;
  readonly sources: readonly TableSource[];
  /** PostgreSQL with `keep`: the schema that was kept. */
  readonly keptSchema?: string;
}

/**
 * Loads `dataDir` and computes the stamps. A `DataError` (bad data) or an engine failure
 * propagates after the session is closed.
 */
export async function stampDataFolder(definition: CheckedDefinition, dataDir: string, options: StampDataFolderOptions): Promise<StampedDataFolder> {
  const sessionOptions: { dbFile?: string; memoryLimit?: string } = {};
  if (options.dbFile !== undefined) sessionOptions.dbFile = options.dbFile;
  if (options.memoryLimit !== undefined) sessionOptions.memoryLimit = options.memoryLimit;
  const session = await openDuckDbSession(sessionOptions);
  try {
    await options.progress?.watch?.(session.connection);
    const sources = await loadDatasetIntoDuckDb(session.connection, dataDir, definition.schema, options.progress);
    options.progress?.step?.(`computing stamps (${options.engine})`);
    let keptSchema: string | undefined;
    switch (options.engine) {
      case 'duckdb':
        await stampWithDuckDb(session.connection, definition);
        break;
      case 'ts':
        await stampWithEvaluator(session.connection, definition);
        break;
      case 'postgres':
        keptSchema = await stampWithPostgres(session.connection, definition, options);
        break;
    }
    return keptSchema === undefined ? { session, sources } : { session, sources, keptSchema };
  } catch (e) {
    await session.close().catch(() => undefined);
    throw e;
  }
}

// ---------------------------------------------------------------- duckdb

async function stampWithDuckDb(connection: DuckDBConnection, definition: CheckedDefinition): Promise<void> {
  await connection.run(compileSql(definition, { dialect: 'duckdb', pretty: false }));
  const stamps = sqlViewName('stage_stamps', { dialect: 'duckdb' });
  const wide = sqlViewName('engagement_stages', { dialect: 'duckdb' });
  await connection.run(`CREATE OR REPLACE TEMP VIEW ${STAMPS_RELATION} AS SELECT object, record_id, stage, label, stage_date, owner_id, inferred FROM ${stamps}`);
  await connection.run(
    `CREATE OR REPLACE TEMP VIEW ${PRIMARY_RELATION} AS SELECT engagement_id AS journey_id, primary_opportunity_id AS opportunity_id ` +
      `FROM ${wide} WHERE primary_opportunity_id IS NOT NULL`,
  );
}

// ---------------------------------------------------------------- ts

const STAMPS_TABLE_SQL =
  `CREATE OR REPLACE TEMP TABLE ${STAMPS_RELATION} (object VARCHAR, record_id VARCHAR, stage INTEGER, label VARCHAR, ` +
  `stage_date TIMESTAMP, owner_id VARCHAR, inferred BOOLEAN)`;
const PRIMARY_TABLE_SQL = `CREATE OR REPLACE TEMP TABLE ${PRIMARY_RELATION} (journey_id VARCHAR, opportunity_id VARCHAR)`;

/** The SELECT that reads a table back as evaluator records: instants and dates as ISO text. */
function recordsSql(layout: TableLayout): string {
  const columns = layout.columns.map((c) => {
    const name = ident(c.name);
    if (c.family === 'datetime') return `strftime(${name}, '%Y-%m-%dT%H:%M:%S.%gZ') AS ${name}`;
    if (c.family === 'date') return `strftime(${name}, '%Y-%m-%d') AS ${name}`;
    return name;
  });
  return `SELECT ${columns.join(', ')} FROM ${ident(layout.table)}`;
}

/**
 * The TypeScript evaluator fed chunk by chunk from DuckDB's validated tables (one reader and
 * one validator for every engine), its stamps appended back to DuckDB one by one.
 */
async function stampWithEvaluator(connection: DuckDBConnection, definition: CheckedDefinition): Promise<void> {
  const evaluator = createEvaluator(await loadCompiledDefinition(definition));
  // Engagements first: versions then find their journey and nothing waits as pending.
  for (const layout of tableLayouts(definition.schema)) {
    const result = await connection.stream(recordsSql(layout));
    const names = layout.columns.map((c) => c.name);
    for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      for (const row of chunk.getRowObjects(names)) evaluator.upsert(layout.object, row);
    }
  }
  await connection.run(STAMPS_TABLE_SQL);
  await connection.run(PRIMARY_TABLE_SQL);
  const stamps = await connection.createAppender(STAMPS_RELATION);
  const primary = await connection.createAppender(PRIMARY_RELATION);
  try {
    for (const s of evaluator.eachStamp()) {
      stamps.appendVarchar(s.object);
      stamps.appendVarchar(s.record_id);
      stamps.appendInteger(s.stage);
      stamps.appendVarchar(s.label);
      stamps.appendTimestamp(timestampValue(BigInt(Date.parse(s.stage_date)) * 1000n));
      if (s.owner_id === null) stamps.appendNull();
      else stamps.appendVarchar(s.owner_id);
      stamps.appendBoolean(s.inferred);
      stamps.endRow();
      if (s.object !== 'engagement' || s.stage !== 1) continue;
      const opportunity = evaluator.primaryOpportunity(s.record_id);
      if (opportunity === null) continue;
      primary.appendVarchar(s.record_id);
      primary.appendVarchar(opportunity);
      primary.endRow();
    }
    stamps.flushSync();
    primary.flushSync();
  } finally {
    stamps.closeSync();
    primary.closeSync();
  }
}

// ---------------------------------------------------------------- postgres

function temporaryFile(name: string): string {
  return join(tmpdir(), `stagecraft-${process.pid}-${randomBytes(6).toString('hex')}-${name}`);
}

/**
 * The tables written by DuckDB as CSV files and streamed into PostgreSQL with COPY; the
 * views' results come back the same way, into DuckDB tables. Returns the kept schema's name.
 */
async function stampWithPostgres(connection: DuckDBConnection, definition: CheckedDefinition, options: StampDataFolderOptions): Promise<string | undefined> {
  const pgOptions: { url?: string; keep?: boolean } = {};
  if (options.url !== undefined) pgOptions.url = options.url;
  if (options.keep !== undefined) pgOptions.keep = options.keep;
  const workspace = await openPostgresWorkspace(pgOptions);
  const dialect = getDialect('postgres');
  const files: string[] = [];
  try {
    const { client } = workspace;
    await client.query('BEGIN');
    for (const layout of pgTableLayouts(definition.schema)) {
      await client.query(createPgTableSql(layout, dialect, { orReplace: false }));
      const file = temporaryFile(`${layout.table}.csv`);
      files.push(file);
      const columns = layout.columns.map((c) => ident(c.name)).join(', ');
      await connection.run(`COPY (SELECT ${columns} FROM ${ident(layout.table)}) TO ${literal(file)} (FORMAT csv, HEADER false)`);
      await copyCsvIntoTable(client, layout.table, layout.columns.map((c) => c.name), createReadStream(file));
    }
    await client.query(compileSql(definition, { dialect: 'postgres', pretty: false }));
    await client.query('COMMIT');

    const stampsFile = temporaryFile('stamps.csv');
    const primaryFile = temporaryFile('primary.csv');
    files.push(stampsFile, primaryFile);
    const stamps = sqlViewName('stage_stamps', { dialect: 'postgres' });
    const wide = sqlViewName('engagement_stages', { dialect: 'postgres' });
    await pipeline(
      client.query(copyTo(`COPY (SELECT object, record_id, stage, label, stage_date, owner_id, inferred FROM ${stamps}) TO STDOUT (FORMAT csv)`)),
      createWriteStream(stampsFile),
    );
    await pipeline(
      client.query(copyTo(`COPY (SELECT engagement_id, primary_opportunity_id FROM ${wide} WHERE primary_opportunity_id IS NOT NULL) TO STDOUT (FORMAT csv)`)),
      createWriteStream(primaryFile),
    );
    await connection.run(STAMPS_TABLE_SQL);
    await connection.run(PRIMARY_TABLE_SQL);
    // Quoted empty text stays text (a label may be empty); only the empty unquoted cell is NULL.
    const read = (file: string, columns: string) =>
      `SELECT * FROM read_csv(${literal(file)}, header = false, auto_detect = false, allow_quoted_nulls = false, columns = {${columns}})`;
    await connection.run(
      `INSERT INTO ${STAMPS_RELATION} ${read(stampsFile, `'object': 'VARCHAR', 'record_id': 'VARCHAR', 'stage': 'INTEGER', 'label': 'VARCHAR', 'stage_date': 'TIMESTAMP', 'owner_id': 'VARCHAR', 'inferred': 'BOOLEAN'`)}`,
    );
    await connection.run(`INSERT INTO ${PRIMARY_RELATION} ${read(primaryFile, `'journey_id': 'VARCHAR', 'opportunity_id': 'VARCHAR'`)}`);
    return options.keep ? workspace.schemaName : undefined;
  } catch (e) {
    await workspace.client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await workspace.close();
    await Promise.all(files.map((f) => unlink(f).catch(() => undefined)));
  }
}
