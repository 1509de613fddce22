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
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { OBJECT_NAMES, type ObjectName, type Schema } from '../schema/types.js';
import type { Dataset, Row } from './dataset.js';
import { DataError, ProblemLog } from './errors.js';
import { readCsvTable, readCsvTablePieces } from './read-csv.js';
import { readJsonlTable, readJsonlTablePieces } from './read-jsonl.js';
import { readParquetTable } from './read-parquet.js';
import { TableBuilder } from './table.js';
import { findNotUtf8, NOT_UTF8_MESSAGE } from './utf8-check.js';

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

/**
 * How `readTable` holds a text file: whole, as one string, below `largeFileBytes`; above it in
 * pieces of about `pieceBytes` of whole lines, with the same rows and problems (a string
 * cannot be longer than about 512 M characters, and a large file should not be held twice).
 */
export interface ReadTableOptions {
  readonly largeFileBytes?: number;
  readonly pieceBytes?: number;
}

const LARGE_FILE_BYTES = 256 << 20;
const PIECE_BYTES = 8 << 20;

export async function readTable(path: string, format: DataFormat, table: TableBuilder, options: ReadTableOptions = {}): Promise<void> {
  if (format === 'parquet') {
    await readParquetTable(path, table);
    return;
  }
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    table.report({ file: true }, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return;
  }
  if (size >= (options.largeFileBytes ?? LARGE_FILE_BYTES)) {
    // Checked first, as decoding the whole file would: text that is not UTF-8 is the only problem reported.
    const notUtf8 = await findNotUtf8(path);
    if (notUtf8 !== null) {
      table.report(notUtf8, NOT_UTF8_MESSAGE);
      return;
    }
    const pieces = textPieces(path, options.pieceBytes ?? PIECE_BYTES);
    if (format === 'csv') await readCsvTablePieces(pieces, table);
    else await readJsonlTablePieces(pieces, table);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    table.report({ file: true }, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return;
  }
  let text: string;
  try {
    // Strict UTF-8: a file in another encoding is reported, not silently filled with U+FFFD.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    table.report((await findNotUtf8(path)) ?? { file: true }, NOT_UTF8_MESSAGE);
    return;
  }
  if (format === 'csv') readCsvTable(text, table);
  else readJsonlTable(text, table);
}

/** The text of a UTF-8 file in pieces of whole lines (about `pieceBytes` each; a longer line is a piece of its own). */
async function* textPieces(path: string, pieceBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const handle = await open(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(pieceBytes);
    let kept = 0;
    for (;;) {
      if (kept === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]); // a line longer than the buffer
      const { bytesRead } = await handle.read(buffer, kept, buffer.length - kept, null);
      const end = kept + bytesRead;
      const atEof = bytesRead === 0;
      const upTo = atEof ? end : buffer.lastIndexOf(0x0a, end - 1) + 1;
      if (upTo > 0) yield decoder.decode(buffer.subarray(0, upTo));
      if (atEof) return;
      buffer.copy(buffer, 0, upTo, end);
      kept = end - upTo;
    }
  } finally {
    await handle.close();
  }
}
