/**
 * CST → typed AST. Tokens the parser inserted while recovering (`isInsertedInRecovery`, NaN
 * offsets) are treated as absent, so the AST only ever points at real source text. Lexical
 * problems inside tokens (string escapes, unterminated strings, `==`) are reported here.
 */
import type { CstNode, IToken } from '/work/main/node_modules/chevrotain/lib/chevrotain.mjs';
import type { JourneyDecl, StageDecl } from './ast.js';
import type { SyntaxProblem } from './problems.js';
export declare class AstBuilder {
    readonly problems: SyntaxProblem[];
    journeyDecl(n: CstNode): JourneyDecl | undefined;
    /**
     * A stage from its pieces: the header (`stage N "Label" [unused | {]`), its lines (each
     * flagged when the parser reported an error in it), the closing `}` if there is one, and
     * whether the parser reported any error in the declaration.
     */
    stageDecl(header: CstNode, open: IToken | undefined, lines: readonly {
        readonly cst: CstNode;
        readonly recovered: boolean;
    }[], closing: IToken | undefined, recovered: boolean): StageDecl | undefined;
    private blockLine;
    /** orExpr / andExpr / notExpr / primary / predicate, whichever node it is given. */
    private expr;
    private predicate;
    /** The literals of `( a, b, … )`; undefined when any of them is missing (recovered). */
    private literalList;
    private operand;
    private field;
    private literal;
    private string;
}
