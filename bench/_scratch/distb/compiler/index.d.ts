import type { Schema } from '../schema/types.js';
import { type Diagnostic } from './diagnostics.js';
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
export declare class SourceFileError extends Error {
    readonly file: string;
    readonly reason: string;
    constructor(file: string, reason: string);
}
export declare function checkSource(source: string, options: CheckOptions): CheckResult;
/** Reads and checks a file; throws SourceFileError when it cannot be read. */
export declare function checkFile(path: string, schema?: Schema): FileCheckResult;
