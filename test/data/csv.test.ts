import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, readCsv, type CsvRecord, type CsvSyntaxError } from '../../src/data/csv.js';

const all = (text: string): (CsvRecord | CsvSyntaxError)[] => [...readCsv(text)];
const texts = (text: string): string[][] =>
  all(text).map((r) => {
    if (r.kind === 'error') throw new Error(`${r.line}:${r.column}: ${r.message}`);
    return r.cells.map((c) => c.text);
  });

describe('readCsv', () => {
  it('reads plain records with LF, CRLF and a lone CR, and a missing final newline', () => {
    expect(texts('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(texts('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(texts('a,b\r1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps empty cells, including a trailing one', () => {
    expect(texts('a,,c\n,,\nx,y,\n')).toEqual([['a', '', 'c'], ['', '', ''], ['x', 'y', '']]);
  });

  it('handles quoted fields: commas, doubled quotes, embedded LF and CRLF', () => {
    expect(texts('"a,b","say ""hi""","line1\nline2","x\r\ny"\n')).toEqual([['a,b', 'say "hi"', 'line1\nline2', 'x\r\ny']]);
    expect(texts('"",x\n')).toEqual([['', 'x']]);
  });

  it('skips a UTF-8 BOM without counting it as a column', () => {
    const [header] = all('\uFEFFId,Name\n') as CsvRecord[];
    expect(header!.cells.map((c) => [c.text, c.column])).toEqual([['Id', 1], ['Name', 4]]);
  });

  it('tracks 1-based line and column of every cell, across quoted line breaks', () => {
    const records = all('a,b\n"x\ny",z\n1,2\n') as CsvRecord[];
    expect(records[1]!.line).toBe(2);
    expect(records[1]!.cells.map((c) => [c.line, c.column])).toEqual([[2, 1], [3, 4]]);
    expect(records[2]!.line).toBe(4);
  });

  it('counts columns in characters: an emoji (surrogate pair) is one column', () => {
    const [record] = all('\u{1F600}\u{1F600},b\n') as CsvRecord[];
    expect(record!.cells[1]!.column).toBe(4);
  });

  it('skips blank lines', () => {
    expect(texts('a\n\n\r\nb\n')).toEqual([['a'], ['b']]);
  });

  it('reports an unterminated quote at the opening quote', () => {
    expect(all('a,b\n1,"oops\n2,3\n')).toEqual([
      { kind: 'record', line: 1, cells: expect.any(Array) },
      { kind: 'error', line: 2, column: 3, message: expect.stringContaining('unterminated') },
    ]);
  });

  it('reports a quote inside an unquoted field and resumes at the next line', () => {
    const result = all('ab"c,d\nok,1\n');
    expect(result[0]).toEqual({ kind: 'error', line: 1, column: 3, message: expect.stringContaining('quote inside an unquoted field') });
    expect(result[1]).toMatchObject({ kind: 'record', line: 2 });
  });

  it('reports text after a closing quote', () => {
    expect(all('"ab"c,d\n')[0]).toEqual({ kind: 'error', line: 1, column: 5, message: expect.stringContaining('after a closing quote') });
    // A field whose closing quote is missing runs on to the next quote: where it began is named.
    expect(all('a,"Manager, EMEA\nb,c\nd,"e"\n')[0]).toEqual({
      kind: 'error',
      line: 3,
      column: 4,
      message: 'unexpected text after a closing quote (a quote inside a quoted field is written ""); the quoted field began at line 1, column 3 — is its closing quote missing?',
    });
  });

  it('csvField quotes only when needed and round-trips through the reader', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    const nasty = ['a"b', 'x,y', 'l1\nl2', 'c\r\nd', '', ' lead ', 'é\u{1F600}'];
    const line = nasty.map(csvField).join(',');
    expect(texts(`${line}\n`)).toEqual([nasty]);
  });

  it('round-trips any table of strings written with csvField and any line ending', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', '\u{1F600}', ',', '"', '\n', '\r', ' ') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom('\n', '\r\n'),
        (table, eol) => {
          // A record whose only cell is empty would be a blank line: every row has two or more cells.
          const text = table.map((row) => row.map(csvField).join(',')).join(eol) + eol;
          expect(texts(text)).toEqual(table);
        },
      ),
    );
  });
});
