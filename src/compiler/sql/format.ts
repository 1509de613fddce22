/**
 * Formatting of the generated SQL: sql-formatter lays out the view skeleton, and long boolean
 * expressions (stage criteria: thousands of tokens for a large definition) are laid out here.
 *
 * Why: sql-formatter parses with an Earley parser at roughly 150 characters per millisecond,
 * so a definition whose criteria hold 1,000 comparisons spent ~400 ms formatting. The
 * expressions the back end emits use a tiny vocabulary (words, literals, comparison
 * operators, AND/OR/NOT, calls, parentheses and commas), for which sql-formatter's layout
 * rules are simple and reproduced exactly below (default options: `expressionWidth` 50,
 * `logicalOperatorNewline` 'before', keyword case preserved):
 *   - a parenthesised group stays on one line when its content fits in 49 characters and
 *     holds no AND/OR; otherwise `(` ends the line, the content is indented one level and
 *     `)` returns to the group's level;
 *   - in a broken group, AND/OR start a new line and commas end one;
 *   - a function name touches its `(`; keywords (`NOT (`, `IN (`) are followed by a space.
 * A group is only taken over when it is long enough that sql-formatter would break it
 * anyway and every token in it is in that vocabulary; anything else (and every short group)
 * stays with sql-formatter, so the output is the same text sql-formatter alone produced.
 */
import { createRequire } from 'node:module';
import type { FormatOptionsWithLanguage, SqlLanguage } from 'sql-formatter';

let sqlFormatter: ((query: string, options: FormatOptionsWithLanguage) => string) | undefined;

/**
 * sql-formatter's `format`, loaded on first use (its CommonJS build, synchronously): loading
 * it takes about 0.2 s, and `stages run` compiles its views unformatted and never needs it.
 */
function format(query: string, options: FormatOptionsWithLanguage): string {
  sqlFormatter ??= (createRequire(import.meta.url)('sql-formatter') as typeof import('sql-formatter')).format;
  return sqlFormatter(query, options);
}

const EXPRESSION_WIDTH = 50;
const TAB = '  ';

type Token =
  | { readonly kind: 'word'; readonly text: string }
  | { readonly kind: 'logical'; readonly text: string }
  | { readonly kind: 'comma' }
  | { readonly kind: 'group'; readonly call: string | null; readonly items: readonly Token[]; readonly start: number; readonly end: number };

/** Keywords that may precede `(` without being a function call. */
const PAREN_KEYWORDS = new Set(['NOT', 'IN', 'AND', 'OR']);
/** Words that would make sql-formatter lay out a construct of its own: never taken over. */
const STRUCTURAL = new Set([
  'SELECT', 'FROM', 'WHERE', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'BETWEEN', 'EXISTS', 'XOR',
  'UNION', 'JOIN', 'ON', 'GROUP', 'ORDER', 'BY', 'PARTITION', 'OVER', 'QUALIFY', 'HAVING',
  'LIMIT', 'WINDOW', 'WITH', 'AS', 'DISTINCT', 'ARRAY', 'INTERVAL', 'FILTER', 'WITHIN',
]);
const DISTINCT_PHRASE = /IS\s+(NOT\s+)?DISTINCT\s+FROM\b/iy;
const NAME = '(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")*")';
const WORD = new RegExp(`${NAME}(?:\\.${NAME})*`, 'y');
const NUMBER = /\d+(?:\.\d+)?(?![A-Za-z0-9_.])/y;
const OPERATOR = /(?:<=>|>=|<=|<>|!=|\|\||=|<|>)/y;
const STRING = /'(?:[^']|'')*'/y;
const QUOTED = /"(?:[^"]|"")*"/y;

class Unsupported extends Error {}

function sticky(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
}

/** Whether sql-formatter treats `name(` as a function call (no space before `(`), per language. */
const callCache = new Map<string, boolean>();
function isFunctionName(name: string, language: SqlLanguage): boolean {
  const key = `${language}\u0000${name.toUpperCase()}`;
  let known = callCache.get(key);
  if (known === undefined) {
    try {
      known = format(`SELECT ${name}(x)`, { language }).includes(`${name}(x)`);
    } catch {
      known = false;
    }
    callCache.set(key, known);
  }
  return known;
}

/**
 * Reads the parenthesised group that opens at `text[open]`; throws Unsupported on any token
 * outside the vocabulary. Returns the group token (with `end` just past its `)`).
 */
function readGroup(text: string, open: number, call: string | null, language: SqlLanguage): Token & { kind: 'group' } {
  const items: Token[] = [];
  let i = open + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === ')') return { kind: 'group', call, items, start: open, end: i + 1 };
    if (ch === ',') {
      items.push({ kind: 'comma' });
      i++;
      continue;
    }
    if (ch === '(') {
      const prev = items[items.length - 1];
      let name: string | null = null;
      if (prev?.kind === 'word' && !PAREN_KEYWORDS.has(prev.text.toUpperCase())) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(prev.text) || !isFunctionName(prev.text, language)) throw new Unsupported();
        name = prev.text;
        items.pop();
      }
      const group = readGroup(text, i, name, language);
      items.push(group);
      i = group.end;
      continue;
    }
    const phrase = sticky(DISTINCT_PHRASE, text, i);
    if (phrase) {
      items.push({ kind: 'word', text: phrase.replace(/\s+/g, ' ') });
      i += phrase.length;
      continue;
    }
    const token = sticky(STRING, text, i) ?? sticky(NUMBER, text, i) ?? sticky(OPERATOR, text, i) ?? sticky(WORD, text, i);
    if (token === null) throw new Unsupported();
    const upper = token.toUpperCase();
    if (STRUCTURAL.has(upper)) throw new Unsupported();
    items.push(upper === 'AND' || upper === 'OR' ? { kind: 'logical', text: token } : { kind: 'word', text: token });
    i += token.length;
  }
  throw new Unsupported();
}

/** The group's content on one line, or null when sql-formatter would not keep it on one line. */
function inlineContent(items: readonly Token[]): string | null {
  let out = '';
  for (const t of items) {
    if (t.kind === 'logical') return null;
    if (t.kind === 'comma') {
      out += ', ';
      continue;
    }
    if (out !== '' && !out.endsWith(' ')) out += ' ';
    if (t.kind === 'word') out += t.text;
    else {
      const inner = inlineContent(t.items);
      if (inner === null) return null;
      out += `${t.call ?? ''}(${inner})`;
    }
    if (out.length >= EXPRESSION_WIDTH) return null;
  }
  return out.endsWith(' ') ? out.slice(0, -1) : out;
}

function inlineGroup(t: Token & { kind: 'group' }): string | null {
  const inner = inlineContent(t.items);
  return inner === null || inner.length + 1 > EXPRESSION_WIDTH ? null : `${t.call ?? ''}(${inner})`;
}

/** A group sql-formatter breaks: `(`, its content one level deeper, `)` back at `level`. */
function brokenGroup(t: Token & { kind: 'group' }, level: number): string {
  const inner = TAB.repeat(level + 1);
  let out = `${t.call ?? ''}(\n${inner}`;
  let atLineStart = true;
  for (const item of t.items) {
    switch (item.kind) {
      case 'logical':
        out += `\n${inner}${item.text}`;
        atLineStart = false;
        break;
      case 'comma':
        out += `,\n${inner}`;
        atLineStart = true;
        break;
      case 'word':
        out += atLineStart ? item.text : ` ${item.text}`;
        atLineStart = false;
        break;
      case 'group': {
        const text = inlineGroup(item) ?? brokenGroup(item, level + 1);
        out += atLineStart ? text : ` ${text}`;
        atLineStart = false;
        break;
      }
    }
  }
  return `${out}\n${TAB.repeat(level)})`;
}

/** A long expression group cut out of the skeleton: formatted here once the skeleton has its layout. */
export interface Hole {
  readonly marker: string;
  readonly group: Token & { kind: 'group' };
}

/**
 * Replaces each long expression group that is not a call's argument list by a marker word as
 * long as the group (so the skeleton's own layout decisions do not change). Exported for tests.
 */
export function cutHoles(sql: string, language: SqlLanguage): { skeleton: string; holes: Hole[] } {
  const holes: Hole[] = [];
  let skeleton = '';
  let copied = 0;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (ch === "'" || ch === '"') {
      const literal = sticky(ch === "'" ? STRING : QUOTED, sql, i);
      if (literal === null) break;
      i += literal.length - 1;
      continue;
    }
    if (ch !== '(') continue;
    const before = sql[i - 1];
    if (before !== undefined && before !== ' ' && before !== '\n' && before !== '(') continue;
    // After a keyword the space before `(` stays (`WHERE (`, `NOT (`); a function name would be
    // glued to its `(` by sql-formatter, so such a group stays with sql-formatter.
    const wordBefore = /([A-Za-z0-9_$.]+)\s*$/.exec(sql.slice(Math.max(0, i - 40), i));
    if (wordBefore && !PAREN_KEYWORDS.has(wordBefore[1].toUpperCase()) && (wordBefore[1].includes('.') || isFunctionName(wordBefore[1], language))) continue;
    let group: (Token & { kind: 'group' }) | null = null;
    try {
      group = readGroup(sql, i, null, language);
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
    }
    if (group === null || inlineGroup(group) !== null || group.end - group.start < EXPRESSION_WIDTH * 4) continue;
    const marker = `sc_expr_${holes.length}_`.padEnd(EXPRESSION_WIDTH + 10, 'x');
    holes.push({ marker, group });
    skeleton += `${sql.slice(copied, i)}${marker}`;
    copied = group.end;
    i = group.end - 1;
  }
  return { skeleton: skeleton + sql.slice(copied), holes };
}

/** Formats one statement as sql-formatter would (2-space indent, the dialect's language). */
export function formatSql(sql: string, language: SqlLanguage): string {
  const { skeleton, holes } = cutHoles(sql, language);
  const formatted = format(skeleton, { language, tabWidth: 2 });
  if (holes.length === 0) return formatted;
  const byMarker = new Map(holes.map((h) => [h.marker, h.group]));
  return formatted.replace(/sc_expr_\d+_x+/g, (marker, offset: number) => {
    const group = byMarker.get(marker);
    if (group === undefined) throw new Error(`internal: unknown SQL expression marker ${marker}`);
    const lineStart = formatted.lastIndexOf('\n', offset - 1) + 1;
    const indent = /^ */.exec(formatted.slice(lineStart, offset))![0].length;
    return brokenGroup(group, indent / TAB.length);
  });
}
