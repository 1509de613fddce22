/**
 * The compiler front end's public API: `.stages` text → checked IR + diagnostics.
 * Loads only the grammar (Chevrotain) and the checker — never a back end — so `stages check`
 * starts fast.
 */
import { readFileSync } from 'node:fs';
import { parseStages } from '../grammar/index.js';
import { loadDefaultSchema } from '../schema/load.js';
import type { Schema } from '../schema/types.js';
import { checkAst } from './check/index.js';
import { LineIndex, toDiagnostic, type Diagnostic, type Problem } from './diagnostics.js';
import type { CheckedDefinition } from './ir.js';

export type { Diagnostic, Position, Range, Severity, SourceMap, FormatOptions } from './diagnostics.js';
export { formatDiagnostics, diagnosticsToJson, countLine } from './diagnostics.js';

export interface CheckOptions {
  /** The name diagnostics carry (usually the path as the user typed it). */
  readonly file: string;
  readonly schema: Schema;
}

export interface CheckResult {
  /** The checked IR; null iff there is at least one error. */
  readonly definition: CheckedDefinition | null;
  /** Errors and warnings, in source order. */
  readonly diagnostics: Diagnostic[];
}

export interface FileCheckResult extends CheckResult {
  /** The text that was checked (for rendering code frames). */
  readonly source: string;
}

/** The file named on the command line could not be read (it does not exist, is a folder, …). */
export class SourceFileError extends Error {
  constructor(readonly file: string, readonly reason: string) {
    super(`cannot read ${file}: ${reason}`);
    this.name = 'SourceFileError';
  }
}

export function checkSource(source: string, options: CheckOptions): CheckResult {
  const index = new LineIndex(source);
  const parsed = parseStages(source);
  const problems: Problem[] = parsed.problems.map((p) => ({ severity: 'error', ...p }));
  const checked = checkAst(parsed.ast, options.schema, { lineOf: (offset) => index.position(offset).line });
  problems.push(...checked.problems);
  // Stable sort by position: syntax and type problems interleave in reading order.
  problems.sort((a, b) => a.span.start - b.span.start);
  const diagnostics = problems.map((p) => toDiagnostic(p, options.file, index));
  const hasError = diagnostics.some((d) => d.severity === 'error');
  return { definition: hasError ? null : checked.definition, diagnostics };
}

/** Only the syntax problems of `source`, as diagnostics (what `stages fmt` refuses a file for). */
export function syntaxDiagnostics(source: string, file: string): Diagnostic[] {
  const index = new LineIndex(source);
  return parseStages(source).problems.map((p) => toDiagnostic({ severity: 'error', ...p }, file, index));
}

/** Reads and checks a file; throws SourceFileError when it cannot be read. */
export function checkFile(path: string, schema: Schema = loadDefaultSchema()): FileCheckResult {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code ?? String(e);
    throw new SourceFileError(path, reason);
  }
  return { ...checkSource(source, { file: path, schema }), source };
}
