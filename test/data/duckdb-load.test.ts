/**
 * `loadDatasetIntoDuckDb` (src/data/duckdb/load.ts) against the JavaScript loader
 * (`loadDataset`, src/data/load.ts), the reference: on every folder both give the same rows,
 * or the same `DataError` — the same problems, messages and positions, in the same order.
 * The folders are the JavaScript loader's own fixtures (test/support/data-fixtures.ts) plus
 * the spellings real exports produce in CSV, JSON Lines and Parquet.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { getDialect } from '../../src/compiler/sql/index.js';
import type { Dataset, Row } from '../../src/data/dataset.js';
import { DUCKDB_COLUMN_TYPES, tableLayout, type StorageFamily, type TableLayout } from '../../src/data/duckdb/layout.js';
import { loadDatasetIntoDuckDb } from '../../src/data/duckdb/load.js';
import { jsonlSelectSql, parquetSelectSql } from '../../src/data/duckdb/read-sql.js';
import { ident, literal } from '../../src/data/duckdb/sql-text.js';
import { DataError, loadDataset, type ColumnsNeeded } from '../../src/data/load.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { OBJECT_NAMES, type Schema } from '../../src/schema/types.js';
import * as fixtures from '../support/data-fixtures.js';
import { writeFolder, type FolderFiles, type ParquetFixture } from '../support/data-fixtures.js';
import { datasetColumnsSql, duckDbSessionPerFile } from '../support/duckdb-session.js';

const schema = loadDefaultSchema();
const { root, session } = duckDbSessionPerFile('stagecraft-duckdb-load-');

type Outcome = { readonly rows: Dataset } | { readonly problems: unknown; readonly message: string };

function failure(e: unknown): Outcome {
  if (!(e instanceof DataError)) throw e;
  return { problems: e.problems, message: e.message };
}

/** Rows in a stable order (files may be read in any order by DuckDB). */
function sortedRows(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

async function viaJavaScript(dir: string, s: Schema): Promise<Outcome> {
  try {
    const data = await loadDataset(dir, s);
    return { rows: Object.fromEntries(OBJECT_NAMES.map((o) => [o, sortedRows(data[o])])) as unknown as Dataset };
  } catch (e) {
    return failure(e);
  }
}

/**
 * What a run keeps of each table (`kept` of `loadDatasetIntoDuckDb`): columns of every value
 * family, so narrowed reads are checked on all of them.
 */
const KEPT: ColumnsNeeded = { Engagement: ['RecordType', 'CreatedDate'], Lead: ['Status', 'Score'], Contact: ['Title'], Opportunity: ['IsWon', 'CloseDate'] };

/** The layout's columns a load with `kept` must hold: the key and the kept ones (all without `kept`). */
function columnsHeld(layout: TableLayout, kept: ColumnsNeeded | undefined): TableLayout {
  if (kept === undefined) return layout;
  const held = (name: string): boolean => layout.key.includes(name) || (kept[layout.object] ?? []).includes(name);
  return { ...layout, columns: layout.columns.filter((c) => held(c.name)) };
}

/** The DuckDB tables read back as dataset rows (instants and dates as canonical text). */
async function viaDuckDb(dir: string, s: Schema, kept?: ColumnsNeeded): Promise<Outcome> {
  try {
    await loadDatasetIntoDuckDb(session().connection, dir, s, {}, undefined, {}, kept);
  } catch (e) {
    return failure(e);
  }
  const tables: Record<string, Row[]> = {};
  for (const object of OBJECT_NAMES) {
    const layout = columnsHeld(tableLayout(s, object), kept);
    const reader = await session().connection.runAndReadAll(`SELECT ${datasetColumnsSql(layout)} FROM ${ident(layout.table)}`);
    tables[object] = sortedRows(reader.getRowObjectsJS() as Row[]);
  }
  return { rows: tables as unknown as Dataset };
}

/** The JavaScript loader's outcome with its rows narrowed to the columns a load with `kept` holds. */
function narrowed(outcome: Outcome, s: Schema, kept: ColumnsNeeded): Outcome {
  if (!('rows' in outcome)) return outcome;
  const rows = Object.fromEntries(
    OBJECT_NAMES.map((object) => {
      const names = columnsHeld(tableLayout(s, object), kept).columns.map((c) => c.name);
      return [object, outcome.rows[object].map((row) => Object.fromEntries(names.map((n) => [n, row[n]])))];
    }),
  );
  return { rows: rows as unknown as Dataset };
}

/**
 * Both loaders on one folder: the outcomes must be equal; returns it. The DuckDB loader also
 * keeping only `KEPT` must give the same rows on those columns, or the same problems: a bad
 * value in a column it does not keep is still bad data.
 */
async function agree(dir: string, s: Schema = schema): Promise<Outcome> {
  const expected = await viaJavaScript(dir, s);
  expect(await viaDuckDb(dir, s)).toEqual(expected);
  expect(await viaDuckDb(dir, s, KEPT)).toEqual(narrowed(expected, s, KEPT));
  return expected;
}

async function agreeOn(files: FolderFiles, s: Schema = schema): Promise<Outcome> {
  return agree(writeFolder(root, files), s);
}

/** A folder with one Parquet file written by DuckDB (plus any other files). */
async function parquetFolder({ table, select }: ParquetFixture, others: FolderFiles = {}): Promise<string> {
  const dir = writeFolder(root, others);
  await session().connection.run(`COPY (${select}) TO ${literal(join(dir, `${table}.parquet`))} (FORMAT parquet)`);
  return dir;
}

const isFailure = (o: Outcome): boolean => 'problems' in o;

describe('the DuckDB loader keeps what is used', () => {
  it('stores only the key and the kept columns of a file DuckDB reads', async () => {
    await loadDatasetIntoDuckDb(session().connection, join(import.meta.dirname, '../../examples/acme'), schema, {}, undefined, {}, KEPT);
    const reader = await session().connection.runAndReadAll(
      `SELECT table_name, list(column_name ORDER BY column_index) FROM duckdb_columns() WHERE schema_name = current_schema() AND table_name IN ('contact', 'engagement', 'lead', 'opportunity') GROUP BY table_name ORDER BY table_name`,
    );
    expect(reader.getRowsJS()).toEqual([
      ['contact', ['Id', 'Title', 'valid_from']],
      ['engagement', ['Id', 'RecordType', 'CreatedDate']],
      ['lead', ['Id', 'Status', 'Score', 'valid_from']],
      ['opportunity', ['Id', 'IsWon', 'CloseDate', 'valid_from']],
    ]);
  });
});

describe('the DuckDB loader agrees with the JavaScript loader', () => {
  it('on every fixture of the JavaScript loader tests (CSV, JSON Lines)', async () => {
    const good = [fixtures.NORMALISED_CSV, fixtures.VALID_TO_CSV, fixtures.ENGAGEMENT_VALID_TO_CSV, fixtures.MULTILINE_QUOTED_CSV, fixtures.TYPED_JSONL];
    const bad = [
      fixtures.BAD_VALUES_CSV, fixtures.BAD_HEADER_CSV, fixtures.CSV_SYNTAX_ERRORS,
      fixtures.MANY_PROBLEMS_CSV, fixtures.LATIN1_CSV, fixtures.EMPTY_CSV, fixtures.TWO_FORMATS, fixtures.BAD_NUMBER_CSV,
      fixtures.BAD_JSONL, fixtures.NOT_PARQUET,
    ];
    for (const files of good) expect(isFailure(await agreeOn(files)), Object.keys(files).join()).toBe(false);
    for (const files of bad) expect(isFailure(await agreeOn(files)), Object.keys(files).join()).toBe(true);
    expect(isFailure(await agreeOn(fixtures.CUSTOM_SCHEMA_CSV, fixtures.customLeadSchema(schema)))).toBe(true);
    expect(isFailure(await agreeOn({ 'lead_history.csv': 'Id,dbt_valid_from,Current_Activation__c\nL1,2025-01-01T00:00:00Z,E1\n' }, fixtures.customLeadSchema(schema)))).toBe(false);
  });

  it('on every Parquet fixture of the JavaScript loader tests', async () => {
    for (const fixture of [fixtures.PARQUET_TYPED, fixtures.PARQUET_LOCAL_TIMESTAMPS, fixtures.PARQUET_TEXT_COLUMNS]) {
      expect(isFailure(await agree(await parquetFolder(fixture)))).toBe(false);
    }
    expect(isFailure(await agree(await parquetFolder(fixtures.PARQUET_PROBLEMS)))).toBe(true);
  });

  it('on CSV as exports write it: quotes, commas, line breaks in quotes, CRLF, BOM, empty cells, unicode', async () => {
    const contact = 'Id,valid_from,OwnerId,Title,Email,Score,Interests,IsDeleted';
    const cases: FolderFiles[] = [
      {
        'contact.csv': [
          contact,
          'C1,2025-01-01T00:00:00Z,U1,"VP, Sales",,1.5,AI;Cloud,false',
          'C2,2025-01-01T00:00:00Z,,"say ""hi""",a@b.example,,,TRUE',
          'C3,2025-01-01T00:00:00.9999Z,"U,3"," spaced ",,-0,,',
          'C4,2025-01-01 00:00+01:00,U4,Ünïcödé 😀 名前,,1e3,,False',
          'C5,2025-01-01T00:00:00Z,U5,"",,.5,,',
          'C6,2025-01-01T00:00:00Z,U6,"a,""b"",c",,5.,;,true',
        ].join('\n'),
      },
      // No newline after the last row; CRLF throughout; BOM before the header.
      { 'contact.csv': `\uFEFF${contact}\r\nC1,2025-01-01T00:00:00Z,U1,CEO,,,,\r\nC2,2025-01-02T00:00:00Z,U1,"x\r\ny",,,,` },
      // Line breaks inside quotes: LF, CRLF, a lone CR, and an empty line inside the quotes.
      { 'contact.csv': `${contact}\nC1,2025-01-01T00:00:00Z,U1,"one\ntwo",,,,\nC2,2025-01-01T00:00:00Z,U1,"a\r\n\r\nb\rc",,,,\n` },
      // Mixed line endings and blank lines between rows (the rules tolerate both).
      { 'contact.csv': `${contact}\r\nC1,2025-01-01T00:00:00Z,U1,,,,,\nC2,2025-01-01T00:00:00Z,U1,,,,,\r\n\r\n\nC3,2025-01-01T00:00:00Z,,,,,,\n\n` },
      // Lone CR line ends (old Mac exports).
      { 'contact.csv': `${contact}\rC1,2025-01-01T00:00:00Z,U1,,,,,\rC2,2025-01-01T00:00:00Z,U1,,,,,\r` },
      // A header only; a quoted header; columns in another order; a valid_to column.
      { 'contact.csv': `${contact}\n` },
      { 'contact.csv': '"Id","valid_from","Title"\n"C1","2025-01-01T00:00:00Z","T"\n' },
      { 'lead.csv': 'Status,valid_to,valid_from,Id\nOpen,2025-02-01T00:00:00Z,2025-01-01T00:00:00Z,L1\nWorking,,2025-02-01T00:00:00Z,L1\n' },
      // A column the schema does not name (ignored, with a note).
      { 'lead.csv': 'Id,valid_from,Owner\nL1,2025-01-01T00:00:00Z,U1\n' },
      // One table only: the other three are empty.
      { 'opportunity.csv': 'Id,valid_from,Amount,CloseDate,IsWon\nO1,2025-01-01T00:00:00Z,1000000.25,2024-02-29,true\n' },
      // Years at both ends, the last millisecond of a day.
      { 'engagement.csv': `${fixtures.ENGAGEMENT_HEADER}\nE1,Activation,,,,0001-01-01T00:00:00Z,9999-12-31T23:59:59.999Z\nE2,Influencing,L1,C1,U1,2024-02-29T23:59:59.999999+00:00,\n` },
    ];
    for (const files of cases) expect(isFailure(await agreeOn(files)), JSON.stringify(files)).toBe(false);
  });

  it('on bad CSV: the same problems at the same positions', async () => {
    const cases: FolderFiles[] = [
      // A quote inside an unquoted cell: DuckDB reads it as text, the rules do not.
      { 'contact.csv': 'Id,valid_from,Title\nC1,2025-01-01T00:00:00Z,a"b\n' },
      { 'contact.csv': 'Id,valid_from,Title\nC1,2025-01-01T00:00:00Z,"a"b"\n' },
      // A bad cell after a multi-line quoted cell: the line numbers count the breaks inside quotes.
      { 'contact.csv': 'Id,valid_from,Title,Score\nC1,2025-01-01T00:00:00Z,"x\ny\nz",1\nC2,2025-01-01T00:00:00Z,w,x\n' },
      // Too many and too few fields; a duplicate key spelt two ways; a required cell quoted empty.
      { 'lead.csv': 'Id,valid_from,Status\nL1,2025-01-01T00:00:00Z,Open,extra\nL2,2025-01-01T00:00:00Z\n' },
      { 'lead.csv': 'Id,valid_from\nL1,2025-01-01T00:00:00Z\nL1,2025-01-01 01:00:00+01\nL1,2025-01-01T00:00:00.0001Z\n' },
      { 'lead.csv': 'Id,valid_from\n"",2025-01-01T00:00:00Z\nL2,""\n' },
      { 'engagement.csv': `${fixtures.ENGAGEMENT_HEADER}\nE1,Activation,,,,,\nE1,Activation,,,,2025-01-01T00:00:00Z,\nE1,Activation,,,,2025-01-02T00:00:00Z,\n` },
      // Near-miss values in every typed column, and text after a BOM and CRLF.
      { 'opportunity.csv': '\uFEFFId,valid_from,Probability,IsWon,CloseDate,Amount\r\nO1,2025-01-01T24:00:00Z,1_000,yes,2025-02-30,inf\r\nO2,2025-01-01,Infinity,1,2025-01-01T00:00:00Z, 1\r\n' },
      { 'lead.csv': 'Id,valid_from,NumberOfEmployees\nL1,2025-01-01T00:00:00Z,1.5\nL2,2025-01-01T00:00:00Z,9007199254740993\nL3,2025-01-01T00:00:00Z,1e400\n' },
      // A header that is not UTF-8 text; an unterminated quote in the header.
      { 'lead.csv': Buffer.concat([Buffer.from('Id,valid_from,T'), Buffer.from([0xe9]), Buffer.from('l\n')]) },
      { 'lead.csv': 'Id,"valid_from\nL1,2025-01-01T00:00:00Z\n' },
      // What DuckDB's reader takes leniently: trailing empty fields, spaces around a quoted
      // field, a quote in a column the schema ignores, a quote after a unit separator.
      { 'engagement.csv': 'Id,RecordType,CreatedDate\nE1,Activation,2025-01-01T00:00:00Z,\n' },
      { 'engagement.csv': 'Id,RecordType,CreatedDate\nE1,Activation,2025-01-01T00:00:00Z,,\n' },
      // … also before a CR in a file of LF lines, and in a file without a single quote.
      { 'engagement.csv': 'Id,RecordType,CreatedDate\nE1,Activation,2025-01-01T00:00:00Z,\r\nE2,Activation,2025-01-01T00:00:00Z\n' },
      { 'engagement.csv': 'Id,RecordType,CreatedDate\r\nE1,Activation,2025-01-01T00:00:00Z,,\r\n' },
      { 'engagement.csv': 'Id,RecordType,CreatedDate\nE1, "Activation",2025-01-01T00:00:00Z\n' },
      { 'engagement.csv': 'Id,RecordType,CreatedDate\nE1,"Activation" ,2025-01-01T00:00:00Z\n' },
      { 'lead.csv': 'Id,valid_from,valid_to\nL1,2025-01-01T00:00:00Z,20"25\n' },
      { 'contact.csv': 'Id,valid_from,Title\nC1,2025-01-01T00:00:00Z,W\u001fx a"b\n' },
    ];
    for (const files of cases) expect(isFailure(await agreeOn(files)), JSON.stringify(files)).toBe(true);
  });

  it('on JSON Lines, good and bad', async () => {
    const good: FolderFiles[] = [
      {
        'lead.jsonl':
          '\uFEFF{"Id":"L1","valid_from":"2025-01-01T00:00:00Z","valid_to":null,"Status":"Open","Score":-0,"NumberOfEmployees":1.0}\r\n' +
          '\n   \n' +
          '{"Id":"L\\u0032","valid_from":"2025-01-01T00:00:00+01:00","Country":null,"Interests":["AI","","Cloud"],"Email":"\\"q\\",\\n"}\n' +
          '{"Id":"L3","valid_from":"2025-01-01T00:00:00Z","Interests":[],"AnnualRevenue":1e300,"IsConverted":true}',
      },
      { 'engagement.jsonl': '{"Id":"E1","RecordType":"Activation","CreatedDate":"2025-01-01T00:00:00.123456789Z","OwnerId":"😀"}\n' },
      // valid_to on an object that is not versioned: a key the schema does not name, ignored.
      { 'engagement.jsonl': '{"Id":"E1","RecordType":"Activation","CreatedDate":"2025-01-01T00:00:00Z","valid_to":null}\n' },
    ];
    const bad: FolderFiles[] = [
      {
        'lead.jsonl': [
          '{"Id":"L1","valid_from":"2025-01-01T00:00:00Z","Status":1}',
          '{"Id":"L2","valid_from":1735689600000}',
          '{"Id":"L3","valid_from":"2025-01-01T00:00:00Z","IsConverted":"true"}',
          '{"Id":"L4","valid_from":"2025-01-01T00:00:00Z","Interests":["AI;Cloud"]}',
          '{"Id":"L5","valid_from":"2025-01-01T00:00:00Z","Interests":["AI",1]}',
          '{"Id":"L6","valid_from":"2025-01-01T00:00:00Z","NumberOfEmployees":1.5}',
          '{"Id":"L7","valid_from":"2025-01-01T00:00:00Z","NumberOfEmployees":9007199254740993}',
          '{"Id":"L8","valid_from":"2025-01-01T00:00:00Z","Status":{"a":1}}',
          '{"Id":"L9","valid_from":"2025-01-01T00:00:00Z","Score":[1]}',
          '{"Id":"L10","valid_from":""}',
          '"L11"',
          'null',
          '{"Id":"L12","valid_from":"2025-01-01"}',
        ].join('\n'),
      },
      { 'engagement.jsonl': '{"Id":"E1","CreatedDate":"2025-01-01T00:00:00Z"}\n{"Id":"E1","CreatedDate":"2025-01-01T01:00:00+01:00"}\n' },
      { 'engagement.jsonl': '{"Id":"E1","CreatedDate":"2025-01-01T00:00:00Z"} {"Id":"E2"}\n' },
    ];
    for (const files of good) expect(isFailure(await agreeOn(files)), JSON.stringify(files)).toBe(false);
    for (const files of bad) expect(isFailure(await agreeOn(files)), JSON.stringify(files)).toBe(true);
  });

  it('on Parquet of every physical type: timestamps (ms, µs, ns, with time zone), DATE, integers, DECIMAL, DOUBLE, lists', async () => {
    const opportunity: ParquetFixture = {
      table: 'opportunity',
      select: `SELECT * FROM (VALUES
         ('O1', TIMESTAMP_MS '2025-01-31 12:00:00.123', DATE '0001-01-01', 50::INTEGER, 1.15::DECIMAL(18,4), true),
         ('O2', TIMESTAMP_MS '1969-12-31 23:59:59.999', DATE '9999-12-31', NULL, 0.1::DECIMAL(18,4), false),
         ('O3', TIMESTAMP_MS '0001-01-01 00:00:00', DATE '2024-02-29', -7::INTEGER, 123456789012.3456::DECIMAL(18,4), NULL)
       ) t(Id, valid_from, CloseDate, Probability, Amount, IsWon)`,
    };
    const lead: ParquetFixture = {
      table: 'lead',
      select: `SELECT * FROM (VALUES
         ('L1', TIMESTAMP '1969-12-31 23:59:59.999999', 9007199254740991::BIGINT, 0.1::DOUBLE, ['AI', '', 'Cloud'], '2025-01-01T00:00:00+01:00'),
         ('L1', TIMESTAMP '2025-01-01 00:00:00.000001', -9007199254740991::BIGINT, -0.0::DOUBLE, []::VARCHAR[], NULL),
         ('L2', TIMESTAMP '9999-12-31 23:59:59.999999', NULL, 1e300::DOUBLE, NULL, '')
       ) t(Id, valid_from, NumberOfEmployees, Score, Interests, Email)`,
    };
    const contact: ParquetFixture = {
      table: 'contact',
      select: `SELECT * FROM (VALUES
         ('C1', TIMESTAMPTZ '2025-01-31 13:00:00.123999+01', 1::TINYINT, ['Data']),
         ('C2', TIMESTAMPTZ '0001-01-01 00:00:00+00', 2::SMALLINT, NULL),
         ('C3', TIMESTAMPTZ '1969-12-31 23:59:59.999999+00', NULL, ['Security', 'AI'])
       ) t(Id, valid_from, Score, Interests)`,
    };
    const engagement: ParquetFixture = {
      table: 'engagement',
      select: `SELECT * FROM (VALUES
         ('E1', TIMESTAMP_NS '2025-01-31 12:00:00.123456789', NULL::TIMESTAMP_NS, 'Activation'),
         ('E2', TIMESTAMP_NS '1969-12-31 23:59:59.999999999', TIMESTAMP_NS '2025-01-01 00:00:00.000000001', NULL)
       ) t(Id, CreatedDate, CompletionDate, RecordType)`,
    };
    for (const fixture of [opportunity, lead, contact, engagement]) {
      expect(isFailure(await agree(await parquetFolder(fixture))), fixture.select).toBe(false);
    }
  });

  it('on bad Parquet: the same problems, by row and column', async () => {
    const cases: ParquetFixture[] = [
      { table: 'lead', select: `SELECT 'L1' AS Id, TIMESTAMP '2025-01-01' AS valid_from, 1.5::DOUBLE AS NumberOfEmployees UNION ALL SELECT 'L2', TIMESTAMP '2025-01-01', 'inf'::DOUBLE` },
      { table: 'lead', select: `SELECT 'L1' AS Id, TIMESTAMP '2025-01-01' AS valid_from, 9007199254740992::BIGINT AS NumberOfEmployees` },
      { table: 'lead', select: `SELECT 'L1' AS Id, TIMESTAMP '2025-01-01' AS valid_from, ['AI;Cloud'] AS Interests UNION ALL SELECT 'L2', TIMESTAMP '2025-01-01', ['AI', NULL]` },
      { table: 'lead', select: `SELECT 'L1' AS Id, DATE '2025-01-01' AS valid_from` },
      { table: 'lead', select: `SELECT 'L1' AS Id, TIMESTAMP '2025-01-01' AS valid_from, true AS Status, 5 AS Email` },
      { table: 'lead', select: `SELECT 'L1' AS Id, '2025-01-01T00:00:00' AS valid_from, 'yes' AS IsConverted, '1,5' AS Score` },
      { table: 'lead', select: `SELECT 'L1' AS Id, TIMESTAMP '2025-01-01 00:00:00.0001' AS valid_from UNION ALL SELECT 'L1', TIMESTAMP '2025-01-01 00:00:00.0009'` },
      { table: 'engagement', select: `SELECT 'E1' AS Id, NULL::TIMESTAMP AS CreatedDate UNION ALL SELECT NULL, TIMESTAMP '2025-01-01'` },
      { table: 'opportunity', select: `SELECT 'O1' AS Id, TIMESTAMP '2025-01-01' AS valid_from, TIMESTAMP '2025-01-01' AS CloseDate, DATE '2025-01-01' AS IsWon` },
    ];
    for (const fixture of cases) expect(isFailure(await agree(await parquetFolder(fixture))), fixture.select).toBe(true);
  });

  it('reports problems across several files, in table order', async () => {
    const outcome = await agreeOn({
      'engagement.csv': `${fixtures.ENGAGEMENT_HEADER}\nE1,Activation,,,,nope,\n`,
      'lead.jsonl': '{"Id":"L1"}\n',
      'opportunity.csv': 'Id,valid_from,Amount\nO1,2025-01-01T00:00:00Z,NaN\n',
    });
    expect(isFailure(outcome)).toBe(true);
  });
});

describe('the native readers', () => {
  /** Rows and flagged rows of a native SELECT (it must not throw: a throw hands the file to JavaScript). */
  async function flags(select: string): Promise<[number, number]> {
    const reader = await session().connection.runAndReadAll(`SELECT count(*), count(*) FILTER (WHERE stagecraft_problem) FROM (${select})`);
    return reader.getRowsJS()[0]!.map(Number) as [number, number];
  }

  it('read valid JSON Lines themselves, multi-select as a string or an array', async () => {
    const dir = writeFolder(root, {
      'lead.jsonl':
        '{"Id":"L1","valid_from":"2025-01-01T00:00:00Z","Interests":"AI;Cloud"}\n' +
        '{"Id":"L2","valid_from":"2025-01-01T00:00:00Z","Interests":["AI","Cloud"],"Score":1.5}\n' +
        '{"Id":"L3","valid_from":"2025-01-01T00:00:00Z","Interests":null,"IsConverted":true}\n',
    });
    expect(await flags(jsonlSelectSql(join(dir, 'lead.jsonl'), tableLayout(schema, 'Lead')))).toEqual([3, 0]);
  });

  it('read valid typed Parquet themselves', async () => {
    const dir = await parquetFolder(fixtures.PARQUET_TYPED);
    const path = join(dir, 'lead.parquet');
    const described = await session().connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${literal(path)})`);
    const columns = described.getRowObjectsJS().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    const select = parquetSelectSql(path, tableLayout(schema, 'Lead'), columns);
    expect(select).not.toBeNull();
    expect(await flags(select!)).toEqual([2, 0]);
  });
});

describe('the DuckDB tables', () => {
  it('use the duckdb dialect\'s column type for every storage family', () => {
    const families: StorageFamily[] = ['text', 'number', 'boolean', 'date', 'datetime'];
    expect(Object.keys(DUCKDB_COLUMN_TYPES).sort()).toEqual([...families].sort());
    for (const family of families) expect(DUCKDB_COLUMN_TYPES[family], family).toBe(getDialect('duckdb').columnType(family));
  });
});
