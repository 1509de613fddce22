/**
 * Reads one CSV table file into a `TableBuilder` (header of field names, then rows): from one
 * string, or piece by piece for a file too large to hold as one (`readCsvTablePieces`), with
 * the same records, positions and problems either way.
 */
import { readCsv, type CsvRecord, type CsvSyntaxError } from './csv.js';
import type { CellInput, TableBuilder } from './table.js';
import { parseText } from './values.js';

export function readCsvTable(text: string, table: TableBuilder): void {
  const reader = new CsvTableReader(table);
  for (const item of readCsv(text)) if (!reader.take(item)) break;
  reader.finish();
}

/** Longest record text carried from one piece to the next (a quoted field spanning lines). */
const MAX_CARRIED = 64 << 20;

/**
 * The same as `readCsvTable` over the concatenation of `pieces`, each a run of whole lines
 * (ending in LF, but for the last). Only one piece and the record it may end inside are held
 * at a time: a record is complete within a piece unless it ends in a quoted field that the
 * piece does not close, and then it is read again from its start with the next piece.
 */
export async function readCsvTablePieces(pieces: AsyncIterable<string>, table: TableBuilder): Promise<void> {
  const reader = new CsvTableReader(table);
  const cursor = { start: 0, line: 1 };
  let carried = '';
  let firstLine = 1;
  let fileStart = true;
  const iterator = pieces[Symbol.asyncIterator]();
  let next = await iterator.next();
  reading: while (!next.done) {
    const following = await iterator.next();
    // An unfinished record grown too long to carry is read as it is: an unclosed quote then
    // swallows the rest of the file, as it does when the file is read as one string.
    const overlong = carried.length > MAX_CARRIED;
    const last = following.done === true || overlong;
    const text = carried + next.value;
    carried = '';
    for (const item of readCsv(text, { firstLine, fileStart, cursor })) {
      if (!last && item.kind === 'error' && isUnterminated(item)) {
        carried = text.slice(cursor.start);
        break;
      }
      if (!reader.take(item)) break reading;
    }
    if (overlong) break;
    firstLine = carried === '' ? firstLine + countLines(text) : cursor.line;
    fileStart = false;
    next = following;
  }
  await iterator.return?.();
  reader.finish();
}

function isUnterminated(error: CsvSyntaxError): boolean {
  return error.message.startsWith('unterminated quoted field');
}

/** Line breaks in `text` as the CSV reader counts them (LF, CRLF, or a lone CR). */
function countLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) n++;
    else if (c === 0x0d) {
      n++;
      if (text.charCodeAt(i + 1) === 0x0a) i++;
    }
  }
  return n;
}

/** The header, then each record, of one file; `take` returns false when nothing more can be read. */
class CsvTableReader {
  private header: { readonly name: string; readonly accepted: boolean }[] | null = null;
  /** Whether reading stopped at a problem that makes the rest unreadable (already reported). */
  private stopped = false;

  constructor(private readonly table: TableBuilder) {}

  take(item: CsvRecord | CsvSyntaxError): boolean {
    const table = this.table;
    if (item.kind === 'error') {
      table.report({ line: item.line, column: item.column }, `CSV syntax: ${item.message}`);
      this.stopped = this.header === null; // without a header nothing else can be read
      return !this.stopped;
    }
    const header = this.header;
    if (header === null) {
      const columns = item.cells.map((c) => ({ name: c.text, where: { line: c.line, column: c.column } }));
      const usable = table.checkHeader(columns, { line: item.line, column: 1 });
      const names = columns.map((c) => c.name);
      this.header = columns.map((c, i) => ({
        name: c.name,
        // A duplicated name is read from its first occurrence only (the header check reported it).
        accepted: names.indexOf(c.name) === i && table.knows(c.name),
      }));
      this.stopped = !usable;
      return usable;
    }
    if (item.cells.length !== header.length) {
      const extra = item.cells[header.length];
      const last = item.cells[item.cells.length - 1]!;
      table.report(
        extra ? { line: extra.line, column: extra.column } : { line: last.line, column: last.column },
        `expected ${header.length} fields as in the header, found ${item.cells.length}`,
      );
      return true;
    }
    const cells = new Map<string, CellInput>();
    item.cells.forEach((cell, i) => {
      const column = header[i]!;
      if (!column.accepted) return;
      cells.set(column.name, { where: { line: cell.line, column: cell.column }, parse: (field, zone) => parseText(cell.text, field, zone) });
    });
    table.addRow({ line: item.line, column: 1 }, cells);
    return true;
  }

  finish(): void {
    if (!this.stopped && this.header === null) {
      this.table.report({ file: true }, 'the file is empty; a CSV table needs at least a header row of field names');
    }
  }
}
