/**
 * Diagnostics: the user-facing form of every problem in a `.stages` file, with 1-based
 * line/column positions, and their text (code frame) and JSON renderings.
 */
import type { Span } from '../grammar/ast.js';

export type Severity = 'error' | 'warning';

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units (what editors and LSP use). */
  readonly column: number;
  /** 0-based offset into the text. */
  readonly offset: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export interface Diagnostic {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly file: string;
  readonly range: Range;
  /** Replacement text for the range, when there is an obvious fix ("did you mean"). */
  readonly suggestion?: string;
}

/** A problem positioned by offsets, before it is tied to a file. */
export interface Problem {
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly span: Span;
  readonly suggestion?: string;
}

/** Offsets → line/column for one text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(Number.isFinite(offset) ? offset : this.text.length, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.lineStarts[lo] + 1, offset: o };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}

export function toDiagnostic(problem: Problem, file: string, index: LineIndex): Diagnostic {
  const start = index.position(problem.span.start);
  const end = index.position(Math.max(problem.span.start, problem.span.end));
  const d: Diagnostic = { severity: problem.severity, code: problem.code, message: problem.message, file, range: { start, end } };
  return problem.suggestion === undefined ? d : { ...d, suggestion: problem.suggestion };
}

export type SourceMap = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

function sourceOf(sources: SourceMap, file: string): string | undefined {
  if (sources instanceof Map) return sources.get(file);
  return (sources as Readonly<Record<string, string>>)[file];
}

export interface FormatOptions {
  /** ANSI colours (only when writing to a terminal). */
  readonly color?: boolean;
}

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', bold: '\x1b[1m', dim: '\x1b[2m', reset: '\x1b[0m' };

/**
 * Renders diagnostics as text:
 *
 *     file:line:col: error CODE: message
 *        3 |   lead when Stauts = 'Open'
 *          |             ^~~~~~
 *       help: did you mean 'Status'?
 *
 * followed by a count line ("2 errors, 1 warning"). Diagnostics are shown in the order given.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], sources: SourceMap, options: FormatOptions = {}): string {
  const paint = (code: keyof typeof ANSI, s: string): string => (options.color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const indexes = new Map<string, LineIndex>();
  const out: string[] = [];
  for (const d of diagnostics) {
    const sev = d.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
    out.push(`${paint('bold', `${d.file}:${d.range.start.line}:${d.range.start.column}`)}: ${sev} ${d.code}: ${d.message}`);
    const text = sourceOf(sources, d.file);
    if (text !== undefined) {
      let index = indexes.get(d.file);
      if (!index) {
        index = new LineIndex(text);
        indexes.set(d.file, index);
      }
      out.push(...codeFrame(d, index, paint));
    }
    if (d.suggestion !== undefined) out.push(`  ${paint('cyan', 'help')}: did you mean ${showSuggestion(d.suggestion)}?`);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  out.push(countLine(errors, warnings));
  return out.join('\n') + '\n';
}

/** Names and keywords are quoted ('Status', 'is null'); literal text (`'Open'`, `5`, `date '…'`) is shown as is. */
function showSuggestion(s: string): string {
  return /^[A-Za-z_][A-Za-z0-9_ ]*$/.test(s) && !/^(true|false)$/.test(s) ? `'${s}'` : s;
}

export function countLine(errors: number, warnings: number): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (errors === 0 && warnings === 0) return 'no problems found';
  return [errors > 0 ? plural(errors, 'error') : '', warnings > 0 ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
}

function codeFrame(d: Diagnostic, index: LineIndex, paint: (c: keyof typeof ANSI, s: string) => string): string[] {
  const line = d.range.start.line;
  const text = index.lineText(line).replace(/\t/g, ' ');
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  const startCol = d.range.start.column;
  // A range running past the line is underlined to the line's end.
  const endCol = d.range.end.line === line ? d.range.end.column : text.length + 1;
  const width = Math.max(1, endCol - startCol);
  const caret = '^' + '~'.repeat(width - 1);
  const colour = d.severity === 'error' ? 'red' : 'yellow';
  return [
    `${paint('dim', ` ${gutter} |`)} ${text}`,
    `${paint('dim', ` ${pad} |`)} ${' '.repeat(startCol - 1)}${paint(colour, caret)}`,
  ];
}

/** The `--format json` rendering: a JSON array of diagnostics (stable field names). */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify(diagnostics, null, 2) + '\n';
}
