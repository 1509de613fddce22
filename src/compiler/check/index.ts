/**
 * The type checker: AST → CheckedDefinition (../ir.ts). It enforces the structure of a
 * definition (which stages exist, which objects each stage takes, labels, `date follows`) and
 * type-checks every criteria expression against the schema. Every problem is reported; the IR
 * is produced only when there is no error.
 */
import type { CriteriaLine, DateFollowsLine, DefinitionFile, Span, StageDecl } from '../../grammar/ast.js';
import type { Problem } from '../diagnostics.js';
import { DEFAULT_LABELS, STAGE_NUMBERS, type CheckedDefinition, type CheckedStage, type CriteriaObject, type Predicate, type StageNumber } from '../ir.js';
import type { Schema } from '../../schema/types.js';
import { warehouseSchema } from '../../schema/warehouse.js';
import { ExpressionChecker } from './expressions.js';
import { FieldResolver, describeField } from './fields.js';
import { ProblemSink } from './problems.js';

export interface AstCheckResult {
  readonly definition: CheckedDefinition | null;
  readonly problems: readonly Problem[];
}

const OBJECT_OF: Record<CriteriaLine['object'], CriteriaObject> = { lead: 'Lead', contact: 'Contact', opportunity: 'Opportunity' };

/** Which criteria objects each customizable stage takes. */
const STAGE_OBJECTS: Record<StageNumber, readonly CriteriaObject[]> = {
  1: [],
  2: ['Lead', 'Contact'],
  3: ['Lead', 'Contact'],
  4: [],
  5: ['Opportunity'],
  6: ['Opportunity'],
};

function isFixedStage(n: StageNumber): boolean {
  return n === 1 || n === 4;
}

interface StageDraft {
  readonly decl: StageDecl;
  label: string;
  enabled: boolean;
  criteria: { Lead?: Predicate; Contact?: Predicate; Opportunity?: Predicate };
  dateFollows?: string;
}

export interface CheckOptions {
  /** 1-based line of an offset (for "already declared on line N" messages). */
  readonly lineOf: (offset: number) => number;
}

export function checkAst(ast: DefinitionFile, schema: Schema, options: CheckOptions): AstCheckResult {
  const sink = new ProblemSink();
  const drafts = new Map<StageNumber, StageDraft>();
  let journey: string | null = null;
  const [first, ...others] = ast.journeys;
  if (first?.name) {
    const value = first.name.value;
    if (value !== undefined && value.trim() === '') sink.error('SC308', 'the journey name must not be empty', first.name.span);
    journey = value ?? null;
  }
  for (const other of others) {
    sink.error('SC310', `a definition has one journey name (already given on line ${options.lineOf(first.span.start)})`, other.span);
  }
  for (const decl of ast.stages) {
    const n = stageNumber(decl, sink);
    if (n === undefined) continue;
    const earlier = drafts.get(n);
    if (earlier) {
      sink.error('SC302', `stage ${n} is declared twice (first on line ${options.lineOf(earlier.decl.span.start)})`, decl.number?.span ?? decl.keywordSpan);
      // Its body is still checked, so every problem is reported at once (SPEC §2); the draft is dropped.
      checkStage(n, decl, schema, sink, options);
      continue;
    }
    drafts.set(n, checkStage(n, decl, schema, sink, options));
  }
  if (sink.errorCount > 0) return { definition: null, problems: sink.problems };
  const stages: CheckedStage[] = STAGE_NUMBERS.map((n) => {
    const d = drafts.get(n);
    const base = { stage: n, label: d?.label ?? DEFAULT_LABELS[n], enabled: d ? d.enabled : isFixedStage(n), criteria: d?.criteria ?? {} };
    return d?.dateFollows !== undefined ? { ...base, dateFollows: d.dateFollows } : base;
  });
  return { definition: { journey, stages, schema: warehouseSchema(schema) }, problems: sink.problems };
}

function stageNumber(decl: StageDecl, sink: ProblemSink): StageNumber | undefined {
  if (!decl.number) return undefined;
  const text = decl.number.text;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 6) {
    sink.error('SC301', `there is no stage ${text}: stages are numbered 1 to 6`, decl.number.span);
    return undefined;
  }
  return value as StageNumber;
}

function checkStage(n: StageNumber, decl: StageDecl, schema: Schema, sink: ProblemSink, options: CheckOptions): StageDraft {
  const draft: StageDraft = { decl, label: DEFAULT_LABELS[n], enabled: true, criteria: {} };
  if (!decl.label) {
    // After a syntax error in the header, the label may just not have been read.
    if (!decl.recovered) sink.error('SC308', `stage ${n} needs a label, e.g. stage ${n} "${DEFAULT_LABELS[n]}"`, decl.number?.span ?? decl.keywordSpan);
  } else if (decl.label.value !== undefined) {
    if (decl.label.value.trim() === '') sink.error('SC308', `the label of stage ${n} must not be empty`, decl.label.span);
    else draft.label = decl.label.value;
  }
  const body = decl.body;
  if (body.kind === 'unused') {
    if (isFixedStage(n)) {
      sink.error('SC309', `stage ${n} is always stamped and cannot be unused`, body.span);
    }
    draft.enabled = false;
    return draft;
  }
  if (body.kind === 'bare') {
    if (!isFixedStage(n) && !decl.recovered) warnNoCriteria(n, decl.label?.span ?? decl.number?.span ?? decl.keywordSpan, sink);
    return draft;
  }
  // A line that is not allowed where it stands is reported, and its fields and comparisons are
  // still checked (its result dropped), so every problem is reported at once (SPEC §2).
  const criteriaAllowed = !isFixedStage(n);
  if (!criteriaAllowed) {
    const what = n === 1 ? 'every Activation engagement' : 'every new opportunity';
    sink.error('SC303', `stage ${n} stamps ${what} and takes a label only: criteria are not allowed here`, blockHead(body.span));
  }
  const lineOfObject = new Map<CriteriaObject, CriteriaLine>();
  let follows: DateFollowsLine | undefined;
  for (const line of body.lines) {
    if (line.kind === 'unknownObject') continue;
    if (line.kind === 'dateFollows') {
      let allowed = criteriaAllowed;
      if (allowed && n !== 6) {
        sink.error('SC306', `'date follows' is only allowed in stage 6 (the won date)`, line.keywordSpan);
        allowed = false;
      } else if (allowed && follows) {
        sink.error('SC307', `stage 6 already has a 'date follows' line (line ${options.lineOf(follows.span.start)})`, line.keywordSpan);
        allowed = false;
      }
      if (allowed) follows = line;
      const field = dateFollowsField(line, schema, sink);
      if (allowed && field !== undefined) draft.dateFollows = field;
      continue;
    }
    const object = OBJECT_OF[line.object];
    let allowed = criteriaAllowed;
    if (allowed && !STAGE_OBJECTS[n].includes(object)) {
      const objects = STAGE_OBJECTS[n].map((o) => `'${o.toLowerCase()}'`).join(' and ');
      sink.error('SC304', `stage ${n} does not take '${line.object}' criteria (stage ${n} takes ${objects})`, line.objectSpan);
      allowed = false;
    }
    const first = allowed ? lineOfObject.get(object) : undefined;
    if (first) {
      sink.error(
        'SC305',
        `stage ${n} already has a '${line.object}' line (line ${options.lineOf(first.span.start)}); combine them with and/or`,
        line.objectSpan,
      );
      allowed = false;
    }
    if (allowed) lineOfObject.set(object, line);
    const resolver = new FieldResolver(object, schema, sink);
    // A line the parser could not read to its end already has its syntax error.
    if (line.recovered) continue;
    const predicate = new ExpressionChecker(resolver, sink).check(line.expr);
    if (allowed && predicate) draft.criteria[object] = predicate;
  }
  if (!criteriaAllowed) return draft;
  // Only a block that really is empty: one with invalid lines or a syntax error was already reported.
  if (body.lines.length === 0 && !body.recovered && !decl.recovered) warnNoCriteria(n, blockHead(body.span), sink);
  return draft;
}

function warnNoCriteria(n: StageNumber, span: Span, sink: ProblemSink): void {
  const consequence = n === 6 ? 'it is never stamped' : 'it is stamped only by back-fill from later stages';
  sink.warning('SC401', `stage ${n} has no criteria: ${consequence} (write \`unused\` to switch it off)`, span);
}

/** The opening `{` of a block: underlining a whole multi-line block helps nobody. */
function blockHead(span: Span): Span {
  return { start: span.start, end: span.start + 1 };
}

function dateFollowsField(line: DateFollowsLine, schema: Schema, sink: ProblemSink): string | undefined {
  if (!line.field) return undefined;
  const field = new FieldResolver('Opportunity', schema, sink).resolve(line.field);
  if (!field) return undefined;
  if (field.ref.type !== 'date') {
    const dates = Object.entries(schema.objects.Opportunity.fields).filter(([, f]) => f.type === 'date').map(([name]) => name);
    sink.error(
      'SC211',
      `'date follows' needs a date field of Opportunity; ${describeField(field)} is not a date${dates.length > 0 ? ` (date fields: ${dates.join(', ')})` : ''}`,
      line.field.span,
      dates.length === 1 ? dates[0] : undefined,
    );
    return undefined;
  }
  return field.ref.column;
}
