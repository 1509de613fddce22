import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError, loadDataset } from '../../src/data/load.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import {
  NOT_PARQUET, PARQUET_LOCAL_TIMESTAMPS, PARQUET_PROBLEMS, PARQUET_TEXT_COLUMNS, PARQUET_TYPED, writeFolder, type ParquetFixture,
} from '../support/data-fixtures.js';

const schema = loadDefaultSchema();
const root = mkdtempSync(join(tmpdir(), 'stagecraft-parquet-'));
let instance: DuckDBInstance;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
});
afterAll(() => {
  instance.closeSync();
  rmSync(root, { recursive: true, force: true });
});

/** Writes `<table>.parquet` from a DuckDB SELECT into a fresh folder and returns the folder. */
async function parquetFolder({ table, select }: ParquetFixture): Promise<string> {
  const dir = mkdtempSync(join(root, 'd-'));
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (${select}) TO '${join(dir, `${table}.parquet`)}' (FORMAT parquet)`);
  } finally {
    connection.closeSync();
  }
  return dir;
}

async function problems(dir: string): Promise<string[]> {
  const error = await loadDataset(dir, schema).catch((e: unknown) => e);
  if (!(error instanceof DataError)) throw new Error(`expected a DataError, got ${String(error)}`);
  return error.message.split('\n').map((l) => l.replaceAll(`${dir}/`, ''));
}

describe('loadDataset: Parquet', () => {
  it('maps physical and logical types to normalised values', async () => {
    const dir = await parquetFolder(PARQUET_TYPED);
    const data = await loadDataset(dir, schema);
    expect(data.Lead.map((r) => [r.valid_from, r.Status, r.Interests, r.NumberOfEmployees, r.AnnualRevenue, r.Score, r.IsConverted, r.Email])).toEqual([
      ['2025-01-31T12:00:00.123Z', 'Open', 'AI;Cloud', 12, 1.25, 2.5, true, null],
      ['2025-02-01T00:00:00.000Z', null, null, null, null, null, null, 'x@y.example'],
    ]);
  });

  it('reads local TIMESTAMP (micro and nanosecond) as UTC, truncating to the millisecond, and DATE', async () => {
    const dir = await parquetFolder(PARQUET_LOCAL_TIMESTAMPS);
    const data = await loadDataset(dir, schema);
    expect(data.Opportunity.map((r) => [r.Id, r.valid_from, r.CloseDate])).toEqual([
      ['O1', '1969-12-31T23:59:59.999Z', '2024-02-29'],
      ['O2', '2025-01-31T12:00:00.000Z', null],
    ]);
  });

  it('reads text columns like CSV cells (ISO instants and numbers in VARCHAR)', async () => {
    const dir = await parquetFolder(PARQUET_TEXT_COLUMNS);
    const data = await loadDataset(dir, schema);
    expect(data.Engagement[0]).toMatchObject({ Id: 'E1', CreatedDate: '2025-01-31T10:00:00.000Z', RecordType: 'Activation' });
  });

  it('names the row and column of every problem', async () => {
    const dir = await parquetFolder(PARQUET_PROBLEMS);
    expect(await problems(dir)).toEqual([
      "opportunity.parquet: row 1, column 'Probability': Probability: NaN is not a finite number (NaN and infinities are bad data)",
      "opportunity.parquet: row 1, column 'IsWon': IsWon: a boolean field cannot hold a DATE",
      'opportunity.parquet: row 2, column \'Id\': duplicate key (Id "O1", valid_from "2025-01-01T00:00:00.000Z"); first seen at row 1',
      "opportunity.parquet: row 3, column 'Id': missing required value for Id",
    ]);
  });

  it('reports a file that is not Parquet', async () => {
    const dir = writeFolder(root, NOT_PARQUET);
    expect((await problems(dir))[0]).toMatch(/^lead\.parquet: cannot read Parquet: /);
  });
});
