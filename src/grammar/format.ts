/**
 * The canonical layout of a `.stages` file (`stages fmt`, editor formatting).
 *
 * Works on the token stream, comments included, so it can only change whitespace and the case
 * of keywords: the tokens the parser sees are the same before and after, hence the checked IR
 * is the same (the property tests assert it). The layout:
 * - one declaration per line at column 0, blank lines between them kept (at most one);
 * - inside `{ … }` one criteria line per object, indented by two, `when` aligned within the
 *   stage; `date follows` on its own line; `}` on its own line;
 * - a line break before a top-level `and`/`or` of a criteria expression is kept, with the
 *   operator leading and right-aligned so the operands line up under the expression's start;
 * - single spaces between tokens, none inside parentheses or before commas; keywords in lower
 *   case; literals exactly as written (re-quoting could change an escape's meaning);
 * - every comment kept: a comment after code on its line stays there, a comment on its own
 *   line stays on its own line at the indentation of what follows.
 *
 * Callers format only files without syntax errors (`formatStages` refuses them).
 */
import type { IToken } from 'chevrotain';
import { parseStages } from './index.js';
import type { SyntaxProblem } from './problems.js';
import {
  And, Contact, DateKw, Follows, Journey, KEYWORDS, LBrace, Lead, LParen, Opportunity, Or, RBrace, RParen, Comma, Stage, When, stagesLexer,
} from './tokens.js';

export type FormatResult =
  | { readonly ok: true; readonly text: string; readonly changed: boolean }
  | { readonly ok: false; readonly problems: readonly SyntaxProblem[] };

const KEYWORD_TYPES = new Set(KEYWORDS);
const OBJECT_TYPES = new Set([Lead, Contact, Opportunity]);
const INDENT = '  ';

interface Unit {
  readonly token: IToken;
  readonly comment: boolean;
  /** Newlines in the source between the previous unit (or the file start) and this one. */
  readonly newlinesBefore: number;
}

function unitsOf(source: string): Unit[] {
  const lexed = stagesLexer.tokenize(source);
  const all = [...lexed.tokens.map((t) => ({ t, comment: false })), ...(lexed.groups.comments ?? []).map((t) => ({ t, comment: true }))];
  all.sort((a, b) => a.t.startOffset - b.t.startOffset);
  let end = 0;
  return all.map(({ t, comment }) => {
    const gap = source.slice(end, t.startOffset);
    end = t.startOffset + t.image.length;
    return { token: t, comment, newlinesBefore: (gap.match(/\n/g) ?? []).length };
  });
}

function text(unit: Unit): string {
  const t = unit.token;
  if (unit.comment) return t.image.replace(/[ \t]+$/, '');
  return KEYWORD_TYPES.has(t.tokenType) ? t.image.toLowerCase() : t.image;
}

/** Widest object keyword of each brace block, keyed by the index of its `{` unit. */
function objectWidths(units: readonly Unit[]): Map<number, number> {
  const widths = new Map<number, number>();
  let open = -1;
  let parens = 0;
  units.forEach((u, i) => {
    if (u.comment) return;
    const type = u.token.tokenType;
    if (type === LBrace) open = i;
    else if (type === RBrace) open = -1;
    else if (type === LParen) parens++;
    else if (type === RParen) parens = Math.max(0, parens - 1);
    else if (open >= 0 && parens === 0 && OBJECT_TYPES.has(type)) {
      widths.set(open, Math.max(widths.get(open) ?? 0, u.token.image.length));
    }
  });
  return widths;
}

export function formatStages(source: string): FormatResult {
  const { problems } = parseStages(source);
  if (problems.length > 0) return { ok: false, problems };
  const units = unitsOf(source);
  const widths = objectWidths(units);
  const nextCode = nextCodeIndex(units);
  const longExpressions = longExpressionStarts(units, nextCode, widths);
  const lines: string[] = [];
  let line = '';
  let braces = 0;
  let parens = 0;
  let width = 0;
  /** Column where the current criteria expression starts, or -1 outside one. */
  let exprColumn = -1;
  /** Index of the `when` unit of the current criteria expression. */
  let exprStart = -1;
  /** The previous unit was a line comment: the line is closed. */
  let lineClosed = false;
  let prev: Unit | undefined;

  const flush = (blankBefore: boolean): void => {
    if (line !== '') lines.push(line);
    if (blankBefore && lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
    line = '';
  };
  const startLine = (u: Unit, indent: string): void => {
    flush(u.newlinesBefore >= 2);
    line = indent;
    lineClosed = false;
  };
  const continuation = (): string => (braces > 0 ? INDENT.repeat(2) : INDENT);

  units.forEach((u, i) => {
    const type = u.token.tokenType;
    const word = text(u);
    const next = units[nextCode[i]];
    if (u.comment) {
      const ownLine = u.newlinesBefore > 0 || prev === undefined;
      if (ownLine || lineClosed) {
        // At the indentation of the code that follows it.
        const indent = next === undefined || next.token.tokenType === RBrace ? INDENT.repeat(Math.max(0, braces - 1)) : braces > 0 ? INDENT : '';
        const inStatement = prev !== undefined && !prev.comment && next !== undefined && next.token.tokenType !== RBrace && !startsLine(next, units[nextCode[nextCode[i]]], braces, parens);
        startLine(u, inStatement ? continuation() : indent);
        line += word;
      } else {
        line += (line.endsWith(' ') || line === '' ? '' : ' ') + word;
      }
      lineClosed = type.name === 'LineComment' || (next !== undefined && sourceBreakAfter(u, units[i + 1]));
      prev = u;
      return;
    }

    if (type === RBrace) {
      braces = Math.max(0, braces - 1);
      startLine(u, '');
      line += word;
      exprColumn = -1;
    } else if (prev === undefined || startsLine(u, units[nextCode[i]], braces, parens)) {
      startLine(u, braces > 0 ? INDENT : '');
      line += word;
      exprColumn = -1;
      if (OBJECT_TYPES.has(type) && braces > 0) line += ' '.repeat(width - word.length);
    } else if ((type === And || type === Or) && parens === 0 && exprColumn >= 0 && (u.newlinesBefore > 0 || longExpressions.has(exprStart))) {
      startLine(u, ' '.repeat(Math.max(0, exprColumn - word.length - 1)));
      line += word;
    } else if (lineClosed) {
      startLine(u, continuation());
      line += word;
    } else {
      const tight = type === RParen || type === Comma || (prev !== undefined && !prev.comment && prev.token.tokenType === LParen);
      line += (tight ? '' : ' ') + word;
    }
    if (type === When && exprColumn < 0) {
      exprColumn = line.length + 1;
      exprStart = i;
    }
    if (type === LBrace) {
      braces++;
      width = widths.get(i) ?? 0;
    } else if (type === LParen) parens++;
    else if (type === RParen) parens = Math.max(0, parens - 1);
    lineClosed = false;
    prev = u;
  });
  flush(false);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const formatted = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
  return { ok: true, text: formatted, changed: formatted !== source };
}

/** Longest criteria line before it is broken at every top-level `and`/`or`. */
export const MAX_LINE = 100;

/**
 * The `when` units of criteria expressions that would not fit in MAX_LINE columns on one line.
 * Measured from the tokens alone (not the source's line breaks), so formatting the output again
 * decides the same way: the layout is idempotent.
 */
function longExpressionStarts(units: readonly Unit[], nextCode: readonly number[], widths: ReadonlyMap<number, number>): Set<number> {
  const long = new Set<number>();
  let width = 0;
  let start = -1;
  let length = 0;
  let braces = 0;
  let parens = 0;
  units.forEach((u, i) => {
    const type = u.token.tokenType;
    if (!u.comment) {
      if (type === LBrace) {
        braces++;
        width = widths.get(i) ?? 0;
      } else if (type === RBrace) braces = Math.max(0, braces - 1);
      if (start >= 0 && (type === RBrace || (braces > 0 && parens === 0 && startsLine(u, units[nextCode[i]], braces, parens)))) start = -1;
      if (type === LParen) parens++;
      else if (type === RParen) parens = Math.max(0, parens - 1);
      if (type === When && braces > 0 && start < 0) {
        start = i;
        length = INDENT.length + width + ' when'.length;
        return;
      }
    }
    if (start >= 0) {
      length += 1 + text(u).length;
      if (length > MAX_LINE) long.add(start);
    }
  });
  return long;
}

/** For each unit, the index of the next code (non-comment) unit after it (`units.length` if none). */
function nextCodeIndex(units: readonly Unit[]): number[] {
  const next = new Array<number>(units.length);
  let after = units.length;
  for (let i = units.length - 1; i >= 0; i--) {
    next[i] = after;
    if (!units[i].comment) after = i;
  }
  return next;
}

/** Whether code unit `u` (followed by code unit `after`) begins a line of the canonical layout. */
function startsLine(u: Unit, after: Unit | undefined, braces: number, parens: number): boolean {
  const type = u.token.tokenType;
  if (braces === 0) return type === Journey || type === Stage;
  if (parens > 0) return false;
  if (OBJECT_TYPES.has(type)) return true;
  if (type === DateKw) return after?.token.tokenType === Follows;
  return false;
}

/** A block comment followed by a line break in the source keeps the break. */
function sourceBreakAfter(_comment: Unit, next: Unit | undefined): boolean {
  return next !== undefined && next.newlinesBefore > 0;
}
