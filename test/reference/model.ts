/**
 * The reference model: SPEC §4 written as plainly as possible, to referee the real targets.
 *
 * Deliberately naive — brute force over every candidate, no indexes, no incremental state,
 * its own tiny predicate interpreter over the checked IR. It shares nothing with the SQL or
 * TypeScript back ends except the output row type and the code-point comparison of
 * `src/runtime/stamp.ts`, so three independent readings of the spec are compared, not two.
 * Clarity beats speed here: the differential tests keep datasets small.
 */
import type { CheckedDefinition, ComparisonOp, Operand, Predicate, StageNumber } from '../../src/compiler/ir.js';
import type { Dataset, Row, Value } from '../../src/data/dataset.js';
import { activationRecordTypeValues } from '../../src/schema/types.js';
import { compareCodePoints, compareStampRows, type StampRow } from '../../src/runtime/stamp.js';

// ---------------------------------------------------------------------------------------------
// §4.1 Predicate logic is two-valued
// ---------------------------------------------------------------------------------------------

function operandValue(operand: Operand, row: Row): Value {
  return operand.kind === 'field' ? (row[operand.column] ?? null) : operand.value;
}

/** Equality of two non-null values of the same family (numbers as doubles, everything else exact). */
function sameValue(a: Exclude<Value, null>, b: Exclude<Value, null>): boolean {
  return a === b;
}

/** Ordering of two non-null values: numbers numerically; dates, datetimes (canonical ISO) by code point. */
function order(a: Exclude<Value, null>, b: Exclude<Value, null>): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return compareCodePoints(String(a), String(b));
}

function compare(op: ComparisonOp, left: Operand, right: Operand, row: Row): boolean {
  const a = operandValue(left, row);
  const b = operandValue(right, row);
  if (op === '=' || op === '!=') {
    let equal: boolean;
    if (a === null && b === null) {
      // Field = field with both null is true (IS NOT DISTINCT FROM). A null literal never
      // reaches the IR (`= null` is a type error), so both-null means two null fields.
      equal = left.kind === 'field' && right.kind === 'field';
    } else if (a === null || b === null) {
      equal = false;
    } else {
      equal = sameValue(a, b);
    }
    return op === '=' ? equal : !equal;
  }
  if (a === null || b === null) return false;
  const c = order(a, b);
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/** The `;`-separated values of a multi-select picklist value. */
function multiValues(value: string): string[] {
  return value.split(';');
}

export function evaluatePredicate(p: Predicate, row: Row): boolean {
  switch (p.kind) {
    case 'and':
      return p.args.every((arg) => evaluatePredicate(arg, row));
    case 'or':
      return p.args.some((arg) => evaluatePredicate(arg, row));
    case 'not':
      return !evaluatePredicate(p.arg, row);
    case 'compare':
      return compare(p.op, p.left, p.right, row);
    case 'in': {
      const v = row[p.field.column] ?? null;
      const member = v !== null && p.values.some((lit) => sameValue(v, lit.value));
      return p.negated ? !member : member;
    }
    case 'isNull': {
      const isNull = (row[p.field.column] ?? null) === null;
      return p.negated ? !isNull : isNull;
    }
    case 'textMatch': {
      const v = row[p.field.column] ?? null;
      const w = operandValue(p.operand, row);
      if (v === null || w === null) return false;
      const text = String(v);
      const part = String(w);
      if (p.op === 'contains') return text.includes(part);
      if (p.op === 'startsWith') return text.startsWith(part);
      return text.endsWith(part);
    }
    case 'multiMatch': {
      const v = row[p.field.column] ?? null;
      let included = false;
      if (v !== null) {
        const have = multiValues(String(v));
        included = p.sets.some((set) => set.every((wanted) => have.includes(wanted)));
      }
      return p.op === 'includes' ? included : !included;
    }
    case 'boolField':
      return (row[p.field.column] ?? null) === true;
  }
}

// ---------------------------------------------------------------------------------------------
// §4.2 Candidates and §4.3 the order key
// ---------------------------------------------------------------------------------------------

/** source_rank of §4.3: on a tie the Contact wins, then Lead, Opportunity, Engagement. */
const SOURCE_RANK = { Contact: 0, Lead: 1, Opportunity: 2, Engagement: 3 } as const;

interface Candidate {
  readonly t: string;
  readonly sourceStage: StageNumber;
  readonly sourceRank: number;
  readonly ownerId: string | null;
  readonly sourceId: string;
}

/** The key `(t, source_stage, source_rank, owner_id nulls last, source_id)`; strings by code point. */
function compareCandidates(a: Candidate, b: Candidate): number {
  const byT = compareCodePoints(a.t, b.t); // canonical instants: code point order = time order
  if (byT !== 0) return byT;
  if (a.sourceStage !== b.sourceStage) return a.sourceStage - b.sourceStage;
  if (a.sourceRank !== b.sourceRank) return a.sourceRank - b.sourceRank;
  if (a.ownerId !== b.ownerId) {
    if (a.ownerId === null) return 1;
    if (b.ownerId === null) return -1;
    const byOwner = compareCodePoints(a.ownerId, b.ownerId);
    if (byOwner !== 0) return byOwner;
  }
  return compareCodePoints(a.sourceId, b.sourceId);
}

function least(candidates: readonly Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) if (best === null || compareCandidates(c, best) < 0) best = c;
  return best;
}

function text(row: Row, field: string): string | null {
  const v = row[field] ?? null;
  return v === null ? null : String(v);
}

interface Journey {
  readonly id: string;
  readonly created: string;
  readonly completed: string | null;
  readonly row: Row;
}

/** The journey window `[CreatedDate, CompletionDate)`, open-ended while not completed. */
function inWindow(journey: Journey, t: string): boolean {
  return compareCodePoints(journey.created, t) <= 0 && (journey.completed === null || compareCodePoints(t, journey.completed) < 0);
}

/** CloseDate `YYYY-MM-DD` (or a datetime) reported as the instant at midnight UTC. */
function dateAsInstant(value: string): string {
  return value.length === 10 ? `${value}T00:00:00.000Z` : value;
}

// ---------------------------------------------------------------------------------------------
// The whole of §4: stamps for every journey and every opportunity
// ---------------------------------------------------------------------------------------------

export function referenceStamps(def: CheckedDefinition, data: Dataset): StampRow[] {
  const { Engagement: E, Lead: L, Contact: C, Opportunity: O } = def.schema.objects;
  const stage = (k: StageNumber) => def.stages[k - 1];
  const enabled = (k: StageNumber) => stage(k).enabled;
  const out: StampRow[] = [];

  const journeys: Journey[] = data.Engagement.filter((row) => activationRecordTypeValues(def.schema).includes(row[E.roles.recordType] as string)).map(
    (row) => ({
      id: String(row[E.roles.id]),
      created: String(row[E.roles.created]),
      completed: text(row, E.roles.completed),
      row,
    }),
  );

  // Stage 2/3 direct candidates, each tied to the journey its CurrentActivationId names.
  const personCandidates: { journeyId: string; candidate: Candidate }[] = [];
  for (const k of [2, 3] as const) {
    if (!enabled(k)) continue;
    for (const [object, def_] of [['Lead', L], ['Contact', C]] as const) {
      const predicate = stage(k).criteria[object];
      if (predicate === undefined) continue;
      for (const v of data[object]) {
        if (!evaluatePredicate(predicate, v)) continue;
        const journeyId = text(v, def_.roles.currentActivation);
        const t = String(v[def_.roles.validFrom]);
        const journey = journeys.find((j) => j.id === journeyId);
        if (journey === undefined || !inWindow(journey, t)) continue;
        personCandidates.push({
          journeyId: journey.id,
          candidate: { t, sourceStage: k, sourceRank: SOURCE_RANK[object], ownerId: text(v, def_.roles.owner), sourceId: String(v[def_.roles.id]) },
        });
      }
    }
  }

  // Opportunities: versions grouped by Id; stage 4 is the earliest version, which also fixes the journey.
  const oppIds = [...new Set(data.Opportunity.map((v) => String(v[O.roles.id])))];
  interface Opportunity {
    readonly id: string;
    readonly journeyId: string | null;
    readonly created: Candidate;
    readonly candidates: Candidate[];
    readonly latest: Row;
  }
  const opportunities: Opportunity[] = oppIds.map((id) => {
    const versions = data.Opportunity.filter((v) => String(v[O.roles.id]) === id);
    const byTime = [...versions].sort((a, b) => compareCodePoints(String(a[O.roles.validFrom]), String(b[O.roles.validFrom])));
    const first = byTime[0];
    const latest = byTime[byTime.length - 1];
    const asCandidate = (v: Row, k: StageNumber): Candidate => ({
      t: String(v[O.roles.validFrom]),
      sourceStage: k,
      sourceRank: SOURCE_RANK.Opportunity,
      ownerId: text(v, O.roles.owner),
      sourceId: id,
    });
    const candidates = [asCandidate(first, 4)];
    for (const k of [5, 6] as const) {
      const predicate = stage(k).criteria.Opportunity;
      if (!enabled(k) || predicate === undefined) continue;
      for (const v of versions) if (evaluatePredicate(predicate, v)) candidates.push(asCandidate(v, k));
    }
    return { id, journeyId: text(first, O.roles.activation), created: candidates[0], candidates, latest };
  });

  // Opportunity stamps for enabled k ∈ {4,5,6}: least own candidate of enabled stages j ≥ k.
  for (const opp of opportunities) {
    for (const k of [4, 5, 6] as const) {
      if (!enabled(k)) continue;
      const winner = least(opp.candidates.filter((c) => c.sourceStage >= k));
      if (winner === null) continue;
      let date = winner.t;
      const follows = stage(k).dateFollows;
      if (k === 6 && follows !== undefined) {
        const value = text(opp.latest, follows); // the latest version, whether or not it still meets the criteria
        if (value !== null) date = dateAsInstant(value);
      }
      out.push({ object: 'opportunity', record_id: opp.id, stage: k, label: stage(k).label, stage_date: date, owner_id: winner.ownerId, inferred: winner.sourceStage !== k });
    }
  }

  // Engagement stamps for enabled k ∈ {1,2,3}.
  for (const journey of journeys) {
    const own: Candidate[] = [
      { t: journey.created, sourceStage: 1, sourceRank: SOURCE_RANK.Engagement, ownerId: text(journey.row, E.roles.owner), sourceId: journey.id },
      ...personCandidates.filter((p) => p.journeyId === journey.id).map((p) => p.candidate),
    ];
    const attributed = opportunities.filter((o) => o.journeyId === journey.id && inWindow(journey, o.created.t));
    // Chosen by (t, Id) — not by the full candidate key, where the owner would come before the Id.
    const primaryOpp = primaryOpportunity(attributed);
    for (const k of [1, 2, 3] as const) {
      if (!enabled(k)) continue;
      const pool = own.filter((c) => c.sourceStage >= k);
      if (k !== 1 && primaryOpp !== null) pool.push(primaryOpp.created);
      const winner = least(pool);
      if (winner === null) continue;
      out.push({ object: 'engagement', record_id: journey.id, stage: k, label: stage(k).label, stage_date: winner.t, owner_id: winner.ownerId, inferred: winner.sourceStage !== k });
    }
  }

  return out.sort(compareStampRows);
}

/** §4.2: among opportunities attributed to the journey and created inside its window, the least `(t, Id)`. */
function primaryOpportunity<T extends { readonly id: string; readonly created: Candidate }>(attributed: readonly T[]): T | null {
  let best: T | null = null;
  for (const o of attributed) {
    if (best === null) {
      best = o;
      continue;
    }
    const byT = compareCodePoints(o.created.t, best.created.t);
    if (byT < 0 || (byT === 0 && compareCodePoints(o.id, best.id) < 0)) best = o;
  }
  return best;
}
