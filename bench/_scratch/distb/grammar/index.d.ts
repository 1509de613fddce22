/**
 * The front of the pipeline: `.stages` text → typed AST + syntax problems. Never throws on
 * any input; every problem lies inside the text (offsets in [0, length]).
 */
import type { DefinitionFile } from './ast.js';
import type { SyntaxProblem } from './problems.js';
export type * from './ast.js';
export type { SyntaxProblem } from './problems.js';
export { closestMatch, editDistance } from './did-you-mean.js';
export interface ParseResult {
    readonly ast: DefinitionFile;
    /** Lexer and parser problems, in source order. */
    readonly problems: readonly SyntaxProblem[];
}
export declare function parseStages(source: string): ParseResult;
