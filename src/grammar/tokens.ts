/**
 * The tokens of the `.stages` language (SPEC §2) and the Chevrotain lexer.
 *
 * Keywords are case-insensitive and use `longer_alt: Identifier`, so a field that merely
 * starts with a keyword (`ORDER`, `notes`, `Dated`) lexes as one identifier. Chevrotain picks
 * the FIRST pattern that matches, so a keyword that is a prefix of another keyword comes after
 * it (`datetime` before `date`, `includes` before `in`).
 */
import type { TokenType } from 'chevrotain';
import { createToken, Lexer } from './chevrotain.js';

export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a field name' });
/** `` `Date` ``: a field whose name is exactly a keyword. */
export const QuotedIdentifier = createToken({ name: 'QuotedIdentifier', pattern: /`[^`\r\n]*`/, label: 'a field name' });

function keyword(word: string): TokenType {
  return createToken({
    name: word[0].toUpperCase() + word.slice(1),
    pattern: new RegExp(word, 'i'),
    longer_alt: Identifier,
    label: `'${word}'`,
  });
}

export const Journey = keyword('journey');
export const Stage = keyword('stage');
export const Unused = keyword('unused');
export const Lead = keyword('lead');
export const Contact = keyword('contact');
export const Opportunity = keyword('opportunity');
export const When = keyword('when');
export const Datetime = keyword('datetime');
export const DateKw = keyword('date');
export const Follows = keyword('follows');
export const And = keyword('and');
export const Or = keyword('or');
export const Not = keyword('not');
export const Null = keyword('null');
export const Includes = keyword('includes');
export const In = keyword('in');
export const Is = keyword('is');
export const Contains = keyword('contains');
export const Starts = keyword('starts');
export const Ends = keyword('ends');
export const With = keyword('with');
export const Excludes = keyword('excludes');
export const True = keyword('true');
export const False = keyword('false');

/** Every keyword, for "did you mean" on a misspelt keyword. */
export const KEYWORDS: readonly TokenType[] = [
  Journey, Stage, Unused, Lead, Contact, Opportunity, When, Datetime, DateKw, Follows, And, Or, Not, Null,
  Includes, In, Is, Contains, Starts, Ends, With, Excludes, True, False,
];

/** Category of every string token; the terminated/unterminated distinction is reported later. */
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: Lexer.NA, label: 'a string' });
export const SingleQuoted = createToken({ name: 'SingleQuoted', pattern: /'(?:[^'\\\r\n]|\\.)*'/, categories: StringLiteral, label: 'a string' });
export const DoubleQuoted = createToken({ name: 'DoubleQuoted', pattern: /"(?:[^"\\\r\n]|\\.)*"/, categories: StringLiteral, label: 'a string' });
/** A string missing its closing quote (runs to the end of the line): parsed as a string, reported as SC102. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /'(?:[^'\\\r\n]|\\.)*\\?|"(?:[^"\\\r\n]|\\.)*\\?/,
  categories: StringLiteral,
  label: 'a string',
});

export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/,
  label: 'a number',
});

export const CompOp = createToken({ name: 'CompOp', pattern: Lexer.NA, label: 'a comparison operator' });
export const Le = createToken({ name: 'Le', pattern: /<=/, categories: CompOp, label: "'<='" });
export const Ge = createToken({ name: 'Ge', pattern: />=/, categories: CompOp, label: "'>='" });
export const Ne = createToken({ name: 'Ne', pattern: /!=|<>/, categories: CompOp, label: "'!='" });
/** `==`: parsed as `=` and reported (SC106) with the suggestion `=`. */
export const EqEq = createToken({ name: 'EqEq', pattern: /==/, categories: CompOp, label: "'=='" });
export const Eq = createToken({ name: 'Eq', pattern: /=/, categories: CompOp, label: "'='" });
export const Lt = createToken({ name: 'Lt', pattern: /</, categories: CompOp, label: "'<'" });
export const Gt = createToken({ name: 'Gt', pattern: />/, categories: CompOp, label: "'>'" });

export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: "')'" });
export const LBrace = createToken({ name: 'LBrace', pattern: /\{/, label: "'{'" });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/, label: "'}'" });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','" });

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED });
/** Comments stay out of the parser's token stream but are kept (group `comments`) for the formatter. */
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: 'comments' });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: 'comments' });
/** `/*` without `*\/`: kept out of the token stream, reported as SC103. */
export const UnterminatedComment = createToken({ name: 'UnterminatedComment', pattern: /\/\*[\s\S]*/, group: 'problems' });

export const ALL_TOKENS: readonly TokenType[] = [
  WhiteSpace, LineComment, BlockComment, UnterminatedComment,
  ...KEYWORDS,
  Identifier, QuotedIdentifier,
  SingleQuoted, DoubleQuoted, UnterminatedString, StringLiteral,
  NumberLiteral,
  Le, Ge, Ne, EqEq, Eq, Lt, Gt, CompOp,
  LParen, RParen, LBrace, RBrace, Comma,
];

/**
 * Built at start-up of every `stages` command, so its construction cost counts: `safeMode`
 * skips Chevrotain's first-character analysis of every pattern (it parses each regexp; a
 * file of thousands of tokens lexes within milliseconds without it), and the token
 * definitions are validated by the grammar tests (`skipValidations` off under vitest).
 */
export const stagesLexer = new Lexer([...ALL_TOKENS], {
  positionTracking: 'full',
  ensureOptimizations: false,
  safeMode: true,
  skipValidations: process.env.VITEST === undefined,
});
