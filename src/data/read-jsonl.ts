/**
 * Reads one JSON Lines table file (one JSON object per line) into a `TableBuilder`.
 * Positions point at the value of the offending key (line and character column), so
 * `file:line:col` lands on it in an editor.
 */
import type { CellInput, TableBuilder, Where } from './table.js';
import { parseJsonValue } from './values.js';

export function readJsonlTable(text: string, table: TableBuilder): void {
  const reader = new JsonlTableReader(table);
  reader.lines(text, 1, true);
  reader.finish();
}

/** The same as `readJsonlTable` over the concatenation of `pieces`, each a run of whole lines. */
export async function readJsonlTablePieces(pieces: AsyncIterable<string>, table: TableBuilder): Promise<void> {
  const reader = new JsonlTableReader(table);
  let firstLine = 1;
  for await (const piece of pieces) firstLine = reader.lines(piece, firstLine, firstLine === 1);
  reader.finish();
}

class JsonlTableReader {
  private objects = 0;

  constructor(private readonly table: TableBuilder) {}

  /** Reads the lines of `text`, the first of them file line `firstLine`; returns the line after them. */
  lines(text: string, firstLine: number, fileStart: boolean): number {
    const table = this.table;
    const start = fileStart && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const lines = text.slice(start).split('\n');
    // After a final LF comes no line (in a piece, the next piece's first line).
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((raw, index) => {
      const lineNo = firstLine + index;
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        const message = (e as Error).message;
        const at = /position (\d+)/.exec(message);
        const column = at ? columnOf(line, Number(at[1])) : 1;
        table.report({ line: lineNo, column }, `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`);
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        table.report({ line: lineNo, column: firstNonSpace(line) }, 'expected a JSON object per line');
        return;
      }
      this.objects++;
      const positions = topLevelValueOffsets(line);
      const cells = new Map<string, CellInput>();
      for (const [key, offsets] of positions) {
        // Columns are counted only for a problem: counting code points on every cell would be quadratic per line.
        const whereOf = (): Where => ({ line: lineNo, column: columnOf(line, offsets[0]!) });
        if (offsets.length > 1) {
          // Reported, and the row is still checked (with JSON.parse's last value) so nothing else hides.
          table.report({ line: lineNo, column: columnOf(line, offsets[1]!) }, `key ${JSON.stringify(key)} appears twice in the object`);
        }
        if (!table.acceptColumn(key)) continue;
        const v = (value as Record<string, unknown>)[key];
        cells.set(key, {
          get where() {
            return whereOf();
          },
          parse: (field, zone) => parseJsonValue(v, field, zone),
        });
      }
      table.addRow({ line: lineNo, column: firstNonSpace(line) }, cells);
    });
    return firstLine + lines.length;
  }

  finish(): void {
    // A needed key that no object carries is a missing column; an empty file is an empty table.
    if (this.objects > 0) this.table.checkNeededColumns({ file: true });
  }
}

/** 1-based character (code point) column of UTF-16 offset `offset` in `line`. */
function columnOf(line: string, offset: number): number {
  return [...line.slice(0, offset)].length + 1;
}

function firstNonSpace(line: string): number {
  const m = /\S/.exec(line);
  return m ? columnOf(line, m.index) : 1;
}

/**
 * Offsets of each top-level key's value in a line already known to be a valid JSON object
 * (so the scan can be simple). Several offsets mean the key is repeated.
 */
function topLevelValueOffsets(line: string): Map<string, number[]> {
  const result = new Map<string, number[]>();
  let i = line.indexOf('{') + 1;
  const skipSpace = (): void => {
    while (i < line.length && /\s/.test(line[i]!)) i++;
  };
  /** Skips a string starting at the quote at i; returns its raw text (with quotes). */
  const skipString = (): string => {
    const begin = i;
    i++;
    while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
    i++;
    return line.slice(begin, i);
  };
  for (;;) {
    skipSpace();
    if (line[i] !== '"') break; // '}' of an empty object
    const key = JSON.parse(skipString()) as string;
    skipSpace();
    i++; // ':'
    skipSpace();
    const offsets = result.get(key) ?? [];
    offsets.push(i);
    result.set(key, offsets);
    // Skip the value: a string, or anything up to the next ',' / '}' at depth 0.
    let depth = 0;
    while (i < line.length) {
      const c = line[i]!;
      if (c === '"') {
        skipString();
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
      i++;
    }
    skipSpace();
    if (line[i] === ',') i++;
    else break;
  }
  return result;
}
