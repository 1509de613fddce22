/**
 * The CSV syntax check that runs beside DuckDB's reader. DuckDB's strict reader is lenient
 * where the rules are not: it takes `a"b` unquoted, trims spaces around a quoted field and
 * drops trailing empty fields. Only a line holding a quote, a CR (a line end DuckDB may take
 * in a file of LF lines) or ending in a comma (the only field-count error it lets through; too
 * few or too many non-empty fields fail the typed read already) can be one it was lenient
 * about; each such line must be exactly the header's number of RFC 4180 fields.
 *
 *   1. `scanCsvSyntax` runs while DuckDB reads the file: a byte search (memchr speed, 1 MiB at a
 *      time) finds the suspect lines and checks each against the field grammar. Exports
 *      without quotes have almost none; a file of CR line ends or with a line longer than the
 *      buffer is left to step 2.
 *   2. `csvLinesWellFormed`: DuckDB reads the file again line by line and matches the suspect
 *      lines against the RFC 4180 field pattern.
 *
 * Both steps accept exactly the same lines (`test/data/csv-syntax.test.ts` holds step 1 to
 * step 2 on generated files).
 */
import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { literal } from './sql-text.js';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const COMMA = 0x2c;
const BUFFER_BYTES = 1 << 20;

/** What the byte scan found: every suspect line well-formed, one not, or a file it leaves to DuckDB. */
export type CsvSyntaxVerdict = 'well-formed' | 'malformed' | 'ask-duckdb';

/**
 * Checks every line of the file that holds a quote or ends in a comma against the field
 * grammar of `csvLinesWellFormed`, with `fields` fields. Reads the file in 1 MiB pieces
 * (whole lines each; memory does not grow with the file).
 */
export async function scanCsvSyntax(path: string, fields: number): Promise<CsvSyntaxVerdict> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    let kept = 0; // bytes of an unfinished last line carried to the front of the buffer
    for (;;) {
      const { bytesRead } = await handle.read(buffer, kept, BUFFER_BYTES - kept, null);
      const end = kept + bytesRead;
      const atEof = bytesRead === 0;
      // Whole lines only, unless the file ends here.
      const upTo = atEof ? end : buffer.lastIndexOf(LF, end - 1) + 1;
      if (upTo === 0 && !atEof) return 'ask-duckdb'; // a line longer than the buffer
      const lines = buffer.subarray(0, upTo);
      if (lines.indexOf(CR) >= 0) return 'ask-duckdb';
      if (!suspectLinesWellFormed(lines, fields)) return 'malformed';
      if (atEof) return 'well-formed';
      buffer.copy(buffer, 0, upTo, end);
      kept = end - upTo;
    }
  } finally {
    await handle.close();
  }
}

/** Whether every line of `text` (LF-separated, no CR) holding a quote or ending in a comma is well-formed. */
function suspectLinesWellFormed(text: Buffer, fields: number): boolean {
  // Every line is visited with one search for its LF (a one-byte search V8 runs at memchr
  // speed; a search for the two bytes `,\n` cost four times as long), which makes a line
  // ending in a comma a one-byte check. Quotes are rarer: the next one is searched again only
  // once the lines have passed it.
  let quote = text.indexOf(QUOTE);
  let start = 0;
  while (start < text.length) {
    let stop = text.indexOf(LF, start);
    if (stop < 0) stop = text.length;
    const holdsQuote = quote >= 0 && quote < stop;
    if (holdsQuote || (stop > start && text[stop - 1] === COMMA)) {
      if (!lineWellFormed(text, start, stop, fields)) return false;
      if (holdsQuote) quote = text.indexOf(QUOTE, stop);
    }
    start = stop + 1;
  }
  return true;
}

/**
 * `FIELD(,FIELD){fields-1}` over bytes [start, stop), FIELD being `[^,"]*` or `"([^"]|"")*"`:
 * a quote inside an unquoted field, text after a closing quote or an unclosed quote fail.
 */
function lineWellFormed(text: Buffer, start: number, stop: number, fields: number): boolean {
  let count = 0;
  let i = start;
  for (;;) {
    count += 1;
    if (i < stop && text[i] === QUOTE) {
      i += 1;
      for (;;) {
        if (i >= stop) return false; // unclosed: the field may span lines, which DuckDB judges
        if (text[i] === QUOTE) {
          if (i + 1 < stop && text[i + 1] === QUOTE) i += 2;
          else break;
        } else i += 1;
      }
      i += 1; // past the closing quote: a comma or the end must follow
      if (i < stop && text[i] !== COMMA) return false;
    } else {
      while (i < stop && text[i] !== COMMA) {
        if (text[i] === QUOTE) return false;
        i += 1;
      }
    }
    if (i >= stop) return count === fields;
    i += 1; // past the comma: another field follows, possibly empty
  }
}

/** One RFC 4180 field on one physical line: unquoted without quotes, or quoted with doubled quotes. */
const FIELD = `([^,"]*|"([^"]|"")*")`;

/**
 * Whether every suspect line of a CSV file holds exactly `fields` well-quoted fields. A file
 * that fails — or whose quoted fields span lines, which this line-by-line check cannot follow —
 * goes to the JavaScript reader, which says exactly what is wrong, or reads the file itself
 * when nothing is. The lines are read with a four-byte delimiter that never occurs in text, so
 * each row is one whole line.
 */
export async function csvLinesWellFormed(connection: DuckDBConnection, path: string, fields: number): Promise<boolean> {
  const lines =
    `read_csv(${literal(path)}, columns = {'line': 'VARCHAR'}, header = false, auto_detect = false, ` +
    `delim = E'\\x1f\\x1e\\x1d\\x1c', quote = '', escape = '', strict_mode = false)`;
  const pattern = fields === 1 ? FIELD : `${FIELD}(,${FIELD}){${fields - 1}}`;
  // The suspect lines only: a byte search each, several times cheaper than the pattern on
  // every line.
  const suspect = `(contains(line, '"') OR contains(line, chr(13)) OR ends_with(line, ','))`;
  const result = await connection.runAndReadAll(
    `SELECT count(*) FROM ${lines} WHERE line IS NOT NULL AND ${suspect} AND NOT regexp_full_match(line, ${literal(pattern)})`,
  );
  return Number(result.getRows()[0]![0]) === 0;
}
