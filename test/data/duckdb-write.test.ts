/**
 * The stamp writer through DuckDB (src/data/duckdb/write.ts) against the reference formats of
 * src/data/output.ts: the same rows in a DuckDB table give byte-identical CSV and JSON — for
 * hostile text too — and Parquet that reads back to the same rows; files are replaced
 * atomically, and a failed write leaves the old file and no temporary file.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDbSession } from '../../src/data/duckdb/session.js';
import { literal } from '../../src/data/duckdb/sql-text.js';
import { STAMP_ORDER, streamStampsCsv, writeStampsFile, type StampFileFormat } from '../../src/data/duckdb/write.js';
import { formatStampsCsv, formatStampsJson } from '../../src/data/output.js';
import type { StampRow } from '../../src/runtime/stamp.js';
import { duckDbSessionPerFile } from '../support/duckdb-session.js';

const { root, session } = duckDbSessionPerFile('stagecraft-duckdb-write-');

const row = (record_id: string, stage: number, label: string, stage_date: string, owner_id: string | null, inferred = false): StampRow => ({
  object: stage <= 3 ? 'engagement' : 'opportunity',
  record_id,
  stage: stage as StampRow['stage'],
  label,
  stage_date,
  owner_id,
  inferred,
});

/** Text that CSV and JSON writers get wrong: separators, quotes, line breaks, control and non-BMP characters. */
const HOSTILE: StampRow[] = [
  row('E,1', 1, 'Activation, "new"', '2025-01-31T12:00:00.000Z', 'U"1"'),
  row('E\n2', 2, 'line\nbreak', '0001-01-01T00:00:00.000Z', null, true),
  row('E\r3', 3, 'carriage\rreturn\r\n', '9999-12-31T23:59:59.999Z', 'owner, with comma'),
  row('é', 1, '', '1969-12-31T23:59:59.999Z', null),
  row('😀', 1, 'emoji 😀 label', '2024-02-29T00:00:00.001Z', '😀'),
  row('E#1', 2, 'MQL #1 with a vertical tab \u000b and \u001f', '2025-01-02T00:00:00.000Z', '#owner'),
  row('E  2 ', 3, ' spaced label ', '2025-01-03T00:00:00.000Z', null),
  row('\uFFFD', 1, 'after the emoji by UTF-16, before it by code point', '2025-01-01T00:00:00.000Z', 'ü'),
  row('Z', 1, ' leading and trailing spaces ', '2025-01-01T00:00:00.000Z', ' '),
  row('a', 1, 'tab\there, backslash \\ slash / null \u0000? no: bell \u0007 del \u007f', '2025-01-01T00:00:00.000Z', 'x'),
  row('b', 1, 'line sep \u2028 para sep \u2029 bom \uFEFF', '2025-01-01T00:00:00.000Z', '"'),
  row('c', 1, '"', '2025-01-01T00:00:00.000Z', '""'),
  row('c', 2, 'NULL', '2025-01-01T00:00:00.000Z', 'NULL'),
  row('O1', 4, 'Opportunity Created', '2025-01-01T00:00:00.000Z', 'U1'),
  row('O1', 6, 'Won', '2025-02-01T00:00:00.000Z', 'U1', true),
  row('O1', 5, 'SQL', '2025-01-15T00:00:00.000Z', null, true),
].map((r) => ({ ...r, label: r.label.replace('\u0000', '') }));

/** Creates a table of the stamp columns holding `rows` (inserted in reverse, so the writer must sort). */
async function stampTable(name: string, rows: readonly StampRow[]): Promise<string> {
  await session().connection.run(
    `CREATE OR REPLACE TABLE ${name} (object VARCHAR, record_id VARCHAR, stage INTEGER, label VARCHAR, stage_date TIMESTAMP, owner_id VARCHAR, inferred BOOLEAN)`,
  );
  if (rows.length > 0) {
    const values = [...rows].reverse().map(
      (r) =>
        `(${literal(r.object)}, ${literal(r.record_id)}, ${r.stage}, ${literal(r.label)}, ` +
        `CAST(${literal(r.stage_date.slice(0, -1))} AS TIMESTAMP), ${r.owner_id === null ? 'NULL' : literal(r.owner_id)}, ${r.inferred})`,
    );
    await session().connection.run(`INSERT INTO ${name} VALUES ${values.join(', ')}`);
  }
  return name;
}

async function written(relation: string, format: StampFileFormat): Promise<string> {
  const path = join(mkdtempSync(join(root, 'out-')), `stamps.${format}`);
  await writeStampsFile(session().connection, relation, format, path);
  return readFileSync(path, 'utf8');
}

describe('writeStampsFile and streamStampsCsv', () => {
  /** Both CSV writers (to a file, streamed) give formatStampsCsv's bytes for `rows`. */
  async function expectCsvOf(name: string, rows: readonly StampRow[]): Promise<void> {
    const table = await stampTable(name, rows);
    expect(await written(table, 'csv')).toBe(formatStampsCsv(rows));
    let streamed = '';
    expect(await streamStampsCsv(session().connection, table, (chunk) => void (streamed += chunk))).toBe('written');
    expect(streamed).toBe(formatStampsCsv(rows));
  }

  it('write the CSV of formatStampsCsv, byte for byte, for hostile text', async () => {
    await expectCsvOf('hostile', HOSTILE);
  });

  it('write the same CSV when no text holds a `#` (DuckDB\'s own CSV writer, kept only then)', async () => {
    const plain = HOSTILE.filter((r) => ![r.record_id, r.label, r.owner_id ?? ''].some((t) => t.includes('#')));
    expect(plain.length).toBe(HOSTILE.length - 1);
    await expectCsvOf('hostile_without_hash', plain);
  });

  it('write the JSON of formatStampsJson, byte for byte, for hostile text', async () => {
    const table = await stampTable('hostile', HOSTILE);
    expect(await written(table, 'json')).toBe(formatStampsJson(HOSTILE));
  });

  it('write the header alone, or [], for no stamps; one row without a trailing comma', async () => {
    const empty = await stampTable('no_stamps', []);
    expect(await written(empty, 'csv')).toBe(formatStampsCsv([]));
    expect(await written(empty, 'json')).toBe(formatStampsJson([]));
    const one = await stampTable('one_stamp', HOSTILE.slice(0, 1));
    expect(await written(one, 'json')).toBe(formatStampsJson(HOSTILE.slice(0, 1)));
  });

  it('sort by code point whatever collation the session defaults to', async () => {
    const nocase = await openDuckDbSession({ config: { default_collation: 'nocase' } });
    try {
      const rows = [row('b', 1, 'x', '2025-01-01T00:00:00.000Z', null), row('B', 1, 'x', '2025-01-01T00:00:00.000Z', null), row('a', 1, 'x', '2025-01-01T00:00:00.000Z', null), row('A', 1, 'x', '2025-01-01T00:00:00.000Z', null)];
      const values = rows.map((r) => `('engagement', ${literal(r.record_id)}, 1, 'x', TIMESTAMP '2025-01-01', NULL, false)`).join(', ');
      await nocase.connection.run(`CREATE TABLE s AS SELECT * FROM (VALUES ${values}) t(object, record_id, stage, label, stage_date, owner_id, inferred)`);
      const path = join(mkdtempSync(join(root, 'nocase-')), 'stamps.csv');
      await writeStampsFile(nocase.connection, 's', 'csv', path);
      expect(readFileSync(path, 'utf8')).toBe(formatStampsCsv(rows));
    } finally {
      await nocase.close();
    }
  });

  it('skip the sort only for a table seen stored in stamp order: any two rows out of place are sorted', async () => {
    const connection = session().connection;
    const insertionOrder = async (): Promise<unknown> => (await connection.runAndReadAll(`SELECT current_setting('preserve_insertion_order')`)).getRows()[0]![0];
    const before = await insertionOrder();
    await stampTable('shuffled_stamps', HOSTILE);
    await connection.run(`CREATE OR REPLACE TABLE ranked_stamps AS SELECT *, row_number() OVER (${STAMP_ORDER}) AS position FROM shuffled_stamps`);
    const expectedCsv = formatStampsCsv(HOSTILE);
    const writtenAsFilledInOrder = async (table: string, format: 'csv' | 'parquet'): Promise<string> => {
      const path = join(mkdtempSync(join(root, 'stored-')), `stamps.${format}`);
      await writeStampsFile(connection, table, format, path, { filledInStampOrder: true });
      if (format === 'csv') return readFileSync(path, 'utf8');
      const back = await connection.runAndReadAll(`SELECT record_id, stage FROM read_parquet(${literal(path)})`);
      return JSON.stringify(back.getRowsJS());
    };
    const expectedParquet = JSON.stringify(
      (await connection.runAndReadAll(`SELECT record_id, stage FROM ranked_stamps ORDER BY position`)).getRowsJS(),
    );
    // Row `k` swapped with `k + 1` (code point against UTF-16 order, stages of one record
    // among them); `k = 0` leaves every row in place. Each table is filled with insertion
    // order on, so it is stored exactly as listed.
    for (let k = 0; k < HOSTILE.length; k++) {
      const position = `CASE position WHEN ${k} THEN ${k + 1} WHEN ${k + 1} THEN ${k} ELSE position END`;
      await connection.run('SET preserve_insertion_order = true');
      await connection.run(`CREATE OR REPLACE TABLE stored_stamps AS SELECT * EXCLUDE (position) FROM ranked_stamps ORDER BY ${position}`);
      await connection.run(`SET preserve_insertion_order = ${before}`);
      expect(await writtenAsFilledInOrder('stored_stamps', 'csv'), `rows ${k} and ${k + 1} exchanged`).toBe(expectedCsv);
      expect(await writtenAsFilledInOrder('stored_stamps', 'parquet'), `rows ${k} and ${k + 1} exchanged`).toBe(expectedParquet);
      expect(await insertionOrder()).toBe(before);
    }
  });

  it('write Parquet that reads back to the same rows, typed', async () => {
    const table = await stampTable('hostile', HOSTILE);
    const path = join(mkdtempSync(join(root, 'parquet-')), 'stamps.parquet');
    await writeStampsFile(session().connection, table, 'parquet', path);
    const types = await session().connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${literal(path)}))`);
    expect(types.getRowsJS()).toEqual([
      ['object', 'VARCHAR'], ['record_id', 'VARCHAR'], ['stage', 'INTEGER'], ['label', 'VARCHAR'],
      ['stage_date', 'TIMESTAMP WITH TIME ZONE'], ['owner_id', 'VARCHAR'], ['inferred', 'BOOLEAN'],
    ]);
    const back = await session().connection.runAndReadAll(
      `SELECT object, record_id, stage, label, strftime(timezone('UTC', stage_date), '%Y-%m-%dT%H:%M:%S.%gZ') AS stage_date, owner_id, inferred ` +
        `FROM read_parquet(${literal(path)})`,
    );
    const rows = back.getRowObjectsJS() as unknown as StampRow[];
    // Written sorted, by code point.
    expect(formatStampsJson(rows)).toBe(formatStampsJson(HOSTILE));
    expect(rows.map((r) => r.record_id)).toEqual(JSON.parse(formatStampsJson(HOSTILE)).map((r: StampRow) => r.record_id));
  });

  it('replace an old file atomically; a failed write leaves the old file and no temporary file', async () => {
    const table = await stampTable('hostile', HOSTILE);
    for (const format of ['csv', 'json', 'parquet'] as const) {
      const dir = mkdtempSync(join(root, 'atomic-'));
      const path = join(dir, `stamps.${format}`);
      writeFileSync(path, 'old results\n');
      await writeStampsFile(session().connection, table, format, path);
      expect(readFileSync(path, 'utf8')).not.toBe('old results\n');
      expect(readdirSync(dir)).toEqual([`stamps.${format}`]);

      writeFileSync(path, 'old results\n');
      await expect(writeStampsFile(session().connection, 'no_such_relation', format, path)).rejects.toThrow();
      expect(readFileSync(path, 'utf8')).toBe('old results\n');
      expect(readdirSync(dir)).toEqual([`stamps.${format}`]);
    }
    const missing = join(root, 'no', 'such', 'dir', 'stamps.csv');
    await expect(writeStampsFile(session().connection, table, 'csv', missing)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(existsSync(missing)).toBe(false);
  });
});
