/**
 * The Chevrotain parser of the `.stages` language (SPEC §2). It builds a CST with error
 * recovery enabled (single-token insertion/deletion and re-synchronisation), so one run
 * reports every syntax error; src/grammar/build-ast.ts turns the CST into the typed AST.
 *
 * The statement structure is not a rule: src/grammar/index.ts splits the tokens at every
 * `stage` / `journey` keyword and, inside a stage, at every keyword that starts a line
 * (`lead`, `contact`, `opportunity`, `date follows`, `WORD when`) — none of them can appear
 * anywhere else — and parses each piece with `journeyDecl`, `stageHeader` or `blockLine`.
 * So a syntax error never spreads beyond its line, and recovery inside a line (single-token
 * insertion/deletion, re-synchronisation) finds the errors after the first one.
 *
 *     file        = [ journeyDecl ] { stage }
 *     stage       = stageHeader [ { blockLine } "}" ]     -- lines and "}" only after "{"

 *
 * Precedence: `or` < `and` < `not` < predicate atoms; `not` applies to the following unary
 * term, so `not a = 1 and b` is `(not (a = 1)) and b`.
 */
import type { TokenType } from '/work/main/node_modules/chevrotain/lib/chevrotain.mjs';
import { CstParser } from './chevrotain.js';
/** Separates a readable message from the keyword images the parser expected (for did-you-mean). */
export declare const EXPECTED_SEPARATOR = "\0";
export declare class StagesParser extends CstParser {
    /**
     * `validate`: run Chevrotain's grammar validations (ambiguities, left recursion). They cost
     * start-up time on every `stages check`, so only the grammar test runs them.
     */
    constructor(options?: {
        readonly validate?: boolean;
    });
    /**
     * Recovery may only invent closing brackets. Inventing a keyword (`when`, `follows`) turns
     * the misspelt word after it into a "field" and cascades bogus errors; re-synchronising at
     * the next line is better.
     */
    protected canTokenTypeBeInsertedInRecovery(tokType: TokenType): boolean;
    journeyDecl: import("chevrotain").ParserMethod<[], import("chevrotain").CstNode>;
    /** `stage N "Label"` followed by `unused`, `{` (the lines are parsed one by one) or nothing. */
    stageHeader: import("chevrotain").ParserMethod<[], import("chevrotain").CstNode>;
    blockLine: import("chevrotain").ParserMethod<[], import("chevrotain").CstNode>;
    /**
     * `account when …` / `leads when …`: parsed like a criteria line so the rest of the block
     * still parses; reported as an unknown object (SC212) when the AST is built.
     */
    private unknownObjectLine;
    private criteriaLine;
    private dateFollows;
    private fieldName;
    private orExpr;
    private andExpr;
    private notExpr;
    private primary;
    private predicate;
    private predicateTail;
    private literalList;
    private operand;
    private literal;
}
export declare function getParser(): StagesParser;
