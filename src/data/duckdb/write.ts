/**
 * Writing `stage_stamps` (SPEC §4.5) from a DuckDB relation with `COPY … TO`: DuckDB sorts
 * and writes, so no stamp passes through JavaScript. One format for every engine (each puts
 * its stamps in a DuckDB relation first), byte-identical to `../output.ts`:
 *
 *   csv      header, `YYYY-MM-DDTHH:MM:SS.mmmZ`, true/false, empty cell for a null owner,
 *            quotes only where RFC 4180 needs them, `\n` line ends
 *   json     an array with one object per line, keys in column order
 *   parquet  the seven columns typed (stage INTEGER, stage_date TIMESTAMP WITH TIME ZONE)
 *
 * Files are written atomically: to a temporary file beside the target, flushed, renamed
 * (`../replace-file.ts`, which also writes through symbolic links and keeps permissions).
 */
import { createReadStream } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { abandonReplacing, finishReplacing, startReplacing } from '../replace-file.js';
import { temporaryPath } from '../temporary-files.js';
import { ident, INSTANT_FORMAT, literal } from './sql-text.js';

export type StampFileFormat = 'csv' | 'json' | 'parquet';

// Code point order (SPEC §4.5) whatever the session's default_collation: an explicit binary collation.
export const STAMP_ORDER = 'ORDER BY object COLLATE "binary", record_id COLLATE "binary", stage';

/**
 * How a relation's rows may be written. `inStampOrder` (a table filled from a query sorted by
 * `STAMP_ORDER`) lets the writer skip its own sort once it has seen the rows stored in that
 * order; every other relation is sorted on the way out.
 */
export interface StampWriteOptions {
  readonly filledInStampOrder?: boolean;
}

/** The ORDER BY the COPY needs: none when the table is stored in stamp order (see `storedInStampOrder`). */
type OutputOrder = string;

/**
 * Whether `table`'s rows, read in storage order, are in `STAMP_ORDER` — checked rather than
 * assumed. DuckDB promises that a table filled by a sorted query keeps that order only while
 * `preserve_insertion_order` is on, and the session runs with it off (it holds memory at 10M
 * versions). The sort before the insert does store the rows in order; this one streaming pass
 * (tens of milliseconds at 2.5M rows) proves it for the table at hand, and a table that fails
 * it is sorted by the writer as any other relation. Run with insertion order on, as the write.
 */
async function storedInStampOrder(connection: DuckDBConnection, table: string): Promise<boolean> {
  const text = (column: string): string => `${column} COLLATE "binary"`;
  const before = (column: string, previous: string): string => `${text(column)} < ${text(previous)}`;
  const same = (column: string, previous: string): string => `${text(column)} = ${text(previous)}`;
  const reader = await connection.runAndReadAll(
    `SELECT count(*) FROM (SELECT object, record_id, stage, lag(object) OVER () AS previous_object, ` +
      `lag(record_id) OVER () AS previous_record, lag(stage) OVER () AS previous_stage FROM ${ident(table)}) ` +
      // A null anywhere counts as out of order: the table is then sorted, never misjudged.
      `WHERE previous_object IS NOT NULL AND coalesce(${before('object', 'previous_object')} OR (${same('object', 'previous_object')} AND ` +
      `(${before('record_id', 'previous_record')} OR (${same('record_id', 'previous_record')} AND stage <= previous_stage))), true)`,
  );
  return Number(reader.getRows()[0]![0]) === 0;
}

/**
 * Runs `write` with the ORDER BY it must use: empty, with insertion order on, for a table seen
 * stored in stamp order (the write then streams the rows as stored); `STAMP_ORDER` otherwise.
 * The session's setting is restored afterwards.
 */
async function withOutputOrder(
  connection: DuckDBConnection,
  relation: string,
  options: StampWriteOptions,
  write: (order: OutputOrder) => Promise<void>,
): Promise<void> {
  if (options.filledInStampOrder !== true) return write(STAMP_ORDER);
  const setting = await connection.runAndReadAll(`SELECT current_setting('preserve_insertion_order')`);
  const previous = setting.getRows()[0]![0] === true;
  await connection.run('SET preserve_insertion_order = true');
  try {
    await write((await storedInStampOrder(connection, relation)) ? '' : STAMP_ORDER);
  } finally {
    await connection.run(`SET preserve_insertion_order = ${previous}`);
  }
}

/**
 * Lines built in SQL are written by the CSV writer with no quoting and a delimiter that never
 * occurs, so each line lands exactly as built (DuckDB's own CSV quoting differs from RFC 4180's
 * minimum: it also quotes a field holding `#`).
 */
// USE_TMP_FILE false: the COPY already writes a temporary file of ours (renamed when whole);
// DuckDB's own `tmp_…` file beside it would be left behind by a signal mid-write.
const RAW_LINES = `(FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER E'\\x1f\\x1e\\x1d\\x1c', USE_TMP_FILE false)`;
const RAW_LINES_WITH_HEADER = RAW_LINES.replace('HEADER false', 'HEADER true');

/** The header of the CSV output (SPEC §4.5). */
const CSV_HEADER = 'object,record_id,stage,label,stage_date,owner_id,inferred';

/**
 * A CSV field as `csvField` (../csv.ts) writes it: quoted only when it holds `"`, `,`, CR or LF
 * (four byte searches, cheaper than one pattern match per field).
 */
function csvFieldSql(value: string): string {
  const expression = `CAST(${value} AS VARCHAR)`;
  const needsQuotes = [`'"'`, `','`, 'chr(13)', 'chr(10)'].map((c) => `contains(${expression}, ${c})`).join(' OR ');
  return `CASE WHEN ${needsQuotes} THEN '"' || replace(${expression}, '"', '""') || '"' ELSE ${expression} END`;
}

/** JSON.stringify writes `\u000b`; DuckDB writes `\u000B`: the hex digits made lower-case. */
function lowerCaseEscapes(json: string): string {
  let out = json;
  for (const code of ['000B', '000E', '000F', '001A', '001B', '001C', '001D', '001E', '001F']) {
    out = `replace(${out}, '\\u${code}', '\\u${code.toLowerCase()}')`;
  }
  return out;
}

/**
 * The CSV by DuckDB's own writer, which is faster than lines built in SQL. Its quoting agrees
 * with RFC 4180's minimum (and `csvField`) on every field but one holding `#`, which it quotes
 * too; empty text is written as NULL (an empty cell, as `csvField` writes it) rather than `""`.
 * Only ids, owners and labels can hold `#` (the other columns are constants, numbers, instants
 * and booleans), and a quoted field keeps its `#`: a file without a `#` byte is exactly the
 * `csvField` CSV. `writeCsv` checks that and otherwise writes the file again with
 * `linesCsvCopySql` — computing the relation a second time when it is a view, so a definition
 * whose labels hold `#` pays that on every run.
 */
function nativeCsvCopySql(relation: string, path: string, order: OutputOrder): string {
  const text = (column: string): string => `NULLIF(CAST(${column} AS VARCHAR), '')`;
  return (
    `COPY (SELECT object, ${text('record_id')} AS record_id, stage, ${text('label')} AS label, ` +
    `strftime(stage_date, ${INSTANT_FORMAT}) AS stage_date, ${text('owner_id')} AS owner_id, inferred ` +
    `FROM ${ident(relation)} ${order}) TO ${literal(path)} (FORMAT csv, HEADER true, USE_TMP_FILE false)`
  );
}

/** The CSV as lines built in SQL, `csvField`'s quoting spelled out: exact for any text. */
function linesCsvCopySql(relation: string, path: string, order: OutputOrder): string {
  const line =
    `object || ',' || ${csvFieldSql('record_id')} || ',' || stage || ',' || coalesce(${csvFieldSql("NULLIF(label, '')")}, '') || ',' || ` +
    `strftime(stage_date, ${INSTANT_FORMAT}) || ',' || coalesce(${csvFieldSql('owner_id')}, '') || ',' || inferred`;
  // The header line is the column's name, written by the writer's own header: one sort, no
  // numbering of the rows to put a header line before them.
  return `COPY (SELECT ${line} AS ${ident(CSV_HEADER)} FROM ${ident(relation)} ${order}) TO ${literal(path)} ${RAW_LINES_WITH_HEADER}`;
}

/** Writes the stamps CSV to `path` (see `nativeCsvCopySql`). */
async function writeCsv(connection: DuckDBConnection, relation: string, path: string, order: OutputOrder): Promise<void> {
  await connection.run(nativeCsvCopySql(relation, path, order));
  if (await fileHoldsByte(path, 0x23 /* # */)) await connection.run(linesCsvCopySql(relation, path, order));
}

/** Whether the file holds `byte` anywhere (read in 1 MiB blocks). */
async function fileHoldsByte(path: string, byte: number): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return false;
      if (buffer.subarray(0, bytesRead).includes(byte)) return true;
    }
  } finally {
    await handle.close();
  }
}

/**
 * The COPY writing `format` other than CSV (`writeCsv`). JSON numbers its lines with a window
 * in `STAMP_ORDER` whatever `order` says: its writer needs the position, not only the order.
 */
function copySql(relation: string, format: Exclude<StampFileFormat, 'csv'>, path: string, order: OutputOrder): string {
  const to = literal(path);
  switch (format) {
    case 'parquet':
      return (
        `COPY (SELECT object, record_id, CAST(stage AS INTEGER) AS stage, label, timezone('UTC', stage_date) AS stage_date, ` +
        `owner_id, inferred FROM ${ident(relation)} ${order}) TO ${to} (FORMAT parquet, USE_TMP_FILE false)`
      );
    case 'json': {
      // One pre-built line per row: `[`, the objects (each but the last followed by a comma), `]`.
      const object = lowerCaseEscapes(
        `json_object('object', object, 'record_id', record_id, 'stage', stage, 'label', label, 'stage_date', stage_date, ` +
          `'owner_id', owner_id, 'inferred', inferred)::VARCHAR`,
      );
      const items =
        `SELECT '  ' || ${object} || CASE WHEN row_number() OVER (${STAMP_ORDER}) < count(*) OVER () THEN ',' ELSE '' END AS line, ` +
        `row_number() OVER (${STAMP_ORDER}) AS position FROM (SELECT object, record_id, stage, label, ` +
        `strftime(stage_date, ${INSTANT_FORMAT}) AS stage_date, owner_id, inferred FROM ${ident(relation)})`;
      const lines =
        `SELECT line FROM (SELECT '[' AS line, 0 AS position UNION ALL ${items} UNION ALL SELECT ']', 9223372036854775807) ` +
        `ORDER BY position`;
      const empty = `SELECT '[]' AS line`;
      return (
        `COPY (SELECT line FROM (${lines}) WHERE (SELECT count(*) FROM ${ident(relation)}) > 0 ` +
        `UNION ALL SELECT line FROM (${empty}) WHERE (SELECT count(*) FROM ${ident(relation)}) = 0) ` +
        `TO ${to} ${RAW_LINES}`
      );
    }
  }
}

/** Writes the relation to `path` atomically. */
export async function writeStampsFile(
  connection: DuckDBConnection,
  relation: string,
  format: StampFileFormat,
  path: string,
  options: StampWriteOptions = {},
): Promise<void> {
  // The temporary file is created first, so an unwritable target or folder fails with its
  // errno (ENOENT, EACCES) and nothing of DuckDB's; DuckDB then writes over the empty file.
  const replacement = await startReplacing(path);
  const { temp } = replacement;
  try {
    await withOutputOrder(connection, relation, format === 'json' ? {} : options, async (order) => {
      if (format === 'csv') await writeCsv(connection, relation, temp, order);
      else await connection.run(copySql(relation, format, temp, order));
    });
    await finishReplacing(replacement);
  } catch (e) {
    await abandonReplacing(replacement);
    throw e;
  }
}

/**
 * Streams the CSV to `out` (stdout): written by DuckDB to a temporary file, then piped with
 * back-pressure, so memory stays flat however many stamps there are. Resolves `closed` when
 * the reader went away (`| head`): the caller ends quietly.
 */
export async function streamStampsCsv(
  connection: DuckDBConnection,
  relation: string,
  out: Writable | ((chunk: string) => void),
  options: StampWriteOptions = {},
): Promise<'written' | 'closed'> {
  const temp = temporaryPath(tmpdir(), 'stagecraft-stamps.csv');
  try {
    await withOutputOrder(connection, relation, options, (order) => writeCsv(connection, relation, temp, order));
    if (typeof out === 'function') {
      for await (const chunk of createReadStream(temp, { encoding: 'utf8' })) out(chunk as string);
      return 'written';
    }
    await pipeline(createReadStream(temp), out, { end: false });
    return 'written';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ERR_STREAM_DESTROYED') return 'closed';
    throw e;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
