/**
 * `loadDatasetIntoDuckDb`: the data folder of SPEC §3 read, validated and normalised by
 * DuckDB itself into the four tables the compiled duckdb views read (`layout.ts`) — the
 * input path of every `stages run` engine. No row passes through JavaScript on the way.
 *
 * Validation keeps the JavaScript loader's exact messages: DuckDB decides per file whether
 * anything is wrong (the flags of `read-sql.ts`, a duplicate key, a file its reader refuses);
 * only then the JavaScript reader (`../load.ts`) reads that one file and reports every
 * problem with file:line:col. When the JavaScript reader finds the file valid after all (a
 * file DuckDB's reader cannot read but the rules accept, such as mixed line endings, or a
 * quote DuckDB could not judge), its rows are appended instead. Either way both readers apply
 * one set of rules, and `test/data/duckdb-load.test.ts` holds them to it.
 */
import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { OBJECT_NAMES, type ObjectName, type Schema } from '../../schema/types.js';
import { readCsv } from '../csv.js';
import { DataError, ProblemLog } from '../errors.js';
import { checkFolder, findTableFile, readTable, type ColumnsNeeded, type DataFormat, type FoundFile, type TableSource } from '../load.js';
import { findNotUtf8, NOT_UTF8_MESSAGE, type NotUtf8 } from '../utf8-check.js';
import { TableBuilder, type TableBuilderOptions } from '../table.js';
import { replaceTableWithRows } from './append.js';
import { createTableSql, tableLayout, type TableLayout } from './layout.js';
import { csvSelectSql, jsonlSelectSql, parquetSelectSql, type ParquetColumn } from './read-sql.js';
import { timezoneSql } from './cell-sql.js';
import { csvLinesWellFormed, scanCsvSyntax, type CsvSyntaxVerdict } from './csv-syntax.js';
import { ident, literal } from './sql-text.js';

export interface LoadProgress {
  /** Called as each table starts, with the file being read. */
  reading?(object: ObjectName, file: string): void;
  /** Called when a table's file is read and validated: its rows and how long it took. */
  read?(object: ObjectName, file: string, rows: number, seconds: number): void;
}

/**
 * Reads `dir` into the tables of `schema` in `connection` (replacing tables of those names).
 * `zone` (minutes east of UTC, `--timezone`) is the offset of instants written without one;
 * without it they are bad data. A file lacking a column of `needed` (the definition's
 * `columnsNeeded`) is bad data; columns the schema does not name are listed in its source's
 * `ignoredColumns`. With `kept` (per object, the columns anything will read afterwards: the
 * definitions' `columnsUsed`), a table read by DuckDB's own reader keeps only those and its
 * key; every column is still validated. Storing the others cost more time than reading them,
 * and memory the views' aggregates then lacked. Throws `DataError` listing up to 20 problems;
 * then the tables' contents are unspecified.
 */
export async function loadDatasetIntoDuckDb(
  connection: DuckDBConnection,
  dir: string,
  schema: Schema,
  progress: LoadProgress = {},
  zone?: number,
  needed: ColumnsNeeded = {},
  kept?: ColumnsNeeded,
): Promise<TableSource[]> {
  await checkFolder(dir);
  await connection.run(timezoneSql(zone));
  const found = await Promise.all(OBJECT_NAMES.map((object) => findTableFile(dir, schema.objects[object].table)));
  if (found.every((f) => f.length === 0)) {
    const expected = OBJECT_NAMES.map((o) => `${schema.objects[o].table}.csv`).join(', ');
    throw new DataError([{ file: dir, message: `no data files found (expected ${expected}, or .jsonl / .parquet files of the same names)` }]);
  }
  const log = new ProblemLog();
  const sources: TableSource[] = [];
  const encodings = encodingChecks(found.map((files) => (files.length === 1 ? files[0]! : null)));
  for (const [i, object] of OBJECT_NAMES.entries()) {
    const files = found[i]!;
    const layout = tableLayout(schema, object);
    if (files.length > 1) {
      log.add({ file: files[0]!.path, message: `the ${object} table has several files (${files.map((f) => f.name).join(', ')}); keep exactly one` });
      continue;
    }
    const source = files[0];
    if (source === undefined) {
      await connection.run(createTableSql(layout));
      sources.push({ object, file: null, format: null, rows: 0, ignoredColumns: [] });
      continue;
    }
    progress.reading?.(object, source.path);
    const started = performance.now();
    const keep = kept === undefined ? null : (kept[object] ?? []);
    const file: TableFile = { schema, layout, path: source.path, format: source.format, zone, needed: needed[object] ?? [], keep };
    const notUtf8 = await encodings[i];
    const { rows, ignoredColumns } = notUtf8 ? reportNotUtf8(file, notUtf8, log) : await loadTable(connection, file, log);
    progress.read?.(object, source.path, rows, (performance.now() - started) / 1000);
    sources.push({ object, file: source.path, format: source.format, rows, ignoredColumns });
  }
  log.throwIfAny();
  return sources;
}

/**
 * Per file, whether its text is UTF-8 (null) or where it is not (Parquet and absent files:
 * null), checked one file after the other from the start: while DuckDB reads a file the
 * next one is checked, so only the first check delays the load. A file with several
 * candidates (`files` null) is bad data of its own and not checked.
 */
function encodingChecks(files: readonly (FoundFile | null)[]): Promise<NotUtf8 | null>[] {
  let previous: Promise<unknown> = Promise.resolve();
  return files.map((file) => {
    // A file that cannot be read is left to the readers, which report why.
    const check = previous.then(() => (file === null || file.format === 'parquet' ? null : findNotUtf8(file.path).catch(() => null)));
    previous = check;
    return check;
  });
}

/** The encoding problem of a file that is not UTF-8, reported as the JavaScript reader does. */
function reportNotUtf8(file: TableFile, where: NotUtf8, log: ProblemLog): LoadedTable {
  const builder = tableBuilder(file, log);
  builder.report({ line: where.line, column: where.column }, NOT_UTF8_MESSAGE);
  return { rows: 0, ignoredColumns: [] };
}

/** One table file to load, and what its reading needs to know. */
interface TableFile {
  readonly schema: Schema;
  readonly layout: TableLayout;
  readonly path: string;
  readonly format: DataFormat;
  /** `--timezone`, minutes east of UTC. */
  readonly zone: number | undefined;
  /** Columns the definition reads or a role names. */
  readonly needed: readonly string[];
  /** The columns to store besides the key (null: all of them). */
  readonly keep: readonly string[] | null;
}

interface LoadedTable {
  readonly rows: number;
  /** The file's columns the schema does not name (not read). */
  readonly ignoredColumns: readonly string[];
}

function tableBuilder(file: TableFile, log: ProblemLog, options: TableBuilderOptions = {}): TableBuilder {
  return new TableBuilder(file.layout.object, file.schema.objects[file.layout.object], file.path, log, file.zone, file.needed, options);
}

/** Loads one file; returns its row count and ignored columns (problems go to `log`). */
async function loadTable(connection: DuckDBConnection, file: TableFile, log: ProblemLog): Promise<LoadedTable> {
  const { layout, path } = file;
  const select = await nativeSelect(connection, file);
  if (select !== null) {
    // The syntax scan of a CSV file runs while DuckDB reads it (DuckDB works on its own threads).
    const fields = select.csvFields;
    const syntax = fields === undefined ? Promise.resolve('well-formed' as const) : scanCsvSyntax(path, fields);
    syntax.catch(() => undefined); // awaited below; must not go unhandled meanwhile
    try {
      await connection.run(`CREATE OR REPLACE TABLE ${ident(layout.table)} AS\n${keptColumnsSql(layout, file.keep, select.sql)}`);
      const verdict = await judge(connection, layout);
      const clean =
        verdict.problems === 0 &&
        verdict.suspects === 0 &&
        (await csvSyntaxWellFormed(connection, path, fields, await syntax));
      if (clean) {
        await connection.run(`ALTER TABLE ${ident(layout.table)} DROP COLUMN stagecraft_problem`);
        await connection.run(`ALTER TABLE ${ident(layout.table)} DROP COLUMN stagecraft_suspect`);
        return { rows: verdict.rows, ignoredColumns: select.ignoredColumns };
      }
      if (verdict.problems > 0) return await reportWithJavaScript(connection, file, log);
    } catch (e) {
      // DuckDB's reader refused the file (a CSV syntax error, invalid UTF-8, bad JSON, …):
      // the JavaScript reader below says where, or reads it if the rules accept it. Running
      // out of memory or disk is not about the file: that is reported as it is.
      if (!isInputError(e)) throw e;
    }
  }
  return readWithJavaScript(connection, file, log);
}

/**
 * `select` narrowed to the key, the `keep` columns and the two flags (all of it when `keep` is
 * null). The flags still cover every column: a bad value is bad data whether or not it is read.
 */
function keptColumnsSql(layout: TableLayout, keep: readonly string[] | null, select: string): string {
  if (keep === null) return select;
  const columns = layout.columns.filter((c) => layout.key.includes(c.name) || keep.includes(c.name)).map((c) => ident(c.name));
  return `SELECT ${[...columns, 'stagecraft_problem', 'stagecraft_suspect'].join(', ')} FROM (\n${select})`;
}

/** The scan's verdict, or DuckDB's where the scan left the file to it. */
async function csvSyntaxWellFormed(connection: DuckDBConnection, path: string, fields: number | undefined, verdict: CsvSyntaxVerdict): Promise<boolean> {
  if (verdict !== 'ask-duckdb' || fields === undefined) return verdict === 'well-formed';
  return csvLinesWellFormed(connection, path, fields);
}

/** DuckDB's complaints about a file's contents (as opposed to memory, disk or internal errors). */
function isInputError(e: unknown): boolean {
  return e instanceof Error && !/Out of Memory Error|could not allocate block|failed to pin block|No space left|IO Error/i.test(e.message);
}

interface NativeSelect {
  readonly sql: string;
  /** CSV: the header's field count, which every line must have. */
  readonly csvFields?: number;
  readonly ignoredColumns: readonly string[];
}

/** The native SELECT for a file, or null when the JavaScript reader must read it. */
async function nativeSelect(connection: DuckDBConnection, file: TableFile): Promise<NativeSelect | null> {
  const { layout, path } = file;
  /** The file's ignored columns when its columns are all fine, else null (the JavaScript reader says why). */
  const checkColumns = (names: readonly string[]): readonly string[] | null => {
    const log = new ProblemLog();
    const builder = tableBuilder(file, log);
    const usable = builder.checkHeader(names.map((name) => ({ name, where: { file: true } as const })), { file: true });
    return usable && log.count === 0 ? builder.ignored() : null;
  };
  switch (file.format) {
    case 'csv': {
      const header = await readCsvHeader(path);
      const ignoredColumns = header === null ? null : checkColumns(header);
      if (header === null || ignoredColumns === null) return null;
      return { sql: csvSelectSql(path, layout, header), csvFields: header.length, ignoredColumns };
    }
    case 'jsonl': {
      // JSON Lines has no header: the keys any line carries stand for one (a key no line
      // carries is a missing column). An empty file is an empty table.
      let keys: string[];
      try {
        const reader = await connection.runAndReadAll(
          `SELECT DISTINCT unnest(json_keys(json)) FROM read_ndjson_objects(${literal(path)}) WHERE json_type(json) = 'OBJECT'`,
        );
        keys = reader.getRows().map((r) => String(r[0]));
      } catch {
        return null;
      }
      const ignoredColumns = keys.length === 0 ? [] : checkColumns(keys);
      return ignoredColumns === null ? null : { sql: jsonlSelectSql(path, layout), ignoredColumns };
    }
    case 'parquet': {
      let columns: ParquetColumn[];
      try {
        const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${literal(path)})`);
        columns = reader.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
      } catch {
        return null;
      }
      const ignoredColumns = checkColumns(columns.map((c) => c.name));
      const sql = ignoredColumns === null ? null : parquetSelectSql(path, layout, columns);
      return sql === null || ignoredColumns === null ? null : { sql, ignoredColumns };
    }
  }
}

interface Verdict {
  readonly rows: number;
  /** Rows with bad data, plus 1 when a key is duplicated. */
  readonly problems: number;
  /** Rows the rules may reject that DuckDB's reader accepted. */
  readonly suspects: number;
}

/** What the freshly read table holds: flagged rows, and whether a key is duplicated. */
async function judge(connection: DuckDBConnection, layout: TableLayout): Promise<Verdict> {
  const table = ident(layout.table);
  const counts = await connection.runAndReadAll(
    `SELECT count(*), count(*) FILTER (WHERE stagecraft_problem), count(*) FILTER (WHERE stagecraft_suspect) FROM ${table}`,
  );
  const [rows, problems, suspects] = counts.getRows()[0]!.map(Number) as [number, number, number];
  if (problems > 0) return { rows, problems, suspects };
  // Grouping by one 64-bit hash of the key is cheaper than by the key itself; equal keys have
  // equal hashes, so a clean answer is exact, and only a hash collision asks for the exact check.
  const key = layout.key.map(ident).join(', ');
  const duplicateHashes = await connection.runAndReadAll(
    `SELECT count(*) FROM (SELECT 1 FROM ${table} GROUP BY hash(${key}) HAVING count(*) > 1 LIMIT 1)`,
  );
  if (Number(duplicateHashes.getRows()[0]![0]) === 0) return { rows, problems: 0, suspects };
  const duplicates = await connection.runAndReadAll(
    `SELECT count(*) FROM (SELECT 1 FROM ${table} GROUP BY ${key} HAVING count(*) > 1 LIMIT 1)`,
  );
  return { rows, problems: Number(duplicates.getRows()[0]![0]), suspects };
}

/**
 * The JavaScript reader on a file DuckDB found bad data in, only to say what and where: it
 * keeps no rows, and checks for duplicate keys only the ids DuckDB found duplicated, so memory
 * does not grow with the file (a 10 M-row export with one bad cell is reported like a small
 * one). Should it find nothing after all, the file is read again in full.
 */
async function reportWithJavaScript(connection: DuckDBConnection, file: TableFile, log: ProblemLog): Promise<LoadedTable> {
  const ids = await duplicateKeyIds(connection, file.layout);
  const local = new ProblemLog();
  const builder = tableBuilder(file, local, { keepRows: false, ...(ids === null ? {} : { duplicateKeyIds: ids }) });
  await readTable(file.path, file.format, builder);
  if (local.count === 0) return readWithJavaScript(connection, file, log);
  for (const p of local.problems()) log.add(p);
  log.addOmitted(local.count - local.problems().length);
  return { rows: 0, ignoredColumns: builder.ignored() };
}

/** Most duplicated ids `duplicateKeyIds` hands over; with more, every key is checked. */
const MAX_DUPLICATE_IDS = 1_000_000;

/**
 * The ids of the keys the freshly read table holds more than once (the key as the JavaScript
 * reader compares it: valid-from to the millisecond), or null when there are too many to list.
 */
async function duplicateKeyIds(connection: DuckDBConnection, layout: TableLayout): Promise<Set<string> | null> {
  const [id, validFrom] = layout.key.map(ident);
  const key = validFrom === undefined ? id! : `${id}, date_trunc('millisecond', ${validFrom})`;
  const present = layout.key.map((c) => `${ident(c)} IS NOT NULL`).join(' AND ');
  const reader = await connection.runAndReadAll(
    `SELECT DISTINCT ${id} FROM (SELECT ${id} FROM ${ident(layout.table)} WHERE ${present} GROUP BY ${key} HAVING count(*) > 1) LIMIT ${MAX_DUPLICATE_IDS + 1}`,
  );
  const ids = reader.getRows().map((r) => String(r[0]));
  return ids.length > MAX_DUPLICATE_IDS ? null : new Set(ids);
}

/** The JavaScript reader on one file: its problems into `log`, or (none) its rows into the table. */
async function readWithJavaScript(connection: DuckDBConnection, file: TableFile, log: ProblemLog): Promise<LoadedTable> {
  const local = new ProblemLog();
  const builder = tableBuilder(file, local);
  await readTable(file.path, file.format, builder);
  if (local.count > 0) {
    for (const p of local.problems()) log.add(p);
    log.addOmitted(local.count - local.problems().length);
    return { rows: 0, ignoredColumns: builder.ignored() };
  }
  await replaceTableWithRows(connection, file.layout, builder.rows());
  return { rows: builder.rows().length, ignoredColumns: builder.ignored() };
}

/** Largest header this reads to find the first record; a longer one goes to the JavaScript reader. */
const HEADER_LIMIT = 1 << 20;

/**
 * The column names of a CSV file's first record, or null when it cannot be read from the
 * first megabyte (the JavaScript reader then reads the file and reports what is wrong).
 */
async function readCsvHeader(path: string): Promise<string[] | null> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_LIMIT);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_LIMIT, 0);
    const whole = bytesRead < HEADER_LIMIT;
    let text: string;
    try {
      // A prefix may end inside a character: decode only whole lines of it.
      const bytes = buffer.subarray(0, bytesRead);
      const end = whole ? bytes.length : bytes.lastIndexOf(0x0a) + 1;
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes.subarray(0, end));
    } catch {
      return null;
    }
    const records = readCsv(text);
    const first = records.next();
    if (first.done || first.value.kind !== 'record') return null;
    // Unless the whole file was read, the header is complete only when another record follows.
    if (!whole && records.next().done) return null;
    return first.value.cells.map((c) => c.text);
  } finally {
    await handle.close();
  }
}
