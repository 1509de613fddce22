/**
 * A small RFC 4180 CSV reader that knows where every cell starts.
 *
 * Off-the-shelf parsers lose positions (or report them in bytes), and every data error must
 * say `file:line:col`. Rules: fields separated by `,`, records by LF or CRLF (a lone CR too);
 * a field may be wrapped in double quotes, inside which `""` is a quote and commas and line
 * breaks are literal. A quote inside an unquoted field, or text after a closing quote, is a
 * syntax error (not silently repaired). Columns count characters (code points), 1-based;
 * a UTF-8 byte-order mark at the start is skipped and does not count.
 */

export interface CsvCell {
  readonly text: string;
  /** Where the cell starts (its opening quote when quoted). */
  readonly line: number;
  readonly column: number;
  readonly quoted: boolean;
}

export interface CsvRecord {
  readonly kind: 'record';
  /** Line of the record's first character. */
  readonly line: number;
  readonly cells: readonly CsvCell[];
}

export interface CsvSyntaxError {
  readonly kind: 'error';
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** For reading a file piece by piece (`read-csv.ts`): where `text` lies in it, and a cursor. */
export interface CsvPieceOptions {
  /** The file line `text` starts on (default 1). */
  readonly firstLine?: number;
  /** Whether `text` starts the file, where a byte-order mark is skipped (default true). */
  readonly fileStart?: boolean;
  /** Set to the offset in `text` and the line of each record's first character before it is yielded. */
  readonly cursor?: { start: number; line: number };
}

/**
 * Yields the records of `text` in order. A record with a syntax error yields the error
 * instead, and reading resumes at the next line. Empty lines yield nothing (a trailing
 * newline at the end of the file is normal; blank lines in between are tolerated).
 */
export function* readCsv(text: string, options: CsvPieceOptions = {}): Generator<CsvRecord | CsvSyntaxError> {
  let i = options.fileStart !== false && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = options.firstLine ?? 1;
  let column = 1;
  const cursor = options.cursor;
  const n = text.length;

  /** Advances over one UTF-16 unit at i, keeping line/column; a surrogate pair counts as one column. */
  const step = (): void => {
    const c = text.charCodeAt(i);
    i++;
    if (c === LF) {
      line++;
      column = 1;
    } else if (c === CR) {
      if (text.charCodeAt(i) === LF) i++;
      line++;
      column = 1;
    } else if (!(c >= 0xdc00 && c <= 0xdfff && i >= 2 && isHighSurrogate(text.charCodeAt(i - 2)))) {
      column++;
    }
  };

  /** Skips the rest of the current line after a syntax error. */
  const skipLine = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      step();
      if (c === LF || c === CR) return;
    }
  };

  while (i < n) {
    const first = text.charCodeAt(i);
    if (first === LF || first === CR) {
      step(); // an empty line
      continue;
    }
    const recordLine = line;
    if (cursor !== undefined) {
      cursor.start = i;
      cursor.line = line;
    }
    const cells: CsvCell[] = [];
    let error: CsvSyntaxError | null = null;
    for (;;) {
      const cellLine = line;
      const cellColumn = column;
      if (text.charCodeAt(i) === QUOTE) {
        step();
        let value = '';
        let closed = false;
        for (;;) {
          // Everything up to the next quote is literal (line breaks kept as written, CRLF too).
          const q = text.indexOf('"', i);
          const end = q === -1 ? n : q;
          value += text.slice(i, end);
          while (i < end) step();
          if (q === -1) break;
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            step();
            step();
            continue;
          }
          step();
          closed = true;
          break;
        }
        if (!closed) {
          error = { kind: 'error', line: cellLine, column: cellColumn, message: 'unterminated quoted field (the closing " is missing)' };
          break;
        }
        cells.push({ text: value, line: cellLine, column: cellColumn, quoted: true });
        const after = i < n ? text.charCodeAt(i) : LF;
        if (after !== COMMA && after !== LF && after !== CR) {
          // A field that began lines earlier most likely lacks its closing quote there.
          const opened = cellLine === line ? '' : `; the quoted field began at line ${cellLine}, column ${cellColumn} — is its closing quote missing?`;
          error = {
            kind: 'error',
            line,
            column,
            message: `unexpected text after a closing quote (a quote inside a quoted field is written "")${opened}`,
          };
          skipLine();
          break;
        }
      } else {
        const start = i;
        let bad = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE && !bad) {
            error = {
              kind: 'error',
              line,
              column,
              message: 'a quote inside an unquoted field (quote the whole field and double the quote: "a""b")',
            };
            bad = true;
          }
          step();
        }
        if (bad) {
          skipLine();
          break;
        }
        cells.push({ text: text.slice(start, i), line: cellLine, column: cellColumn, quoted: false });
      }
      // Here i is at a comma, a line break or the end.
      if (i < n && text.charCodeAt(i) === COMMA) {
        step();
        continue;
      }
      if (i < n) step(); // the record's line break
      break;
    }
    yield error ?? { kind: 'record', line: recordLine, cells };
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Quotes a CSV field when it needs it (comma, quote, CR or LF), doubling inner quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
