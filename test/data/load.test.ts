import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, loadDataset, loadDatasetWithReport } from '../../src/data/load.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import {
  BAD_HEADER_CSV, BAD_JSONL, CUSTOM_SCHEMA_CSV, customLeadSchema, BAD_NUMBER_CSV, BAD_VALUES_CSV, CSV_SYNTAX_ERRORS, EMPTY_CSV, ENGAGEMENT_VALID_TO_CSV, LATIN1_CSV,
  MANY_PROBLEMS_CSV, MULTILINE_QUOTED_CSV, NORMALISED_CSV, TWO_FORMATS, TYPED_JSONL, VALID_TO_CSV, type FolderFiles,
} from '../support/data-fixtures.js';

const schema = loadDefaultSchema();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A data folder with the given files (name → content). */
function folder(files: FolderFiles): string {
  const dir = mkdtempSync(join(tmpdir(), 'stagecraft-load-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** The problem lines of the DataError a load throws, with the folder prefix removed. */
async function problems(dir: string): Promise<string[]> {
  try {
    await loadDataset(dir, schema);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    return e.message.split('\n').map((l) => l.replaceAll(`${dir}/`, ''));
  }
  throw new Error('expected a DataError');
}

describe('loadDataset: CSV', () => {
  it('normalises values and fills every schema field (null when absent)', async () => {
    const dir = folder(NORMALISED_CSV);
    const data = await loadDataset(dir, schema);
    expect(data.Engagement).toEqual([
      { Id: 'E1', RecordType: 'Activation', LeadId: 'L1', ContactId: null, OwnerId: 'U1', CreatedDate: '2025-01-01T08:00:00.000Z', CompletionDate: null },
    ]);
    expect(data.Lead[0]).toMatchObject({
      Id: 'L1',
      valid_from: '2025-01-01T08:00:00.123Z',
      OwnerId: 'U,1',
      Status: 'Open',
      Interests: 'AI;Cloud',
      Score: 1.5,
      IsConverted: true,
      Email: null,
      ConvertedContactId: null,
    });
    expect(Object.keys(data.Lead[0]!).sort()).toEqual([...Object.keys(schema.objects.Lead.fields), 'valid_from'].sort());
    expect(data.Contact).toEqual([]);
    expect(data.Opportunity).toEqual([]);
  });

  it('a missing table file is an empty table, and the report says which file was read', async () => {
    const dir = folder({ 'opportunity.csv': 'Id,valid_from\nO1,2025-01-01T00:00:00Z\n' });
    const report = await loadDatasetWithReport(dir, schema);
    expect(report.sources.map((s) => [s.object, s.format, s.rows])).toEqual([
      ['Engagement', null, 0],
      ['Lead', null, 0],
      ['Contact', null, 0],
      ['Opportunity', 'csv', 1],
    ]);
  });

  it('reports every kind of bad value with file:line:col of the cell', async () => {
    const dir = folder(BAD_VALUES_CSV);
    expect(await problems(dir)).toEqual([
      "lead.csv:2:4: valid_from: instant '2025-01-01T00:00:00' has no UTC offset; add Z for UTC (e.g. 2025-01-01T00:00:00Z) or the offset it was recorded in, or name the zone of such instants with --timezone (e.g. --timezone UTC)",
      "lead.csv:3:35: Score: 'NaN' is not a finite number (NaN and infinities are bad data)",
      "lead.csv:4:36: IsConverted: expected true or false, found 'yes'",
      'lead.csv:5:1: missing required value for Id',
      'lead.csv:6:4: missing required value for valid_from',
      'lead.csv:8:1: duplicate key (Id "L1", valid_from "2025-01-01T00:00:00.000Z"); first seen at line 7',
      'lead.csv:9:25: expected 8 fields as in the header, found 3',
    ]);
  });

  it('reports duplicate and missing required columns at the header', async () => {
    const dir = folder(BAD_HEADER_CSV);
    expect(await problems(dir)).toEqual([
      'engagement.csv:1:1: missing required column "CreatedDate" for Engagement',
      'lead.csv:1:29: column "Id" appears twice in the header',
    ]);
  });

  it('ignores columns the schema does not name and lists them per file', async () => {
    const dir = folder({ 'lead.csv': 'Id,valid_from,Stauts,Extra__c\nL1,2025-01-01T00:00:00Z,x,y\n' });
    const { dataset, sources } = await loadDatasetWithReport(dir, schema);
    expect(dataset.Lead).toHaveLength(1);
    expect(dataset.Lead[0]).not.toHaveProperty('Extra__c');
    expect(sources.find((s) => s.object === 'Lead')?.ignoredColumns).toEqual(['Stauts', 'Extra__c']);
  });

  it('refuses a file without a column the definition reads, naming a near miss', async () => {
    const dir = folder({ 'lead.csv': 'Id,valid_from,Stauts\n', 'contact.csv': 'Id,valid_from,status\n' });
    const needed = { Lead: ['Status'], Contact: ['Status'] };
    let message = '';
    try {
      await loadDatasetWithReport(dir, schema, needed);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      message = e.message.replaceAll(`${dir}/`, '');
    }
    expect(message.split('\n')).toEqual([
      'lead.csv:1:1: missing column "Status" for Lead, which the definition reads; the file has "Stauts"',
      'contact.csv:1:1: missing column "Status" for Contact, which the definition reads; the file has "status" (column names are case-sensitive)',
    ]);
  });

  it('ignores a valid_to column on version tables (dbt snapshots, Fivetran history mode)', async () => {
    const { dataset, sources } = await loadDatasetWithReport(folder(VALID_TO_CSV), schema);
    expect(dataset.Lead[0]).not.toHaveProperty('valid_to');
    expect(sources.find((s) => s.object === 'Lead')?.ignoredColumns).toEqual([]);
    // On the engagement table, which has no versions, valid_to is an ordinary unknown column.
    const engagement = await loadDatasetWithReport(folder(ENGAGEMENT_VALID_TO_CSV), schema);
    expect(engagement.sources.find((s) => s.object === 'Engagement')?.ignoredColumns).toEqual(['valid_to']);
  });

  it('reports CSV syntax errors at the offending character', async () => {
    const dir = folder(CSV_SYNTAX_ERRORS);
    expect(await problems(dir)).toEqual([
      'contact.csv:2:28: CSV syntax: a quote inside an unquoted field (quote the whole field and double the quote: "a""b")',
      'contact.csv:3:36: CSV syntax: unexpected text after a closing quote (a quote inside a quoted field is written "")',
      'contact.csv:4:25: CSV syntax: unterminated quoted field (the closing " is missing)',
    ]);
  });

  it('keeps embedded newlines, doubled quotes and CRLF inside quoted text', async () => {
    const dir = folder(MULTILINE_QUOTED_CSV);
    const data = await loadDataset(dir, schema);
    expect(data.Contact[0]!.Title).toBe('Chief "Everything"\r\nOfficer, EMEA');
  });

  it('lists at most 20 problems and counts the rest', async () => {
    const dir = folder(MANY_PROBLEMS_CSV);
    const lines = await problems(dir);
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('… and 5 more problems');
  });

  it('rejects a file that is not UTF-8, an empty file, two formats for one table, and a folder without data', async () => {
    expect(await problems(folder(LATIN1_CSV))).toEqual([
      'contact.csv:2:35: the file is not valid UTF-8 text (save or export it as UTF-8)',
    ]);
    expect(await problems(folder(EMPTY_CSV))).toEqual([
      'lead.csv: the file is empty; a CSV table needs at least a header row of field names',
    ]);
    expect(await problems(folder(TWO_FORMATS))).toEqual([
      'lead.csv: the Lead table has several files (lead.csv, lead.jsonl); keep exactly one',
    ]);
    const empty = folder({ 'notes.txt': 'x' });
    await expect(loadDataset(empty, schema)).rejects.toThrow(/no data files found \(expected engagement\.csv, lead\.csv, contact\.csv, opportunity\.csv/);
    await expect(loadDataset(join(empty, 'nope'), schema)).rejects.toThrow(/cannot open the data folder \(ENOENT\)/);
  });

  it('exposes file, line and column of the first problem on the error', async () => {
    const dir = folder(BAD_NUMBER_CSV);
    const error = await loadDataset(dir, schema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error).toMatchObject({ file: join(dir, 'opportunity.csv'), line: 2, column: 25 });
  });
});

describe('loadDataset: JSON Lines', () => {
  it('reads typed values; multi-select as string or array; empty text and missing keys are null', async () => {
    const dir = folder(TYPED_JSONL);
    const data = await loadDataset(dir, schema);
    expect(data.Lead.map((r) => [r.valid_from, r.Status, r.Interests, r.Score, r.IsConverted, r.Email])).toEqual([
      ['2025-01-01T08:00:00.000Z', 'Open', 'AI;Cloud', 2, false, null],
      ['2025-01-02T00:00:00.000Z', null, 'Data', null, null, null],
    ]);
  });

  it('points at the value of the offending key', async () => {
    const dir = folder(BAD_JSONL);
    expect(await problems(dir)).toEqual([
      "opportunity.jsonl:1:62: Probability: expected a number, found the string '50'",
      "opportunity.jsonl:3:60: CloseDate: '2025-02-30' is not a valid date: day must be 01–28 in that month",
      'opportunity.jsonl:4:57: Amount: number too large (beyond the range of a double)',
      'opportunity.jsonl:5:1: missing required value for Id',
      'opportunity.jsonl:6:7: duplicate key (Id "O1", valid_from "2025-01-01T00:00:00.000Z"); first seen at line 1',
      'opportunity.jsonl:7:1: expected a JSON object per line',
      expect.stringMatching(/^opportunity\.jsonl:8:\d+: invalid JSON: /),
      'opportunity.jsonl:9:17: key "Id" appears twice in the object',
    ]);
  });
});

describe('loadDataset: a customer schema', () => {
  it('uses the schema\'s table names and role fields (valid-from column, required fields)', async () => {
    const custom = customLeadSchema(schema);
    const dir = folder(CUSTOM_SCHEMA_CSV);
    const error = await loadDataset(dir, custom).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).problems.map((p) => [p.line, p.column, p.message])).toEqual([[3, 4, 'missing required value for dbt_valid_from']]);
    const ok = folder({ 'lead_history.csv': 'Id,dbt_valid_from,Current_Activation__c\nL1,2025-01-01T00:00:00Z,E1\n' });
    expect((await loadDataset(ok, custom)).Lead).toEqual([expect.objectContaining({ Id: 'L1', dbt_valid_from: '2025-01-01T00:00:00.000Z', Current_Activation__c: 'E1' })]);
  });
});
