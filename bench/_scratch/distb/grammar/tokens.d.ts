/**
 * The tokens of the `.stages` language (SPEC §2) and the Chevrotain lexer.
 *
 * Keywords are case-insensitive and use `longer_alt: Identifier`, so a field that merely
 * starts with a keyword (`ORDER`, `notes`, `Dated`) lexes as one identifier. Chevrotain picks
 * the FIRST pattern that matches, so a keyword that is a prefix of another keyword comes after
 * it (`datetime` before `date`, `includes` before `in`).
 */
import type { TokenType } from '/work/main/node_modules/chevrotain/lib/chevrotain.mjs';
export declare const Identifier: TokenType;
/** `` `Date` ``: a field whose name is exactly a keyword. */
export declare const QuotedIdentifier: TokenType;
export declare const Journey: TokenType;
export declare const Stage: TokenType;
export declare const Unused: TokenType;
export declare const Lead: TokenType;
export declare const Contact: TokenType;
export declare const Opportunity: TokenType;
export declare const When: TokenType;
export declare const Datetime: TokenType;
export declare const DateKw: TokenType;
export declare const Follows: TokenType;
export declare const And: TokenType;
export declare const Or: TokenType;
export declare const Not: TokenType;
export declare const Null: TokenType;
export declare const Includes: TokenType;
export declare const In: TokenType;
export declare const Is: TokenType;
export declare const Contains: TokenType;
export declare const Starts: TokenType;
export declare const Ends: TokenType;
export declare const With: TokenType;
export declare const Excludes: TokenType;
export declare const True: TokenType;
export declare const False: TokenType;
/** Every keyword, for "did you mean" on a misspelt keyword. */
export declare const KEYWORDS: readonly TokenType[];
/** Category of every string token; the terminated/unterminated distinction is reported later. */
export declare const StringLiteral: TokenType;
export declare const SingleQuoted: TokenType;
export declare const DoubleQuoted: TokenType;
/** A string missing its closing quote (runs to the end of the line): parsed as a string, reported as SC102. */
export declare const UnterminatedString: TokenType;
export declare const NumberLiteral: TokenType;
export declare const CompOp: TokenType;
export declare const Le: TokenType;
export declare const Ge: TokenType;
export declare const Ne: TokenType;
/** `==`: parsed as `=` and reported (SC106) with the suggestion `=`. */
export declare const EqEq: TokenType;
export declare const Eq: TokenType;
export declare const Lt: TokenType;
export declare const Gt: TokenType;
export declare const LParen: TokenType;
export declare const RParen: TokenType;
export declare const LBrace: TokenType;
export declare const RBrace: TokenType;
export declare const Comma: TokenType;
export declare const WhiteSpace: TokenType;
export declare const LineComment: TokenType;
export declare const BlockComment: TokenType;
/** `/*` without `*\/`: kept out of the token stream, reported as SC103. */
export declare const UnterminatedComment: TokenType;
export declare const ALL_TOKENS: readonly TokenType[];
export declare const stagesLexer: import("chevrotain").Lexer;
