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
export declare class LineIndex {
    readonly text: string;
    private readonly lineStarts;
    constructor(text: string);
    position(offset: number): Position;
    /** The text of a 1-based line, without its line break. */
    lineText(line: number): string;
}
export declare function toDiagnostic(problem: Problem, file: string, index: LineIndex): Diagnostic;
export type SourceMap = ReadonlyMap<string, string> | Readonly<Record<string, string>>;
export interface FormatOptions {
    /** ANSI colours (only when writing to a terminal). */
    readonly color?: boolean;
}
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
export declare function formatDiagnostics(diagnostics: readonly Diagnostic[], sources: SourceMap, options?: FormatOptions): string;
export declare function countLine(errors: number, warnings: number): string;
/** The `--format json` rendering: a JSON array of diagnostics (stable field names). */
export declare function diagnosticsToJson(diagnostics: readonly Diagnostic[]): string;
