/**
 * The front of the pipeline: `.stages` text → typed AST + syntax problems. Never throws on
 * any input; every problem lies inside the text (offsets in [0, length]).
 */
import type { DefinitionFile, JourneyDecl, StageDecl } from './ast.js';
import { AstBuilder } from './build-ast.js';
import { closestMatch } from './did-you-mean.js';
import { parsePiece, parseStage, splitDeclarations } from './pieces.js';
import type { SyntaxProblem } from './problems.js';
import { endOf } from './syntax-errors.js';
import { Journey, LParen, Not, RParen, stagesLexer } from './tokens.js';
import type { IToken } from 'chevrotain';

/**
 * How deeply parentheses and `not`s may nest in one declaration. The parser, the AST builder,
 * the checker and both back ends recurse once per level, so an input nested thousands deep
 * would exhaust the stack; no real definition comes near this. test/grammar/nesting-depth.test.ts
 * holds every pass (checker, SQL on each dialect, TS back end, runtime) safe at this depth.
 */
export const MAX_NESTING = 128;

/** The first token past `MAX_NESTING` levels of `(` and `not`, or undefined. */
function tooDeep(tokens: readonly IToken[]): IToken | undefined {
  let parens = 0;
  let nots = 0;
  for (const t of tokens) {
    if (t.tokenType === LParen) parens++;
    else if (t.tokenType === RParen) parens = Math.max(0, parens - 1);
    if (t.tokenType === Not) nots++;
    else if (t.tokenType !== LParen) nots = 0;
    if (parens + nots > MAX_NESTING) return t;
  }
  return undefined;
}

export type * from './ast.js';
export type { SyntaxProblem } from './problems.js';
export { closestMatch, editDistance } from './did-you-mean.js';

export interface ParseResult {
  readonly ast: DefinitionFile;
  /** Lexer and parser problems, in source order. */
  readonly problems: readonly SyntaxProblem[];
}

export function parseStages(source: string): ParseResult {
  const problems: SyntaxProblem[] = [];
  const lexed = stagesLexer.tokenize(source);
  for (const err of lexed.errors) {
    const length = Math.max(1, err.length);
    const chars = source.slice(err.offset, err.offset + length);
    problems.push({
      code: 'SC101',
      message: length === 1 ? `unexpected character '${chars}'` : `unexpected characters '${chars}'`,
      span: { start: err.offset, end: err.offset + length },
    });
  }
  for (const t of lexed.groups.problems ?? []) {
    problems.push({
      code: 'SC103',
      message: "unterminated block comment: '/*' has no matching '*/'",
      span: { start: t.startOffset, end: t.startOffset + 2 },
    });
  }
  const { stray, declarations } = splitDeclarations(lexed.tokens);
  if (stray.length > 0) {
    const first = stray[0];
    const suggestion = first.tokenType.name === 'Identifier' ? closestMatch(first.image, ['stage', 'journey']) : undefined;
    problems.push({
      code: 'SC105',
      message: `unexpected '${first.image}': a definition is an optional \`journey "Name"\` and \`stage\` declarations${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
      span: { start: first.startOffset, end: endOf(first) },
      suggestion,
    });
  }
  const builder = new AstBuilder();
  const stages: StageDecl[] = [];
  const journeys: JourneyDecl[] = [];
  const seen = new Set<number>();
  const report = (p: SyntaxProblem): void => {
    // Recovery can report the same spot twice (e.g. re-sync in nested rules): keep the first.
    if (seen.has(p.span.start)) return;
    seen.add(p.span.start);
    problems.push(p);
  };
  declarations.forEach((tokens, i) => {
    const next = declarations[i + 1]?.[0];
    const deep = tooDeep(tokens);
    if (deep !== undefined) {
      // Not parsed at all: the declaration is reported, the others are checked as usual.
      report({
        code: 'SC109',
        message: `expression nested too deeply: at most ${MAX_NESTING} levels of parentheses and 'not'`,
        span: { start: deep.startOffset, end: endOf(deep) },
      });
      return;
    }
    if (tokens[0].tokenType === Journey) {
      const { cst } = parsePiece(tokens, 'journeyDecl', next, source, report);
      const decl = builder.journeyDecl(cst);
      if (decl) journeys.push(decl);
    } else {
      const decl = parseStage(tokens, next, source, builder, report);
      if (decl) stages.push(decl);
    }
  });
  problems.push(...builder.problems);
  problems.sort((a, b) => a.span.start - b.span.start);
  return { ast: { journeys, stages, span: { start: 0, end: source.length } }, problems };
}
