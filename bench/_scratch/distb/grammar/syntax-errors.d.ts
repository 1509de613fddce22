/**
 * Chevrotain recognition exceptions → positioned syntax problems (SC105), with the keyword
 * "did you mean" and positions that are always inside the file.
 */
import type { IRecognitionException, IToken } from '/work/main/node_modules/chevrotain/lib/chevrotain.mjs';
import type { SyntaxProblem } from './problems.js';
export declare function endOf(t: IToken): number;
export declare function parserProblem(e: IRecognitionException, tokens: readonly IToken[], source: string): SyntaxProblem;
