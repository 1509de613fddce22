/**
 * `stages run --out` on damaged data: each fault is a clear message naming the file (and the
 * line and column where it has one), a failure exit code — never 70, never a stack trace — and
 * nothing written. Encodings real exports produce (a BOM, CRLF) and a header-only file are not
 * faults: they give the stamps of the clean files.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFINITION = join(ROOT, 'examples/default.stages');
const TABLES = ['engagement', 'lead', 'contact', 'opportunity'] as const;
const work = mkdtempSync(join(tmpdir(), 'stagecraft-data-faults-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The first rows of each acme table: a small clean dataset. */
const clean = Object.fromEntries(
  TABLES.map((table) => [table, readFileSync(join(ROOT, 'examples/acme', `${table}.csv`), 'utf8').split('\n').slice(0, 40).join('\n') + '\n']),
) as Record<(typeof TABLES)[number], string>;
const leadHeader = clean.lead.split('\n')[0]!;

/** A data folder with the clean tables, `lead.csv` replaced by `lead` (or left out when null) and `extra` files added. */
function mkdataset(lead: string | Buffer | null, extra: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(work, 'data-'));
  for (const table of TABLES) if (table !== 'lead') writeFileSync(join(dir, `${table}.csv`), clean[table]);
  if (lead !== null) writeFileSync(join(dir, 'lead.csv'), lead);
  for (const [name, content] of Object.entries(extra)) writeFileSync(join(dir, name), content);
  return dir;
}

async function runOn(data: string) {
  const out = join(data, 'stamps.csv');
  const result = await runCli(['run', DEFINITION, '--data', data, '--out', out, '--quiet']);
  return { ...result, written: existsSync(out) ? readFileSync(out, 'utf8') : null };
}

let expected = '';
beforeAll(async () => {
  const result = await runOn(mkdataset(clean.lead));
  expect(result.code, result.err).toBe(0);
  expected = result.written!;
});

describe('data faults end in a clear error and write nothing', () => {
  const secondRow = clean.lead.split('\n')[1]!;
  const faults: [string, () => Promise<string> | string, RegExp][] = [
    ['a file cut mid-row', () => mkdataset(clean.lead.slice(0, clean.lead.indexOf('\n', clean.lead.length / 2) - 30)), /lead\.csv:\d+/],
    ['invalid UTF-8', () => mkdataset(Buffer.concat([Buffer.from(`${leadHeader}\n`), Buffer.from(secondRow.replace('Web', 'W\xffb'), 'latin1'), Buffer.from('\n')])), /lead\.csv/],
    ['a NUL byte in the header', () => mkdataset(`${leadHeader.replace('Status', 'Sta\u0000tus')}\n${secondRow}\n`), /lead\.csv:1:\d+/],
    ['an empty file', () => mkdataset(''), /lead\.csv/],
    ['a row of 10,000 cells', () => mkdataset(`${leadHeader}\n${secondRow}${','.repeat(10_000)}\n`), /lead\.csv:2/],
    ['a JSON Lines line that is not an object', () => mkdataset(null, { 'lead.jsonl': `{"Id": "00Q1", "valid_from": "2025-01-01T00:00:00Z"}\n[1, 2]\n` }), /lead\.jsonl:2/],
    [
      'a Parquet file with wrong column types',
      async () => {
        const data = mkdataset(null);
        const instance = await DuckDBInstance.create(':memory:');
        const connection = await instance.connect();
        await connection.run(`COPY (SELECT 42 AS Id, true AS valid_from, 'x' AS Status) TO '${join(data, 'lead.parquet')}' (FORMAT parquet)`);
        connection.closeSync();
        instance.closeSync();
        return data;
      },
      /lead\.parquet/,
    ],
  ];
  for (const [name, make, where] of faults) {
    it(name, async () => {
      const result = await runOn(await make());
      expect(result.code, result.err).toBe(1);
      expect(result.err).toMatch(where);
      expect(result.err).not.toMatch(/\n\s+at |internal error/);
      expect(result.written).toBeNull();
    });
  }
});

describe('what real exports contain is not a fault', () => {
  const cases: [string, string | Buffer][] = [
    ['a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(clean.lead)])],
    ['CRLF line ends', clean.lead.replaceAll('\n', '\r\n')],
  ];
  for (const [name, lead] of cases) {
    it(`${name}: the same stamps as the clean file`, async () => {
      const result = await runOn(mkdataset(lead));
      expect(result.code, result.err).toBe(0);
      expect(result.written).toBe(expected);
    });
  }

  it('a header-only file is an empty table', async () => {
    const result = await runOn(mkdataset(`${leadHeader}\n`));
    expect(result.code, result.err).toBe(0);
    expect(result.written?.split('\n')[0]).toBe('object,record_id,stage,label,stage_date,owner_id,inferred');
  });
});
