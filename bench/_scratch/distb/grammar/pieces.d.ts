/**
 * The statement structure of a file, above the Chevrotain rules: the token stream is split
 * into declarations (at `stage` / `journey`) and a stage into its header and one piece per
 * line (at `lead`, `contact`, `opportunity`, `date follows`, `WORD when` — none of which can
 * appear inside an expression). Each piece is parsed on its own, so a syntax error never
 * spreads beyond its line and the checker can still check every other line.
 */
import type { CstNode, IToken } from '/work/main/node_modules/chevrotain/lib/chevrotain.mjs';
import type { StageDecl } from './ast.js';
import type { AstBuilder } from './build-ast.js';
import type { SyntaxProblem } from './problems.js';
/**
 * Splits the token stream into declarations: every `stage` or `journey` keyword starts one
 * (neither can appear anywhere else), tokens before the first are stray.
 */
export declare function splitDeclarations(tokens: readonly IToken[]): {
    stray: IToken[];
    declarations: IToken[][];
};
type PieceRule = 'journeyDecl' | 'stageHeader' | 'blockLine';
/**
 * Parses one piece (a declaration, a stage header or one block line) on its own. Inside a
 * piece, "end of file" is really the start of whatever follows it (`next`).
 */
export declare function parsePiece(tokens: readonly IToken[], rule: PieceRule, next: IToken | undefined, source: string, report: (p: SyntaxProblem) => void): {
    cst: CstNode;
    errors: number;
};
/**
 * A stage declaration: its header, then (after `{`) each line parsed on its own up to the
 * first `}` of the declaration. Structural problems between the pieces (lines without `{`,
 * a missing or stray `}`, text after the block) are reported here.
 */
export declare function parseStage(tokens: readonly IToken[], next: IToken | undefined, source: string, builder: AstBuilder, report: (p: SyntaxProblem) => void): StageDecl | undefined;
export {};
