/**
 * `loadDataset(dir, schema)`: reads the four tables of SPEC §3 from a folder, validates them
 * against the schema and returns the normalised `Dataset` — or throws a `DataError` listing
 * up to 20 problems with file and position. Nothing is returned half-validated.
 *
 * Each table is `<table>.csv`, `<table>.jsonl` or `<table>.parquet` (base names from the
 * schema). Exactly one format per table; a table without a file is empty (a CRM without
 * leads is plausible) and the report says so, but a folder holding none of the four is an
 * error (almost certainly the wrong folder).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OBJECT_NAMES, type ObjectName, type Schema } from '../schema/types.js';
import type { Dataset, Row } from './dataset.js';
import { DataError, ProblemLog } from './errors.js';
import { readCsvTable } from './read-csv.js';
import { readJsonlTable } from './read-jsonl.js';
import { readParquetTable } from './read-parquet.js';
import { TableBuilder } from './table.js';
import { NOT_UTF8_MESSAGE } from './utf8-check.js';

export { DataError, formatProblem, type DataProblem } from './errors.js';

export const DATA_FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

export interface TableSource {
  readonly object: ObjectName;
  /** The file read, or null when the folder has none for this table (empty table). */
  readonly file: string | null;
  readonly format: DataFormat | null;
  readonly rows: number;
  /** The file's columns the schema does not name: not read (SPEC §3), worth a note. */
  readonly ignoredColumns: readonly string[];
}

/** Per object, the columns a definition reads or a role names (`columnsNeeded`): a file lacking one is bad data. */
export type ColumnsNeeded = Partial<Record<ObjectName, readonly string[]>>;

export interface LoadReport {
  readonly dataset: Dataset;
  readonly sources: readonly TableSource[];
}

export async function loadDataset(dir: string, schema: Schema, needed: ColumnsNeeded = {}): Promise<Dataset> {
  return (await loadDatasetWithReport(dir, schema, needed)).dataset;
}

/** Like `loadDataset`, and also says which file each table came from. */
export async function loadDatasetWithReport(dir: string, schema: Schema, needed: ColumnsNeeded = {}): Promise<LoadReport> {
  await checkFolder(dir);
  const log = new ProblemLog();
  const tables = {} as Record<ObjectName, readonly Row[]>;
  const sources: TableSource[] = [];
  const found = await Promise.all(OBJECT_NAMES.map((object) => findTableFile(dir, schema.objects[object].table)));
  if (found.every((f) => f.length === 0)) {
    const expected = OBJECT_NAMES.map((o) => `${schema.objects[o].table}.csv`).join(', ');
    throw new DataError([{ file: dir, message: `no data files found (expected ${expected}, or .jsonl / .parquet files of the same names)` }]);
  }
  for (const [i, object] of OBJECT_NAMES.entries()) {
    const files = found[i]!;
    if (files.length > 1) {
      log.add({ file: files[0]!.path, message: `the ${object} table has several files (${files.map((f) => f.name).join(', ')}); keep exactly one` });
      tables[object] = [];
      continue;
    }
    const source = files[0];
    if (source === undefined) {
      tables[object] = [];
      sources.push({ object, file: null, format: null, rows: 0, ignoredColumns: [] });
      continue;
    }
    const table = new TableBuilder(object, schema.objects[object], source.path, log, undefined, needed[object]);
    await readTable(source.path, source.format, table);
    tables[object] = table.rows();
    sources.push({ object, file: source.path, format: source.format, rows: table.rows().length, ignoredColumns: table.ignored() });
  }
  log.throwIfAny();
  return { dataset: tables, sources };
}

export async function checkFolder(dir: string): Promise<void> {
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw new DataError([{ file: dir, message: 'not a folder (--data takes the folder holding the table files)' }]);
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError([{ file: dir, message: `cannot open the data folder (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
  }
}

export interface FoundFile {
  readonly name: string;
  readonly path: string;
  readonly format: DataFormat;
}

export async function findTableFile(dir: string, base: string): Promise<FoundFile[]> {
  const result: FoundFile[] = [];
  for (const format of DATA_FORMATS) {
    const name = `${base}.${format}`;
    const path = join(dir, name);
    try {
      if ((await stat(path)).isFile()) result.push({ name, path, format });
    } catch {
      // absent: fine
    }
  }
  return result;
}

export async function readTable(path: string, format: DataFormat, table: TableBuilder): Promise<void> {
  if (format === 'parquet') {
    await readParquetTable(path, table);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    table.report({ file: true }, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return;
  }
  const text = decodeUtf8(bytes, table);
  if (text === null) return;
  if (format === 'csv') readCsvTable(text, table);
  else readJsonlTable(text, table);
}

/** Strict UTF-8: a file in another encoding is reported, not silently filled with U+FFFD. */
function decodeUtf8(bytes: Buffer, table: TableBuilder): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = lossy.indexOf('\uFFFD');
    const before = lossy.slice(0, Math.max(0, at));
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    table.report({ line, column }, NOT_UTF8_MESSAGE);
    return null;
  }
}
