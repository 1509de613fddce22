/**
 * `stages run` on data files at scale and as a real process: a bad cell or a duplicate key at
 * the end of a million-row CSV is reported at its exact line (and nothing is written); a closed
 * stdout (`| head -1`) ends `run` and `compile` quietly; the engines give byte-identical CSV
 * from the acme dataset as CSV, Parquet and JSON Lines.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableLayouts } from '../../src/data/duckdb/layout.js';
import { loadDatasetIntoDuckDb } from '../../src/data/duckdb/load.js';
import { openDuckDbSession } from '../../src/data/duckdb/session.js';
import { ident, literal } from '../../src/data/duckdb/sql-text.js';
import { loadDefaultSchema } from '../../src/schema/load.js';
import { datasetColumnsSql } from '../support/duckdb-session.js';
import { deepPgUrl } from '../support/pg.js';
import { runCli, type CliResult } from '../support/cli.js';

const DEFINITION = 'examples/default.stages';
const ACME = 'examples/acme';
const root = mkdtempSync(join(tmpdir(), 'stagecraft-run-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (...argv: string[]): Promise<CliResult> => runCli(['run', ...argv]);

const ENGAGEMENT = 'Id,RecordType,CreatedDate,CompletionDate\nE1,Activation,2025-01-01T00:00:00Z,\n';

/**
 * A data folder whose lead.csv has a header and 1,000,000 data rows (lines 2 … 1,000,001);
 * `line(n)` gives the text of file line n up to its last column, Status, which stays empty.
 */
async function millionRowFolder(line: (n: number) => string): Promise<string> {
  const dir = mkdtempSync(join(root, 'large-'));
  const engagement = createWriteStream(join(dir, 'engagement.csv'));
  engagement.end(ENGAGEMENT);
  await once(engagement, 'finish');
  const out = createWriteStream(join(dir, 'lead.csv'));
  out.write('Id,valid_from,CurrentActivationId,Status\n');
  const last = 1_000_001;
  for (let start = 2; start <= last; start += 10_000) {
    const lines: string[] = [];
    for (let n = start; n < Math.min(start + 10_000, last + 1); n++) lines.push(`${line(n)},`);
    if (!out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return dir;
}

/** A valid lead version for file line n: its own Id, one instant per second. */
const leadLine = (n: number): string => `L${n},${new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString()},E1`;

describe('stages run on a million-row CSV', () => {
  it('reports a bad cell on line 1,000,000 at its column, exits 1 and writes nothing', async () => {
    const dir = await millionRowFolder((n) => (n === 1_000_000 ? `L${n},2025-13-01T00:00:00Z,E1` : leadLine(n)));
    const outDir = mkdtempSync(join(root, 'out-'));
    const r = await run(DEFINITION, '--data', dir, '--out', join(outDir, 'stamps.csv'));
    expect(r.code).toBe(1);
    const col = 'L1000000,'.length + 1;
    expect(r.err).toContain(`${join(dir, 'lead.csv')}:1000000:${col}: valid_from: '2025-13-01T00:00:00Z' is not a valid instant: month must be 01–12`);
    expect(r.err.trimEnd().split('\n')).toHaveLength(2); // that problem, and "nothing was written"
    expect(r.err).toContain('nothing was written');
    expect(r.out).toBe('');
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('reports a duplicate (Id, valid_from) on line 1,000,001 with the line of its first occurrence', async () => {
    const first = 123_457;
    // The same instant spelt with an offset: a duplicate only after normalisation.
    const dir = await millionRowFolder((n) => (n === 1_000_001 ? `L${first},${leadLine(first).split(',')[1]!.replace('Z', '+00:00')},E1` : leadLine(n)));
    const outDir = mkdtempSync(join(root, 'out-'));
    const r = await run(DEFINITION, '--data', dir, '--out', join(outDir, 'stamps.csv'));
    expect(r.code).toBe(1);
    const instant = leadLine(first).split(',')[1]!;
    expect(r.err).toContain(`${join(dir, 'lead.csv')}:1000001:1: duplicate key (Id "L${first}", valid_from "${instant}"); first seen at line ${first}`);
    expect(readdirSync(outDir)).toEqual([]);
  });
});

/**
 * A data folder whose lead.csv holds `rows` versions (several MiB, so the bad byte lies beyond
 * what the header check reads) with one Country cell, on line `line`, of Latin-1 bytes.
 */
function latin1Folder(rows: number, line: number, column: 'Country' | 'Status'): string {
  const dir = mkdtempSync(join(root, 'latin1-'));
  writeFileSync(join(dir, 'engagement.csv'), ENGAGEMENT);
  const lines = ['Id,valid_from,CurrentActivationId,Status,Country'];
  for (let n = 2; n <= rows + 1; n++) lines.push(`${leadLine(n)},Open,Germany`);
  const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
  const at = bytes.indexOf(Buffer.from(`\n${leadLine(line)},`)) + 1;
  const cell = bytes.indexOf(Buffer.from(column === 'Country' ? ',Germany' : ',Open'), at) + 1;
  bytes[cell + 1] = 0xfc; // 'Germany' → 'G\xfcrmany', 'Open' → 'O\xfcen'
  writeFileSync(join(dir, 'lead.csv'), bytes);
  return dir;
}

describe('stages run on a CSV that is not UTF-8 past its first MiB', () => {
  // DuckDB's reader skipped the bytes of an unread column (the run succeeded) and failed with
  // an internal error that invalidated the database on a column it reads.
  it.each(['Country', 'Status'] as const)('reports the bad byte in %s at its line and column, on both engines', async (column) => {
    const dir = latin1Folder(100_000, 60_000, column);
    const col = `${leadLine(60_000)},`.length + (column === 'Country' ? 'Open,'.length : 0) + 2;
    for (const engine of ['duckdb', 'ts']) {
      const outDir = mkdtempSync(join(root, 'out-'));
      const r = await run(DEFINITION, '--data', dir, '--engine', engine, '--out', join(outDir, 'stamps.csv'));
      expect(r.code).toBe(1);
      expect(r.err).toBe(`${join(dir, 'lead.csv')}:60000:${col}: the file is not valid UTF-8 text (save or export it as UTF-8)\nstages: the data in ${dir} is invalid; nothing was written\n`);
      expect(readdirSync(outDir)).toEqual([]);
    }
  });
});

/** `node bin/stages.js ARGS | head -1` in bash with pipefail: the pipeline's status, stdout, stderr. */
function pipedToHead(args: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', `set -o pipefail; node bin/stages.js ${args} | head -1`], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('a closed stdout', () => {
  beforeAll(() => {
    if (!existsSync('dist/cli/main.js')) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  });

  it('ends stages run quietly (exit 0, no EPIPE, no stack trace)', () => {
    const r = pipedToHead(`run ${DEFINITION} --data ${ACME}`);
    expect(r.stdout).toBe('object,record_id,stage,label,stage_date,owner_id,inferred\n');
    expect(r.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('ends stages compile quietly', () => {
    const r = pipedToHead(`compile ${DEFINITION} --target sql --dialect duckdb`);
    expect(r.stdout.length).toBeGreaterThan(0);
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('engines agree from files', () => {
  let expected = '';
  const formats: Record<string, string> = {};

  beforeAll(async () => {
    const out = join(root, 'acme-duckdb.csv');
    const r = await run(DEFINITION, '--data', ACME, '--out', out, '--quiet');
    expect(r.code, r.err).toBe(0);
    expected = readFileSync(out, 'utf8');
    // The acme tables, loaded once, written as typed Parquet and as JSON Lines (instants as ISO text).
    const session = await openDuckDbSession();
    try {
      const schema = loadDefaultSchema();
      await loadDatasetIntoDuckDb(session.connection, ACME, schema);
      for (const format of ['parquet', 'jsonl'] as const) {
        const dir = join(root, `acme-${format}`);
        mkdirSync(dir);
        formats[format] = dir;
        for (const layout of tableLayouts(schema)) {
          const path = literal(join(dir, `${layout.table}.${format}`));
          const table = ident(layout.table);
          if (format === 'parquet') {
            await session.connection.run(`COPY ${table} TO ${path} (FORMAT parquet)`);
            continue;
          }
          await session.connection.run(`COPY (SELECT ${datasetColumnsSql(layout)} FROM ${table}) TO ${path} (FORMAT json)`);
        }
      }
    } finally {
      await session.close();
    }
  });

  for (const format of ['parquet', 'jsonl']) {
    for (const engine of ['duckdb', 'ts']) {
      it(`--engine ${engine} on acme as ${format} gives the CSV of --engine duckdb on acme as CSV`, async () => {
        const out = join(root, `acme-${format}-${engine}.csv`);
        const r = await run(DEFINITION, '--data', formats[format]!, '--engine', engine, '--out', out, '--quiet');
        expect(r.code, r.err).toBe(0);
        expect(readFileSync(out, 'utf8') === expected).toBe(true);
      });
    }
  }

  it('--engine postgres on acme as Parquet, when a PostgreSQL is available (STAGECRAFT_DEEP=1: it loads ~36,000 rows)', async () => {
    const url = deepPgUrl();
    if (url === null) return;
    const out = join(root, 'acme-parquet-pg.csv');
    const r = await run(DEFINITION, '--data', formats.parquet!, '--engine', 'postgres', '--url', url, '--out', out, '--quiet');
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(out, 'utf8') === expected).toBe(true);
  });
});
