/**
 * The CSV syntax scan that runs beside DuckDB's reader (src/data/duckdb/csv-syntax.ts) against
 * DuckDB's own line-by-line check, the reference: on every file the scan does not leave to
 * DuckDB, both call it well-formed or both malformed — wherever the suspect bytes fall, across
 * the scan's 1 MiB pieces too. A scan that missed a malformed line would let a line DuckDB
 * was lenient about be read as data.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLinesWellFormed, scanCsvSyntax } from '../../src/data/duckdb/csv-syntax.js';
import { duckDbSessionPerFile } from '../support/duckdb-session.js';

const { root, session } = duckDbSessionPerFile('stagecraft-csv-syntax-');
let files = 0;
function fileOf(text: string): string {
  const path = join(root, `f${files++}.csv`);
  writeFileSync(path, text, 'utf8');
  return path;
}

async function duckDbSays(path: string, fields: number): Promise<'well-formed' | 'malformed'> {
  return (await csvLinesWellFormed(session().connection, path, fields)) ? 'well-formed' : 'malformed';
}

const PIECE = 1 << 20;

describe('scanCsvSyntax', () => {
  it.each([
    ['an export without quotes or trailing commas', 'Id,Name\n1,a\n2,b\n', 'well-formed'],
    ['an empty file', '', 'well-formed'],
    ['quoted fields', 'Id,Name\n1,"a, b"\n"2","say ""hi"""\n', 'well-formed'],
    ['an empty last field', 'Id,Name\n1,\n', 'well-formed'],
    ['an empty last field at the end of the file', 'Id,Name\n1,', 'well-formed'],
    ['a quote inside an unquoted field', 'Id,Name\n1,a"b\n', 'malformed'],
    ['text after a closing quote', 'Id,Name\n1,"a"b\n', 'malformed'],
    ['a space before an opening quote', 'Id,Name\n1, "a"\n', 'malformed'],
    ['a trailing empty field too many', 'Id,Name\n1,a,\n', 'malformed'],
    ['a trailing empty field too many at the end of the file', 'Id,Name\n1,a,', 'malformed'],
    ['a quoted field spanning lines', 'Id,Name\n1,"a\nb"\n', 'malformed'],
  ])('%s', async (_, text, expected) => {
    const path = fileOf(text);
    expect(await scanCsvSyntax(path, 2)).toBe(expected);
    expect(await duckDbSays(path, 2)).toBe(expected);
  });

  it('leaves files with CR line ends to DuckDB', async () => {
    expect(await scanCsvSyntax(fileOf('Id,Name\r\n1,a\r\n'), 2)).toBe('ask-duckdb');
  });

  it('leaves a line longer than its buffer to DuckDB', async () => {
    expect(await scanCsvSyntax(fileOf(`Id,Name\n1,${'x'.repeat(PIECE + 10)}\n`), 2)).toBe('ask-duckdb');
  });

  it('judges lines wherever the pieces of the file end', async () => {
    const clean = 'a,b\n'.repeat(PIECE / 4 + 3); // a little over a piece
    expect(await scanCsvSyntax(fileOf(clean), 2)).toBe('well-formed');
    expect(await scanCsvSyntax(fileOf(`${clean}"q",r\n`), 2)).toBe('well-formed');
    expect(await scanCsvSyntax(fileOf(`${clean}c,d,\n`), 2)).toBe('malformed');
    expect(await scanCsvSyntax(fileOf(`${clean}c,d"\n`), 2)).toBe('malformed');
    // A line cut in two by the end of the first piece.
    const filler = `${'x'.repeat(PIECE - 6)}\n`;
    expect(await scanCsvSyntax(fileOf(`${filler}ab,"c",d\n`), 3)).toBe('well-formed');
    expect(await scanCsvSyntax(fileOf(`${filler}ab,"c"d\n`), 2)).toBe('malformed');
  });

  it('agrees with DuckDB on every file it judges (property)', async () => {
    const line = fc.array(fc.constantFrom('a', ',', '"', ' ', 'é'), { maxLength: 12 }).map((cs) => cs.join(''));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 6 }), fc.boolean(), fc.integer({ min: 1, max: 4 }), async (lines, finalLf, fields) => {
        const text = lines.join('\n') + (finalLf && lines.length > 0 ? '\n' : '');
        const path = fileOf(text);
        const verdict = await scanCsvSyntax(path, fields);
        if (verdict !== 'ask-duckdb') expect(verdict).toBe(await duckDbSays(path, fields));
      }),
      { numRuns: 400 },
    );
  });
});
