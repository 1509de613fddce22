/**
 * The CSV syntax check that runs beside DuckDB's reader. DuckDB's strict reader is lenient
 * where the rules are not: it takes `a"b` unquoted, trims spaces around a quoted field and
 * drops trailing empty fields. Only a line holding a quote, a CR (a line end DuckDB may take
 * in a file of LF lines) or ending in a comma (the only field-count error it lets through; too
 * few or too many non-empty fields fail the typed read already) can be one it was lenient
 * about, so the check has two steps:
 *
 *   1. `csvHasSuspectBytes`: a byte search of the whole file (memchr speed, one small buffer at
 *      a time) for `"`, CR, or a comma before LF or at the end. Exports without quotes have
 *      none, and then no line can be malformed in a way DuckDB let through.
 *   2. Otherwise `csvLinesWellFormed`: DuckDB reads the file again line by line and tests the
 *      suspect lines against the RFC 4180 field pattern.
 *
 * Step 1 is a sound filter for step 2: every line step 2 would test holds a byte step 1 finds.
 */
import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { literal } from './sql-text.js';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const COMMA = 0x2c;
const CHUNK_BYTES = 1 << 20;

/**
 * Whether the file holds a quote, a CR, or a comma that ends a line (before LF or at the end
 * of the file). Reads the file in 1 MiB pieces; memory does not grow with the file.
 */
export async function csvHasSuspectBytes(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let previous = -1; // the last byte of the previous piece, for a comma split from its LF
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return previous === COMMA;
      const piece = buffer.subarray(0, bytesRead);
      if (piece.indexOf(QUOTE) >= 0 || piece.indexOf(CR) >= 0) return true;
      if (previous === COMMA && piece[0] === LF) return true;
      if (piece.indexOf(',\n', 0, 'latin1') >= 0) return true;
      previous = piece[bytesRead - 1]!;
    }
  } finally {
    await handle.close();
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
  // The suspects of step 1, line by line: a byte search each, several times cheaper than the
  // pattern on every line.
  const suspect = `(contains(line, '"') OR contains(line, chr(13)) OR ends_with(line, ','))`;
  const result = await connection.runAndReadAll(
    `SELECT count(*) FROM ${lines} WHERE line IS NOT NULL AND ${suspect} AND NOT regexp_full_match(line, ${literal(pattern)})`,
  );
  return Number(result.getRows()[0]![0]) === 0;
}
