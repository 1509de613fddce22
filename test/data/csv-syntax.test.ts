/**
 * The byte search that lets a CSV file skip the line-by-line syntax check
 * (src/data/duckdb/csv-syntax.ts): it must find every byte a suspect line can hold — a quote,
 * a CR, a comma ending a line — wherever it falls, across the reader's 1 MiB pieces too, or
 * a malformed line DuckDB was lenient about would be read as data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvHasSuspectBytes } from '../../src/data/duckdb/csv-syntax.js';

const dir = mkdtempSync(join(tmpdir(), 'stagecraft-csv-syntax-'));
let files = 0;
function fileOf(text: string): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, text, 'latin1');
  return path;
}

/** The oracle: the suspect-line test of `csvLinesWellFormed`, applied to every line. */
function anyLineSuspect(text: string): boolean {
  return text.split('\n').some((line) => line.includes('"') || line.includes('\r') || line.endsWith(','));
}

const PIECE = 1 << 20;

describe('csvHasSuspectBytes', () => {
  it('finds no suspect in an export without quotes, CRs or trailing commas', async () => {
    expect(await csvHasSuspectBytes(fileOf('Id,Name\n1,a\n2,b\n'))).toBe(false);
    expect(await csvHasSuspectBytes(fileOf(''))).toBe(false);
  });

  it.each([
    ['a quote', 'Id,Name\n1,"a"\n'],
    ['a quote inside a field', 'Id,Name\n1,a"b\n'],
    ['a CR line end', 'Id,Name\r\n1,a\r\n'],
    ['a trailing comma', 'Id,Name\n1,a,\n'],
    ['a trailing comma at the end of the file', 'Id,Name\n1,a,'],
  ])('finds %s', async (_, text) => {
    expect(anyLineSuspect(text)).toBe(true);
    expect(await csvHasSuspectBytes(fileOf(text))).toBe(true);
  });

  it('finds a comma and its LF split between two pieces', async () => {
    const filler = 'x'.repeat(PIECE - 1);
    expect(await csvHasSuspectBytes(fileOf(`${filler},\nmore\n`))).toBe(true);
    expect(await csvHasSuspectBytes(fileOf(`${filler}y\n,more\n`))).toBe(false);
  });

  it('finds a suspect byte in any piece of a large file', async () => {
    const clean = 'a,b\n'.repeat(PIECE / 2); // two pieces' worth
    expect(await csvHasSuspectBytes(fileOf(clean))).toBe(false);
    expect(await csvHasSuspectBytes(fileOf(`${clean}"q"\n`))).toBe(true);
    expect(await csvHasSuspectBytes(fileOf(`${clean}c,\n`))).toBe(true);
  });

  it('agrees with the line test on every text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', ',', '\n', '"', '\r', ' '), { maxLength: 40 }), async (chars) => {
        const text = chars.join('');
        expect(await csvHasSuspectBytes(fileOf(text))).toBe(anyLineSuspect(text));
      }),
      { numRuns: 300 },
    );
  });
});
