/**
 * `stampDataFolder`: the main job of `stages run` at warehouse scale. DuckDB reads and
 * validates the data folder into its tables (`../data/duckdb/load.ts`); the chosen engine
 * computes the stamps; they end as two relations in the same DuckDB session, whatever the
 * engine:
 *
 *   stagecraft_stamps   the `stage_stamps` rows (SPEC §4.5)
 *   stagecraft_primary  (journey_id, opportunity_id) of every journey with a primary opportunity
 *
 * From these `../data/duckdb/write.ts` writes the output and `../data/duckdb/funnel-measures.ts` counts
 * the funnel. Each engine's modules are imported when it is chosen, so no run loads the
 * TypeScript compiler and only `--engine postgres` the PostgreSQL client. Memory stays bounded: DuckDB spills past its limit, the TypeScript engine holds
 * its evaluator plus one chunk of rows, and PostgreSQL is fed and read with COPY through files.
 */
import { closeSync, createReadStream, createWriteStream, openSync, writeSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CheckedDefinition } from '../compiler/ir.js';
import { columnsNeededByObject, columnsUsedByObject } from '../compiler/columns.js';
import { compileSql, compileStampsOverCandidates, getDialect, sqlViewName } from '../compiler/sql/index.js';
import { loadDatasetIntoDuckDb, type LoadProgress } from '../data/duckdb/load.js';
import { tableLayouts, type TableLayout } from '../data/duckdb/layout.js';
import { openDuckDbSession, type DuckDbSession } from '../data/duckdb/session.js';
import { STAMP_ORDER } from '../data/duckdb/write.js';
import { ident, INSTANT_FORMAT, literal } from '../data/duckdb/sql-text.js';
import { temporaryPath } from '../data/temporary-files.js';
import { csvField } from '../data/csv.js';
import type { TableSource } from '../data/load.js';
import type { Evaluator, ObjectName } from '../runtime/index.js';
import type { StampRow } from '../runtime/stamp.js';
import type { EngineName } from './engine.js';
import { createTableSql as createPgTableSql, STAMP_SELECT_LIST, tableLayouts as pgTableLayouts } from './sql-load.js';

/** Where an engine leaves its results in the DuckDB session. */
export interface StampRelations {
  /** The `stage_stamps` rows (SPEC §4.5). */
  readonly stamps: string;
  /** (journey_id, opportunity_id) of every journey with a primary opportunity. */
  readonly primary: string;
  /** Prefix of the compiled views' names (DuckDB engine), so two definitions' views can sit side by side. */
  readonly viewPrefix: string;
  /** `stamps` is a table filled from a query sorted in the output's order (the writer may skip its sort). */
  readonly stampsFilledInStampOrder?: boolean;
}

/** The relations of `stages run`. */
export const RUN_RELATIONS: StampRelations = { stamps: 'stagecraft_stamps', primary: 'stagecraft_primary', viewPrefix: '' };

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
  /** `--timezone`: minutes east of UTC of instants the data writes without an offset. */
  readonly timezone?: number;
}

export interface StampedDataFolder {
  /** Holds the `RUN_RELATIONS`; the caller closes it. */
  readonly session: DuckDbSession;
  readonly sources: readonly TableSource[];
  /** PostgreSQL with `keep`: the schema that was kept. */
  readonly keptSchema?: string;
}

/**
 * Loads `dataDir` and computes the stamps into `RUN_RELATIONS`. A `DataError` (bad data) or an
 * engine failure propagates after the session is closed.
 */
export async function stampDataFolder(definition: CheckedDefinition, dataDir: string, options: StampDataFolderOptions): Promise<StampedDataFolder> {
  // The evaluator's module is compiled while DuckDB reads (DuckDB works on its own threads).
  const evaluator = options.engine === 'ts' ? prepareEvaluator(definition) : null;
  evaluator?.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
  const { session, sources } = await loadDataFolder(definition.schema, dataDir, options, [definition]);
  try {
    const keptSchema = await stampInSession(session, definition, options, RUN_RELATIONS, evaluator ?? undefined);
    return keptSchema === undefined ? { session, sources } : { session, sources, keptSchema };
  } catch (e) {
    await session.close().catch(() => undefined);
    throw e;
  }
}

/**
 * The relations as temporary tables named after `name`, computed once (the DuckDB engine's are
 * views, which every query would compute again). For the DuckDB engine the stamps are computed
 * again from `definition` over its views (prefix `relations.viewPrefix`), not copied from
 * `relations.stamps`: `definition` must be the one stamped into `relations`. Relations that are
 * tables already (the TypeScript and PostgreSQL engines read their results into tables) are
 * returned as they are rather than copied.
 */
export async function materialiseRelations(
  session: DuckDbSession,
  definition: CheckedDefinition,
  relations: StampRelations,
  name: string,
): Promise<StampRelations> {
  const views = await session.connection.runAndReadAll(
    `SELECT count(*) FROM duckdb_views() WHERE view_name IN (${literal(relations.stamps)}, ${literal(relations.primary)})`,
  );
  if (Number(views.getRows()[0]![0]) === 0) return relations;
  const tables = { stamps: `${name}_stamps`, primary: `${name}_primary`, viewPrefix: relations.viewPrefix, stampsFilledInStampOrder: true };
  const { connection } = session;
  // The two candidate aggregates first, each in a statement of its own, into tables; a
  // temporary view of each compiled view's name puts the table in its place (temporary names
  // shadow the database's, and the compiled views bind theirs when queried), so the engagement
  // candidates read the opportunity table and the primary opportunities the engagement table.
  // The stamps are then assembled from the two tables rather than computed by `stage_stamps`,
  // which inlines both aggregates: no aggregate is computed twice, and none shares the memory
  // limit with the sort below. The shadows and their tables are dropped at the end, so the
  // memory is free for writing and counting and later queries of the session (the other side
  // of `stages diff`) read the compiled views again.
  const naming = { dialect: 'duckdb', prefix: relations.viewPrefix } as const;
  const shadow = (view: 'stage_opportunity_candidates' | 'stage_engagement_candidates') => ({
    view: sqlViewName(view, naming),
    table: ident(`${name}_${view.replace(/^stage_/, '')}`),
  });
  const opportunity = shadow('stage_opportunity_candidates');
  const engagement = shadow('stage_engagement_candidates');
  let failed = false;
  try {
    for (const { view, table } of [opportunity, engagement]) {
      await connection.run(`CREATE OR REPLACE TEMP TABLE ${table} AS SELECT * FROM ${view}`);
      await connection.run(`CREATE OR REPLACE TEMP VIEW ${view} AS SELECT * FROM ${table}`);
    }
    const stamps = compileStampsOverCandidates(definition, naming, { opportunity: opportunity.table, engagement: engagement.table });
    // Sorted on the way in, in the output's order: the sort holds the rows (and spills them).
    // The output then needs no sort of its own once the writer has seen the rows stored in
    // that order (`writeStampsFile`).
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE ${ident(tables.stamps)} AS ` +
        `SELECT ${STAMP_SELECT_LIST} FROM (${stamps}) AS stamps ${STAMP_ORDER}`,
    );
    await connection.run(`CREATE OR REPLACE TEMP TABLE ${ident(tables.primary)} AS SELECT * FROM ${ident(relations.primary)}`);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    // After a failure the clean-up must not replace its error: an out-of-memory one is retried
    // by the caller's headroom, which runs this again from the start (CREATE OR REPLACE).
    const drop = (sql: string): Promise<unknown> => (failed ? connection.run(sql).catch(() => undefined) : connection.run(sql));
    for (const { view, table } of [opportunity, engagement]) {
      await drop(`DROP VIEW IF EXISTS temp.main.${view}`);
      await drop(`DROP TABLE IF EXISTS temp.main.${table}`);
    }
  }
  return tables;
}

/**
 * A DuckDB session holding the data folder's four tables for stamping `definitions`: a file
 * lacking a column they need is bad data, and the tables keep only the columns they use —
 * all of them in a database file (`dbFile`), which the user goes on querying. The caller
 * closes it.
 */
export async function loadDataFolder(
  schema: CheckedDefinition['schema'],
  dataDir: string,
  options: Pick<StampDataFolderOptions, 'dbFile' | 'memoryLimit' | 'progress' | 'timezone'>,
  definitions: readonly CheckedDefinition[],
): Promise<{ session: DuckDbSession; sources: TableSource[] }> {
  const needed = columnsNeededByObject(...definitions);
  const kept = options.dbFile === undefined ? columnsUsedByObject(...definitions) : undefined;
  const sessionOptions: { dbFile?: string; memoryLimit?: string } = {};
  if (options.dbFile !== undefined) sessionOptions.dbFile = options.dbFile;
  if (options.memoryLimit !== undefined) sessionOptions.memoryLimit = options.memoryLimit;
  const session = await openDuckDbSession(sessionOptions);
  try {
    await options.progress?.watch?.(session.connection);
    const sources = await loadDatasetIntoDuckDb(session.connection, dataDir, schema, options.progress, options.timezone, needed, kept);
    return { session, sources };
  } catch (e) {
    await session.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Computes one definition's stamps on the engine into `relations` of a session that holds the
 * data. Returns the kept PostgreSQL schema's name (with `keep`).
 */
export async function stampInSession(
  session: DuckDbSession,
  definition: CheckedDefinition,
  options: StampDataFolderOptions,
  relations: StampRelations,
  evaluator?: Promise<PreparedEvaluator>,
): Promise<string | undefined> {
  options.progress?.step?.(`computing stamps (${options.engine})`);
  switch (options.engine) {
    case 'duckdb':
      await stampWithDuckDb(session.connection, definition, relations);
      return undefined;
    case 'ts':
      await stampWithEvaluator(session.connection, definition, await (evaluator ?? prepareEvaluator(definition)), relations);
      return undefined;
    case 'postgres':
      return stampWithPostgres(session.connection, definition, options, relations);
  }
}

// ---------------------------------------------------------------- duckdb

async function stampWithDuckDb(connection: DuckDBConnection, definition: CheckedDefinition, relations: StampRelations): Promise<void> {
  const naming = { dialect: 'duckdb', prefix: relations.viewPrefix } as const;
  await connection.run(compileSql(definition, { ...naming, pretty: false }));
  const stamps = sqlViewName('stage_stamps', naming);
  // The primary opportunities from the per-journey candidates, not from `engagement_stages`:
  // that view also pivots every stamp (computing `stage_stamps` again), which cost more than
  // the stamps themselves. Both hold one row per journey with candidates; the rows agree.
  const candidates = sqlViewName('stage_engagement_candidates', naming);
  await connection.run(`CREATE OR REPLACE TEMP VIEW ${ident(relations.stamps)} AS SELECT ${STAMP_SELECT_LIST} FROM ${stamps}`);
  await connection.run(
    `CREATE OR REPLACE TEMP VIEW ${ident(relations.primary)} AS SELECT journey_id, primary_opportunity_id AS opportunity_id ` +
      `FROM ${candidates} WHERE primary_opportunity_id IS NOT NULL`,
  );
}

// ---------------------------------------------------------------- ts

/**
 * The SELECT whose rows are a table's evaluator records (instants and dates as ISO text),
 * columns named as the record's keys. Only the columns the evaluator reads (`read`, plus
 * valid-from) are sent.
 */
function recordsSql(layout: TableLayout, read: readonly string[]): string {
  const sent = layout.columns.filter((c) => read.includes(c.name) || layout.key.includes(c.name));
  const columns = sent.map((c) => {
    const name = ident(c.name);
    const value =
      c.family === 'datetime' ? `strftime(${name}, ${INSTANT_FORMAT})` : c.family === 'date' ? `strftime(${name}, '%Y-%m-%d')` : name;
    return `${value} AS ${name}`;
  });
  return `SELECT ${columns.join(', ')} FROM ${ident(layout.table)}`;
}

/**
 * Feeds the evaluator every record of the tables, table by table in `layouts` order (rows in
 * any order within a table: the session does not preserve insertion order, and the stamps do
 * not depend on the order of upserts). DuckDB writes a table's records as JSON Lines to a
 * temporary file (`COPY … (FORMAT json)`, in its own threads, the next table's while this one
 * is fed), which is read back in large chunks, one `JSON.parse` per chunk. Reading one string
 * per row out of a DuckDB result costs a native call per row — a tenth of `stages run --engine
 * ts` at 1M versions — where a chunk of a file is one decode. Memory: one chunk and its records;
 * disk: at most two tables' files at a time (each is deleted once read).
 */
async function feedRecords(
  connection: DuckDBConnection,
  layouts: readonly TableLayout[],
  read: (object: ObjectName) => readonly string[],
  upsert: (object: ObjectName, record: object) => void,
): Promise<void> {
  const files = layouts.map((layout) => temporaryFile(`${layout.table}.jsonl`));
  const write = (k: number): Promise<void> => {
    const copied = connection.run(`COPY (${recordsSql(layouts[k], read(layouts[k].object))}) TO ${literal(files[k])} (FORMAT json)`).then(() => undefined);
    // Observed at once: it fails while the previous table is still being fed (a full disk),
    // and is awaited (rethrowing) only when that table is done.
    copied.catch(() => undefined);
    return copied;
  };
  let writing = layouts.length > 0 ? write(0) : Promise.resolve();
  try {
    for (const [k, layout] of layouts.entries()) {
      await writing;
      writing = k + 1 < layouts.length ? write(k + 1) : Promise.resolve();
      let rest = '';
      for await (const chunk of createReadStream(files[k], { encoding: 'utf8', highWaterMark: 1 << 20 })) {
        const text = rest + (chunk as string);
        const last = text.lastIndexOf('\n');
        if (last < 0) {
          rest = text;
          continue;
        }
        // The chunk's whole lines as one JSON array: one parse per chunk, not one per line. A
        // raw newline only ever ends a record (JSON escapes the ones inside strings).
        const records = JSON.parse(`[${text.slice(0, last).replaceAll('\n', ',')}]`) as object[];
        for (let i = 0; i < records.length; i++) upsert(layout.object, records[i]);
        rest = text.slice(last + 1);
      }
      if (rest.trim() !== '') upsert(layout.object, JSON.parse(rest) as object);
      await unlink(files[k]).catch(() => undefined);
    }
  } finally {
    await writing.catch(() => undefined);
    await Promise.all(files.map((f) => unlink(f).catch(() => undefined)));
  }
}

/** A stamp as a line of the CSV `readStampsCsv` reads (quoted empty text stays text). */
function stampLine(s: StampRow): string {
  const text = (value: string): string => (value === '' ? '""' : csvField(value));
  return `${s.object},${text(s.record_id)},${s.stage},${text(s.label)},${s.stage_date},${s.owner_id === null ? '' : text(s.owner_id)},${s.inferred}\n`;
}

/**
 * The TypeScript evaluator fed chunk by chunk from DuckDB's validated tables (one reader and
 * one validator for every engine); its stamps, walked one by one, are written to a temporary
 * CSV file DuckDB then reads — far fewer crossings than appending value by value.
 */
export interface PreparedEvaluator {
  readonly evaluator: Evaluator;
  /** Per object, the fields the evaluator reads (only these are sent to it). */
  readonly read: (object: ObjectName) => string[];
}

/**
 * An evaluator on the definition, built in-process (`../compiler/ts/in-process.ts`): the
 * generated module's definition without loading TypeScript or ts-morph, which take longer to
 * load than the evaluator needs for a million versions.
 */
export async function prepareEvaluator(definition: CheckedDefinition): Promise<PreparedEvaluator> {
  const [{ evaluatorDefinitionInProcess }, { fieldsReadBy }, runtime] = await Promise.all([
    import('../compiler/ts/in-process.js'),
    import('../compiler/ts/parts.js'),
    import('../runtime/index.js'),
  ]);
  const evaluator = runtime.createEvaluator(evaluatorDefinitionInProcess(definition, runtime));
  return { evaluator, read: (object) => fieldsReadBy(definition, object) };
}

async function stampWithEvaluator(connection: DuckDBConnection, definition: CheckedDefinition, prepared: PreparedEvaluator, relations: StampRelations): Promise<void> {
  const { evaluator } = prepared;
  // Engagements first: versions then find their journey and nothing waits as pending.
  await feedRecords(connection, tableLayouts(definition.schema), prepared.read, (object, record) => evaluator.upsert(object, record));
  const stampsFile = temporaryFile('stamps.csv');
  const primaryFile = temporaryFile('primary.csv');
  try {
    const stamps = new LineFile(stampsFile);
    let primaries: LineFile | null = null;
    try {
      primaries = new LineFile(primaryFile);
      let walked = 0;
      for (const s of evaluator.eachStamp()) {
        stamps.write(stampLine(s));
        // An event-loop turn now and then, so a signal's clean-up and the progress line run
        // during a long walk (nothing upserts meanwhile, so the walk stays valid).
        if (++walked % 65_536 === 0) await new Promise((resolve) => setImmediate(resolve));
        if (s.object !== 'engagement' || s.stage !== 1) continue;
        const opportunity = evaluator.primaryOpportunity(s.record_id);
        if (opportunity !== null) primaries.write(`${csvField(s.record_id)},${csvField(opportunity)}\n`);
      }
      stamps.close();
      primaries.close();
    } finally {
      stamps.release();
      primaries?.release();
    }
    await readStampsCsv(connection, stampsFile, primaryFile, relations);
  } finally {
    await Promise.all([stampsFile, primaryFile].map((f) => unlink(f).catch(() => undefined)));
  }
}

/**
 * A new file written line by line through one 1 MiB buffer, with synchronous writes: the
 * stamps are produced by a synchronous walk, and waiting for a stream to drain between batches
 * (an event-loop turn per batch, the walk stopped meanwhile) cost about half again as much as
 * the walk itself at 1M versions.
 */
class LineFile {
  private fd: number | null;
  private readonly buffer = Buffer.allocUnsafe(1 << 20);
  private used = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'wx');
  }

  write(line: string): void {
    // At most three UTF-8 bytes per UTF-16 code unit.
    if (this.used + 3 * line.length > this.buffer.length) {
      this.flush();
      if (3 * line.length > this.buffer.length) {
        this.writeAll(Buffer.from(line, 'utf8'));
        return;
      }
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
  }

  /** Writes what is buffered and closes the file (a failed write throws). */
  close(): void {
    this.flush();
    this.release();
  }

  /** Closes the file if it is still open, without writing: for the way out of an error. */
  release(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    try {
      closeSync(fd);
    } catch {
      // Already failing or already written: nothing more to report.
    }
  }

  private flush(): void {
    this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  /** Writes all of `bytes`, however short each write is. */
  private writeAll(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; ) at += writeSync(this.fd!, bytes, at, bytes.length - at);
  }
}

const STAMP_CSV_COLUMNS =
  `'object': 'VARCHAR', 'record_id': 'VARCHAR', 'stage': 'INTEGER', 'label': 'VARCHAR', 'stage_date': 'TIMESTAMP', ` +
  `'owner_id': 'VARCHAR', 'inferred': 'BOOLEAN'`;

/**
 * An engine's stamps and primary opportunities, as headerless CSV files, into the two
 * relations. A quoted empty cell stays text (a label may be empty); only the empty unquoted
 * cell is NULL.
 */
async function readStampsCsv(connection: DuckDBConnection, stampsFile: string, primaryFile: string, relations: StampRelations): Promise<void> {
  const read = (file: string, columns: string) =>
    `SELECT * FROM read_csv(${literal(file)}, header = false, auto_detect = false, allow_quoted_nulls = false, columns = {${columns}})`;
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${ident(relations.stamps)} AS ${read(stampsFile, STAMP_CSV_COLUMNS)}`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${ident(relations.primary)} AS ${read(primaryFile, `'journey_id': 'VARCHAR', 'opportunity_id': 'VARCHAR'`)}`);
}

// ---------------------------------------------------------------- postgres

/** The columns a DuckDB table of the session holds. */
async function tableColumnNames(connection: DuckDBConnection, table: string): Promise<Set<string>> {
  const reader = await connection.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = current_schema() AND table_name = ${literal(table)}`);
  return new Set(reader.getRows().map((r) => String(r[0])));
}

function temporaryFile(name: string): string {
  return temporaryPath(tmpdir(), `stagecraft-${name}`);
}

/**
 * The tables written by DuckDB as CSV files and streamed into PostgreSQL with COPY; the
 * views' results come back the same way, into DuckDB tables. Returns the kept schema's name.
 */
async function stampWithPostgres(
  connection: DuckDBConnection,
  definition: CheckedDefinition,
  options: StampDataFolderOptions,
  relations: StampRelations,
): Promise<string | undefined> {
  const [{ copyCsvIntoTable, openPostgresWorkspace }, { to: copyTo }] = await Promise.all([import('./postgres.js'), import('pg-copy-streams')]);
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
      // The DuckDB table may hold only the columns the definition uses; the others stay null.
      const held = await tableColumnNames(connection, layout.table);
      const names = layout.columns.map((c) => c.name).filter((name) => held.has(name));
      await connection.run(`COPY (SELECT ${names.map(ident).join(', ')} FROM ${ident(layout.table)}) TO ${literal(file)} (FORMAT csv, HEADER false)`);
      await copyCsvIntoTable(client, layout.table, names, createReadStream(file));
    }
    await client.query(compileSql(definition, { dialect: 'postgres', pretty: false }));
    await client.query('COMMIT');

    const stampsFile = temporaryFile('stamps.csv');
    const primaryFile = temporaryFile('primary.csv');
    files.push(stampsFile, primaryFile);
    const stamps = sqlViewName('stage_stamps', { dialect: 'postgres' });
    const candidates = sqlViewName('stage_engagement_candidates', { dialect: 'postgres' });
    await pipeline(
      client.query(copyTo(`COPY (SELECT ${STAMP_SELECT_LIST} FROM ${stamps}) TO STDOUT (FORMAT csv)`)),
      createWriteStream(stampsFile),
    );
    await pipeline(
      client.query(copyTo(`COPY (SELECT journey_id, primary_opportunity_id FROM ${candidates} WHERE primary_opportunity_id IS NOT NULL) TO STDOUT (FORMAT csv)`)),
      createWriteStream(primaryFile),
    );
    await readStampsCsv(connection, stampsFile, primaryFile, relations);
    return options.keep ? workspace.schemaName : undefined;
  } catch (e) {
    await workspace.client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await workspace.close();
    await Promise.all(files.map((f) => unlink(f).catch(() => undefined)));
  }
}
