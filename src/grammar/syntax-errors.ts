/**
 * Chevrotain recognition exceptions → positioned syntax problems (SC105), with the keyword
 * "did you mean" and positions that are always inside the file.
 */
import type { IRecognitionException, IToken } from 'chevrotain';
import { EOF } from './chevrotain.js';
import type { Span } from './ast.js';
import { closestMatch } from './did-you-mean.js';
import { EXPECTED_SEPARATOR } from './parser.js';
import type { SyntaxProblem } from './problems.js';

function isReal(t: IToken | undefined): t is IToken {
  return t !== undefined && t.tokenType !== EOF && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}

export function endOf(t: IToken): number {
  return (t.endOffset ?? t.startOffset) + 1;
}

/** The previous real token before `offset` (for placing "missing …" errors right after it). */
function previousRealToken(tokens: readonly IToken[], offset: number): IToken | undefined {
  let found: IToken | undefined;
  for (const t of tokens) {
    if (t.startOffset >= offset) break;
    found = t;
  }
  return found;
}

function lineOf(source: string, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Where a parser error is shown: at the offending token, unless that token is the end of the
 * file or on a later line than the previous token — then right after the previous token
 * ("missing ')'" belongs at the end of the line, not on the next statement). Langium places
 * tokens inserted by recovery the same way. Leftover input after a complete declaration is
 * always shown at the leftover token itself.
 */
function placeParserError(e: IRecognitionException, tokens: readonly IToken[], source: string): Span {
  const actual = e.token;
  const actualReal = isReal(actual);
  const prev = actualReal ? previousRealToken(tokens, actual.startOffset) : tokens[tokens.length - 1];
  const atToken = e.name === 'NotAllInputParsedException';
  if (actualReal && (atToken || !prev || lineOf(source, prev.startOffset) === lineOf(source, actual.startOffset))) {
    return { start: actual.startOffset, end: endOf(actual) };
  }
  if (prev) return { start: endOf(prev), end: endOf(prev) };
  return { start: source.length, end: source.length };
}

export function parserProblem(e: IRecognitionException, tokens: readonly IToken[], source: string): SyntaxProblem {
  const [message, expectedKeywords] = e.message.split(EXPECTED_SEPARATOR);
  const span = placeParserError(e, tokens, source);
  const found = e.token;
  if (isReal(found) && found.tokenType.name === 'Identifier') {
    // A misspelt keyword lexes as a field name: offer the closest keyword the parser expected.
    if (expectedKeywords) {
      const suggestion = closestMatch(found.image, expectedKeywords.split(','));
      if (suggestion) return { code: 'SC105', message: `${message}; did you mean '${suggestion}'?`, span, suggestion };
    }
  }
  return { code: 'SC105', message, span };
}
