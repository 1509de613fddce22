/**
 * Data folders shared by the loader tests: test/data/load.test.ts and parquet.test.ts pin the
 * JavaScript loader's rows and messages on them, test/data/duckdb-load.test.ts holds the
 * DuckDB loader to the same rows and messages. A folder is `{ file name: content }`; Parquet
 * files are given as the DuckDB SELECT that writes them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSchema } from '../../src/schema/load.js';
import type { Schema } from '../../src/schema/types.js';

export type FolderFiles = Readonly<Record<string, string | Buffer>>;

/** Writes the files into a fresh folder below `root` and returns the folder. */
export function writeFolder(root: string, files: FolderFiles): string {
  const dir = mkdtempSync(join(root, 'd-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

export const ENGAGEMENT_HEADER = 'Id,RecordType,LeadId,ContactId,OwnerId,CreatedDate,CompletionDate';
export const LEAD_HEADER = 'Id,valid_from,OwnerId,CurrentActivationId,Status,Interests,Score,IsConverted';

/** BOM, CRLF, an offset, sub-millisecond digits, a quoted comma, multi-select, TRUE. */
export const NORMALISED_CSV: FolderFiles = {
  'engagement.csv': `\uFEFF${ENGAGEMENT_HEADER}\r\nE1,Activation,L1,,U1,2025-01-01T10:00:00+02:00,\r\n`,
  'lead.csv': `${LEAD_HEADER}\nL1,2025-01-01T08:00:00.123456Z,"U,1",E1,Open,AI;Cloud,1.5,TRUE\n`,
};

/** Every kind of bad value in one lead.csv (the comments give the column of each). */
export const BAD_VALUES_CSV: FolderFiles = {
  'lead.csv': [
    LEAD_HEADER,
    'L1,2025-01-01T00:00:00,U1,,Open,,,', // offset-less instant (col 4)
    'L2,2025-01-01T00:00:00Z,U1,,Open,,NaN,', // NaN (col 35)
    'L3,2025-01-01T00:00:00Z,U1,,Open,,,yes', // boolean (col 36)
    ',2025-01-01T00:00:00Z,U1,,Open,,,', // missing Id (col 1)
    'L5,,U1,,Open,,,', // missing valid_from (col 4)
    'L1,2025-01-01T00:00:00Z,U1,,Open,,,',
    'L1,2025-01-01T01:00:00+01:00,U1,,Open,,,', // duplicate (Id, valid_from) after normalising
    'L8,2025-01-01T00:00:00Z,U1', // too few fields
    '',
  ].join('\n'),
};

/** Unknown (misspelt, wrong case), duplicated and missing required columns. */
export const BAD_HEADER_CSV: FolderFiles = {
  'lead.csv': 'Id,valid_from,Stauts,status,Id\n',
  'engagement.csv': 'Id,RecordType\n',
};

export const VALID_TO_CSV: FolderFiles = { 'lead.csv': 'Id,valid_from,valid_to\nL1,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z\n' };
/** valid_to on an object that is not versioned: a column the schema does not name, ignored. */
export const ENGAGEMENT_VALID_TO_CSV: FolderFiles = { 'engagement.csv': `${ENGAGEMENT_HEADER},valid_to\n` };

export const CSV_SYNTAX_ERRORS: FolderFiles = {
  'contact.csv':
    'Id,valid_from,Title\nC1,2025-01-01T00:00:00Z,VP "Sales"\nC2,2025-01-01T00:00:00Z,"VP, Sales"x\nC3,2025-01-01T00:00:00Z,"unterminated\n',
};

/** A quoted field with doubled quotes and a CRLF inside it. */
export const MULTILINE_QUOTED_CSV: FolderFiles = {
  'contact.csv': 'Id,valid_from,Title\r\nC1,2025-01-01T00:00:00Z,"Chief ""Everything""\r\nOfficer, EMEA"\r\n',
};

/** 25 bad instants: 20 listed, 5 counted. */
export const MANY_PROBLEMS_CSV: FolderFiles = {
  'lead.csv': `Id,valid_from\n${Array.from({ length: 25 }, (_, i) => `L${i},not-a-date`).join('\n')}\n`,
};

export const LATIN1_CSV: FolderFiles = {
  'contact.csv': Buffer.concat([Buffer.from('Id,valid_from,Title\nC1,2025-01-01T00:00:00Z,Direktor f'), Buffer.from([0xfc]), Buffer.from('r IT\n')]),
};
export const EMPTY_CSV: FolderFiles = { 'lead.csv': '' };
export const TWO_FORMATS: FolderFiles = { 'lead.csv': 'Id,valid_from\n', 'lead.jsonl': '' };
export const BAD_NUMBER_CSV: FolderFiles = { 'opportunity.csv': 'Id,valid_from,Probability\nO1,2025-01-01T00:00:00Z,high\n' };

export const TYPED_JSONL: FolderFiles = {
  'lead.jsonl': [
    '{"Id":"L1","valid_from":"2025-01-01T09:00:00+01:00","Status":"Open","Interests":["AI","Cloud"],"Score":2,"IsConverted":false,"Email":""}',
    '',
    '{"Id":"L1","valid_from":"2025-01-02T00:00:00.000999Z","Status":"","Interests":"Data"}\r',
  ].join('\n'),
};

export const BAD_JSONL: FolderFiles = {
  'opportunity.jsonl': [
    '{"Id":"O1","valid_from":"2025-01-01T00:00:00Z","Probability":"50"}',
    '{"Id":"O2", "valid_from": "2025-01-01T00:00:00Z", "Stage": "Open"}',
    '{"Id":"O3","valid_from":"2025-01-01T00:00:00Z","CloseDate":"2025-02-30"}',
    '{"Id":"O4","valid_from":"2025-01-01T00:00:00Z","Amount":1e999}',
    '{"valid_from":"2025-01-01T00:00:00Z"}',
    '{"Id":"O1","valid_from":"2025-01-01T00:00:00.000Z"}',
    '["O7"]',
    '{"Id":"O8",',
    '{"Id":"O9","Id":"O9b","valid_from":"2025-01-01T00:00:00Z"}',
  ].join('\n'),
};

/** Parquet tables: the file name and the DuckDB SELECT that writes it. */
export interface ParquetFixture {
  readonly table: string;
  readonly select: string;
}

export const PARQUET_TYPED: ParquetFixture = {
  table: 'lead',
  select: `SELECT * FROM (VALUES
     ('L1', TIMESTAMPTZ '2025-01-31 13:00:00.123456+01', 'Open', ['AI', 'Cloud'], 12::BIGINT, 1.25::DECIMAL(10,2), 2.5::DOUBLE, true, ''),
     ('L1', TIMESTAMPTZ '2025-02-01 00:00:00+00', NULL, NULL, NULL, NULL, NULL, NULL, 'x@y.example')
   ) t(Id, valid_from, Status, Interests, NumberOfEmployees, AnnualRevenue, Score, IsConverted, Email)`,
};

export const PARQUET_LOCAL_TIMESTAMPS: ParquetFixture = {
  table: 'opportunity',
  select: `SELECT 'O1' AS Id, TIMESTAMP_NS '1969-12-31 23:59:59.999999999' AS valid_from, DATE '2024-02-29' AS CloseDate
   UNION ALL SELECT 'O2', TIMESTAMP '2025-01-31 12:00:00.000999', NULL`,
};

export const PARQUET_TEXT_COLUMNS: ParquetFixture = {
  table: 'engagement',
  select: `SELECT 'E1' AS Id, '2025-01-31T12:00:00+02:00' AS CreatedDate, 'Activation' AS RecordType`,
};

export const PARQUET_PROBLEMS: ParquetFixture = {
  table: 'opportunity',
  select: `SELECT * FROM (VALUES
     ('O1', TIMESTAMP '2025-01-01 00:00:00', 'NaN'::DOUBLE, DATE '2025-01-01', 'x'),
     ('O1', TIMESTAMP '2025-01-01 00:00:00', 10, NULL, 'x'),
     (NULL, TIMESTAMP '2025-01-01 00:00:00', 10, NULL, 'x')
   ) t(Id, valid_from, Probability, IsWon, Stage)`,
};

export const NOT_PARQUET: FolderFiles = { 'lead.parquet': 'Id,valid_from\n' };

/** `schema` with the Lead table renamed and its valid-from and current-activation fields named otherwise. */
export function customLeadSchema(schema: Schema): Schema {
  const json = JSON.parse(JSON.stringify(schema)) as { objects: Record<string, { table: string; roles: Record<string, string>; fields: Record<string, unknown> }> };
  const lead = json.objects.Lead!;
  lead.table = 'lead_history';
  lead.roles.validFrom = 'dbt_valid_from';
  lead.roles.currentActivation = 'Current_Activation__c';
  lead.fields.Current_Activation__c = lead.fields.CurrentActivationId;
  delete lead.fields.CurrentActivationId;
  return validateSchema(json);
}

/** For `customLeadSchema`: a missing valid-from on line 3. */
export const CUSTOM_SCHEMA_CSV: FolderFiles = {
  'lead_history.csv': 'Id,dbt_valid_from,Current_Activation__c\nL1,2025-01-01T00:00:00Z,E1\nL1,,E1\n',
};
