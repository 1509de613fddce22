/**
 * What the language server knows about a `.stages` text at a position, as plain functions of
 * (text, offset, schema): completion items, hover text, document symbols and folding ranges.
 * The server (`server.ts`) only translates these to LSP types. Everything here comes from the
 * lexer and the schema — the same sources the checker uses — so the editor agrees with
 * `stages check`.
 */
import type { IToken } from 'chevrotain';
import {
  And, Contact, Follows, In, Journey, KEYWORDS, LBrace, Lead, LParen, Not, Opportunity, Or, RBrace, RParen, Comma, Stage, When,
  NumberLiteral, stagesLexer, CompOp, StringLiteral, Identifier, QuotedIdentifier, Includes, Excludes,
} from '../grammar/tokens.js';
import { valueFamily, type FieldDef, type Schema, type ValueFamily, type VersionedObjectName } from '../schema/types.js';

export type CompletionKind = 'keyword' | 'object' | 'field' | 'operator' | 'value';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  /** Text inserted (defaults to the label). */
  readonly insert?: string;
}

/** SPEC §1: what each stage means. */
export const STAGE_MEANING: Record<number, string> = {
  1: 'Stage 1 — Activation / new sales journey: every Activation Engagement. Not customizable (label only). Stored on Engagement.',
  2: 'Stage 2 — Routed lead/contact (e.g. MQL): a predicate on Lead and/or Contact fields. Customizable. Stored on Engagement.',
  3: 'Stage 3 — Accepted lead/contact (e.g. SAL): a predicate on Lead and/or Contact fields. Customizable. Stored on Engagement.',
  4: 'Stage 4 — Opportunity created: every new Opportunity. Not customizable (label only). Stored on Opportunity.',
  5: 'Stage 5 — Qualified opportunity / pipeline (e.g. SQL): a predicate on Opportunity fields, typically `Probability > 0`. Customizable. Stored on Opportunity.',
  6: 'Stage 6 — Won: a predicate on Opportunity fields, typically `IsWon`; `date follows FIELD` sets the reported date. Customizable. Stored on Opportunity.',
};

const KEYWORD_DOCS: Record<string, string> = {
  journey: '`journey "Name"`: the name of the sales journey this file defines.',
  stage: '`stage N "Label"` with N in 1–6; stages 2, 3, 5, 6 take `{ OBJECT when EXPRESSION … }` or `unused`.',
  unused: '`stage N "Label" unused`: the stage is not stamped and not back-filled.',
  when: '`OBJECT when EXPRESSION`: the criteria of the stage for that object.',
  follows: '`date follows FIELD` (stage 6): the reported date is that date field of the opportunity\'s latest version.',
  lead: 'Criteria on Lead versions (stages 2 and 3).',
  contact: 'Criteria on Contact versions (stages 2 and 3).',
  opportunity: 'Criteria on Opportunity versions (stages 5 and 6).',
  and: 'Both sides hold.', or: 'Either side holds.', not: 'Plain negation (two-valued logic: a null field is a value).',
  in: '`FIELD in (v1, v2, …)`: false when the field is null.', is: '`FIELD is null` / `FIELD is not null`.',
  contains: 'Text contains (case-sensitive); false when null.', starts: '`starts with`: text prefix; false when null.',
  ends: '`ends with`: text suffix; false when null.', includes: 'Multi-select picklist holds all of a `;`-separated set.',
  excludes: 'Multi-select picklist holds none of a set; true when null.',
};

const OBJECT_OF: Record<string, VersionedObjectName> = { lead: 'Lead', contact: 'Contact', opportunity: 'Opportunity' };
const OBJECTS_OF_STAGE: Record<number, readonly string[]> = { 2: ['lead', 'contact'], 3: ['lead', 'contact'], 5: ['opportunity'], 6: ['opportunity'] };

const OPERATORS: Record<ValueFamily, readonly string[]> = {
  text: ['=', '!=', 'in', 'not in', 'is null', 'is not null', 'contains', 'starts with', 'ends with'],
  picklist: ['=', '!=', 'in', 'not in', 'is null', 'is not null'],
  multipicklist: ['includes', 'excludes', 'is null', 'is not null'],
  boolean: ['=', '!=', 'is null', 'is not null', 'and', 'or'],
  number: ['=', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'is null', 'is not null'],
  date: ['=', '!=', '<', '<=', '>', '>=', 'is null', 'is not null'],
  datetime: ['=', '!=', '<', '<=', '>', '>=', 'is null', 'is not null'],
};

function typeText(field: FieldDef): string {
  return field.values ? `${field.type} [${field.values.join(', ')}]` : field.type;
}

function quoted(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const isKeyword = (t: IToken, name: string) => t.tokenType.name === name;
const fieldName = (t: IToken) => (t.tokenType === QuotedIdentifier ? t.image.slice(1, -1) : t.image);

/** Where the position is: the stage and object of the enclosing criteria line, and the tokens before it. */
interface Context {
  readonly before: readonly IToken[];
  readonly stage?: number;
  readonly inBraces: boolean;
  readonly object?: VersionedObjectName;
  /** The field of the innermost comparison or `in (…)` being written. */
  readonly field?: string;
  readonly inList: boolean;
}

function contextAt(text: string, offset: number): Context {
  const before = stagesLexer.tokenize(text.slice(0, offset)).tokens.filter((t) => t.startOffset + t.image.length <= offset);
  let stage: number | undefined;
  let inBraces = false;
  let object: VersionedObjectName | undefined;
  let field: string | undefined;
  let parens = 0;
  let listOpen = -1;
  before.forEach((t, i) => {
    const type = t.tokenType;
    if (type === Stage) {
      const n = before[i + 1];
      stage = n && n.tokenType === NumberLiteral ? Number(n.image) : undefined;
      inBraces = false;
      object = undefined;
    } else if (type === LBrace) inBraces = true;
    else if (type === RBrace) {
      inBraces = false;
      object = undefined;
    } else if (inBraces && parens === 0 && (type === Lead || type === Contact || type === Opportunity)) object = OBJECT_OF[t.image.toLowerCase()];
    else if (type === Identifier || type === QuotedIdentifier) field = fieldName(t);
    else if (type === LParen) {
      parens++;
      const p = before[i - 1];
      if (p && (p.tokenType === In || p.tokenType === Includes || p.tokenType === Excludes)) listOpen = parens;
    } else if (type === RParen) {
      if (listOpen === parens) listOpen = -1;
      parens = Math.max(0, parens - 1);
    }
  });
  return { before, stage, inBraces, object, field, inList: listOpen > 0 };
}

export function completionsAt(text: string, offset: number, schema: Schema): Completion[] {
  const ctx = contextAt(text, offset);
  const last = ctx.before[ctx.before.length - 1];
  const fields = ctx.object ? schema.objects[ctx.object].fields : undefined;
  const fieldItems = (filter: (f: FieldDef) => boolean = () => true): Completion[] =>
    Object.entries(fields ?? {})
      .filter(([, f]) => filter(f))
      .map(([name, f]) => ({ label: name, kind: 'field' as const, detail: typeText(f) }));
  const values = (): Completion[] => {
    const f = ctx.field && fields ? fields[ctx.field] : undefined;
    if (f?.type === 'boolean') return ['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, detail: `${ctx.field} value` }));
    return (f?.values ?? []).map((v) => ({ label: quoted(v), kind: 'value' as const, detail: `${ctx.field} value` }));
  };

  if (!ctx.inBraces) {
    if (last && last.tokenType === Stage) return [1, 2, 3, 4, 5, 6].map((n) => ({ label: String(n), kind: 'keyword', detail: STAGE_MEANING[n] }));
    if (last && isString(last) && !isLineEnd(text, last, offset)) {
      // On the line of a stage's label come its criteria block or `unused`; after the journey name, nothing.
      const header = ctx.before[ctx.before.length - 3];
      return header?.tokenType === Stage
        ? [{ label: 'unused', kind: 'keyword', detail: KEYWORD_DOCS.unused }, { label: '{', kind: 'operator', detail: KEYWORD_DOCS.stage }]
        : [];
    }
    return [
      { label: 'journey', kind: 'keyword', insert: 'journey "', detail: KEYWORD_DOCS.journey },
      { label: 'stage', kind: 'keyword', detail: KEYWORD_DOCS.stage },
    ];
  }
  if (last && last.tokenType === Follows) {
    return Object.entries(schema.objects.Opportunity.fields)
      .filter(([, f]) => f.type === 'date')
      .map(([name, f]) => ({ label: name, kind: 'field', detail: f.type }));
  }
  const atLineStart = !last || last.tokenType === LBrace || ctx.object === undefined || isLineEnd(text, last, offset);
  if (ctx.object === undefined || (atLineStart && !isOperand(last))) {
    const objects = OBJECTS_OF_STAGE[ctx.stage ?? 0] ?? [];
    const items: Completion[] = objects.map((o) => ({ label: o, kind: 'object', insert: `${o} when `, detail: KEYWORD_DOCS[o] }));
    if (ctx.stage === 6) items.push({ label: 'date follows', kind: 'keyword', detail: KEYWORD_DOCS.follows });
    if (ctx.object === undefined) return items;
    if (last && (last.tokenType === LBrace || isLineEnd(text, last, offset))) return [...items, ...fieldItems()];
  }
  if (!last) return [];
  const type = last.tokenType;
  if (ctx.inList && (type === LParen || type === Comma)) return values();
  if (type === When || type === And || type === Or || type === Not || type === LParen) return fieldItems();
  if (type === In || type === Includes || type === Excludes) return [{ label: '(', kind: 'operator' }];
  if (type.name !== 'Identifier' && type !== QuotedIdentifier && (type === CompOp || type.CATEGORIES?.includes(CompOp))) return values();
  if (type === Identifier || type === QuotedIdentifier) {
    const f = fields?.[fieldName(last)];
    if (f) return OPERATORS[valueFamily(f.type)].map((op) => ({ label: op, kind: 'operator', detail: `on ${typeText(f)}` }));
  }
  return [];
}

/** A quoted text token (a label, the journey name): `StringLiteral` is the category of its kinds. */
function isString(t: IToken): boolean {
  return t.tokenType === StringLiteral || (t.tokenType.CATEGORIES ?? []).includes(StringLiteral);
}

function isOperand(t: IToken | undefined): boolean {
  return t !== undefined && (t.tokenType === When || t.tokenType === And || t.tokenType === Or || t.tokenType === Not || t.tokenType === LParen || t.tokenType === CompOp || (t.tokenType.CATEGORIES ?? []).includes(CompOp));
}

function isLineEnd(text: string, last: IToken, offset: number): boolean {
  return text.slice(last.startOffset + last.image.length, offset).includes('\n') && last.tokenType !== When;
}

/** Markdown hover text for the token at `offset`, or undefined. */
export function hoverAt(text: string, offset: number, schema: Schema): { text: string; start: number; end: number } | undefined {
  const tokens = stagesLexer.tokenize(text).tokens;
  const index = tokens.findIndex((t) => t.startOffset <= offset && offset < t.startOffset + t.image.length);
  if (index < 0) return undefined;
  const token = tokens[index];
  const span = { start: token.startOffset, end: token.startOffset + token.image.length };
  if (token.tokenType === Identifier || token.tokenType === QuotedIdentifier) {
    const ctx = contextAt(text, token.startOffset);
    const name = fieldName(token);
    const followsDate = tokens[index - 1]?.tokenType === Follows;
    const object = followsDate ? 'Opportunity' : ctx.object;
    const f = object ? schema.objects[object].fields[name] : undefined;
    if (!f || !object) return undefined;
    const values = f.values ? `\n\nValues: ${f.values.map((v) => `\`${v}\``).join(', ')}` : '';
    return { text: `**${object}.${name}**: \`${f.type}\`${values}`, ...span };
  }
  if (token.tokenType === Stage || (token.tokenType === NumberLiteral && tokens[index - 1]?.tokenType === Stage)) {
    const n = token.tokenType === Stage ? Number(tokens[index + 1]?.image) : Number(token.image);
    if (STAGE_MEANING[n]) return { text: STAGE_MEANING[n], ...span };
  }
  if (KEYWORDS.includes(token.tokenType)) {
    const doc = KEYWORD_DOCS[token.image.toLowerCase()];
    if (doc) return { text: doc, ...span };
  }
  return undefined;
}

export interface Symbol {
  readonly name: string;
  readonly kind: 'journey' | 'stage';
  readonly start: number;
  readonly end: number;
  readonly selectionStart: number;
  readonly selectionEnd: number;
}

/** The journey and stage declarations, with their extents (to the closing brace of a block). */
export function symbolsOf(text: string): Symbol[] {
  const tokens = stagesLexer.tokenize(text).tokens;
  const symbols: Symbol[] = [];
  tokens.forEach((t, i) => {
    if (t.tokenType !== Journey && t.tokenType !== Stage) return;
    const isStage = t.tokenType === Stage;
    let j = i + 1;
    let end = t.startOffset + t.image.length;
    let depth = 0;
    for (; j < tokens.length; j++) {
      const u = tokens[j];
      if (depth === 0 && (u.tokenType === Journey || u.tokenType === Stage)) break;
      if (u.tokenType === LBrace) depth++;
      if (u.tokenType === RBrace) depth = Math.max(0, depth - 1);
      end = u.startOffset + u.image.length;
    }
    const parts = tokens.slice(i + 1, Math.min(j, i + 3));
    const label = parts.find((p) => p.tokenType.CATEGORIES?.includes(StringLiteral))?.image ?? '';
    const number = isStage ? parts.find((p) => p.tokenType === NumberLiteral)?.image ?? '?' : '';
    symbols.push({
      name: isStage ? `stage ${number} ${label}`.trim() : `journey ${label}`.trim(),
      kind: isStage ? 'stage' : 'journey',
      start: t.startOffset,
      end,
      selectionStart: t.startOffset,
      selectionEnd: (parts[parts.length - 1] ?? t).startOffset + (parts[parts.length - 1] ?? t).image.length,
    });
  });
  return symbols;
}

/** Foldable regions as offsets: every `{ … }` block and every multi-line block comment. */
export function foldingRangesOf(text: string): { start: number; end: number; comment: boolean }[] {
  const lexed = stagesLexer.tokenize(text);
  const ranges: { start: number; end: number; comment: boolean }[] = [];
  const open: number[] = [];
  for (const t of lexed.tokens) {
    if (t.tokenType === LBrace) open.push(t.startOffset);
    else if (t.tokenType === RBrace && open.length > 0) ranges.push({ start: open.pop() as number, end: t.startOffset, comment: false });
  }
  for (const c of lexed.groups.comments ?? []) {
    if (c.image.includes('\n')) ranges.push({ start: c.startOffset, end: c.startOffset + c.image.length, comment: true });
  }
  return ranges;
}

