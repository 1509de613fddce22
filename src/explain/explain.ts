/**
 * Why a journey or an opportunity has each stamp: SPEC §4.2–§4.4 recomputed candidate by
 * candidate for one record, keeping every candidate (the evaluator keeps only the best per
 * stage), so the winner of each stamp, the runners-up and the near misses can be shown.
 *
 * Predicates are the TypeScript back end's compiled ones (the evaluator definition), applied
 * to records normalised by the runtime's own validation, and strings compare with the
 * runtime's `compareCodePoints`: explain cannot disagree with the evaluator on a predicate or
 * an order. `test/explain/agreement.test.ts` holds every winner equal to the stamps of the
 * DuckDB views and of the evaluator.
 */
import type { CheckedDefinition, CriteriaObject, StageNumber } from '../compiler/ir.js';
import { SourceRank } from '../runtime/candidate.js';
import type { EvaluatorDefinition, EvaluatorRecord } from '../runtime/definition.js';
import { compareCodePoints } from '../runtime/stamp.js';
import { formatInstant, parseDate, parseInstant } from '../runtime/values.js';
import type { CriteriaSources } from './lines.js';

export interface ExplainContext {
  readonly definition: CheckedDefinition;
  /** The definition compiled by the TypeScript back end: its predicates decide what met criteria. */
  readonly evaluator: EvaluatorDefinition;
  /** Source lines of the criteria (null when explaining a definition without its text). */
  readonly sources: CriteriaSources | null;
}

export type SourceObject = 'engagement' | 'lead' | 'contact' | 'opportunity';

/** The record version a candidate comes from (the SPEC §5 `source`). */
export interface CandidateSource {
  readonly object: SourceObject;
  readonly record_id: string;
  /** The version's `valid_from`; an Engagement's `CreatedDate` for stage 1. */
  readonly valid_from: string;
  /** The stage whose criteria the version met (1 and 4: the fixed stages). */
  readonly stage: StageNumber;
  /** Line of those criteria in the `.stages` file; null for stages 1 and 4. */
  readonly line: number | null;
  /** The criteria line as written; null for stages 1 and 4. */
  readonly criteria: string | null;
  readonly owner_id: string | null;
}

/** Which part of the §4.3 order key put a runner-up after the winner. */
export type LostOn = 't' | 'source_stage' | 'source_rank' | 'owner_id' | 'source_id';

export interface RunnerUp extends CandidateSource {
  readonly t: string;
  readonly lost_on: LostOn;
}

export type ReasonCode = 'no_criteria' | 'not_met' | 'outside_window' | 'dormant' | 'other_journey';

/** Why a stage has no stamp. */
export interface Reason {
  readonly code: ReasonCode;
  readonly message: string;
  /** The version that came closest (met the criteria, but not for this journey or not in its window). */
  readonly nearest: (CandidateSource & { readonly current_activation_id: string | null }) | null;
}

export interface DateFollows {
  readonly field: string;
  /** The opportunity's latest version (greatest valid_from), whose date is reported. */
  readonly record_id: string;
  readonly valid_from: string;
  readonly value: string | null;
  /** False when the latest version's date is null: the stage date is then the candidate's t. */
  readonly used: boolean;
}

export interface StageExplanation {
  readonly stage: StageNumber;
  readonly label: string;
  readonly stamped: boolean;
  readonly stage_date: string | null;
  readonly owner_id: string | null;
  readonly inferred: boolean | null;
  readonly source: CandidateSource | null;
  /** A back-filled stamp: the later stage (and record) that implied it. */
  readonly implied_by: { readonly stage: StageNumber; readonly object: SourceObject; readonly record_id: string } | null;
  /** Stage 6 with `date follows`, when stamped: where the reported date comes from (null when not stamped). */
  readonly date_follows: DateFollows | null;
  readonly reason: Reason | null;
  /** Up to three candidates that lost, best first. */
  readonly runners_up: readonly RunnerUp[];
  /** How many candidates competed (winner included). */
  readonly candidates: number;
}

export interface Explanation {
  readonly object: 'engagement' | 'opportunity';
  readonly record_id: string;
  readonly journey: string | null;
  /** A journey's window `[from, until)`; `until` null while it is open. */
  readonly window: { readonly from: string; readonly until: string | null } | null;
  readonly lead_id: string | null;
  readonly contact_id: string | null;
  /** A journey: its primary opportunity (§4.2). An opportunity: null. */
  readonly primary_opportunity_id: string | null;
  /** An opportunity: the journey its earliest version names (null when none). */
  readonly journey_id: string | null;
  /** One entry per enabled stage of the object, in stage order. */
  readonly stages: readonly StageExplanation[];
  /** The customizable stages of the object that are absent or `unused` (never stamped). */
  readonly unused: readonly { readonly stage: StageNumber; readonly label: string }[];
}

/** A candidate of §4.2 with the record it came from. */
interface Candidate {
  readonly t: number;
  readonly stage: StageNumber;
  readonly rank: number;
  readonly owner: string | null;
  readonly object: SourceObject;
  readonly id: string;
  readonly validFrom: string;
}

/** A version that met criteria but yields no candidate for this journey. */
interface Miss {
  readonly candidate: Candidate;
  readonly kind: 'outside_window' | 'dormant' | 'other_journey';
  readonly named: string | null;
  /** Distance to the window (ms); Infinity for another journey. */
  readonly distance: number;
}

const RANK: Record<SourceObject, number> = {
  contact: SourceRank.CONTACT,
  lead: SourceRank.LEAD,
  opportunity: SourceRank.OPPORTUNITY,
  engagement: SourceRank.ENGAGEMENT,
};

/**
 * The full §4.3 key `(t, source_stage, source_rank, owner_id nulls last, source_id)`; returns
 * the comparison and the part that decided it. The key is total on candidates: two candidates
 * equal in all five parts are one version of one record (`(Id, valid_from)` is unique, §3).
 */
function compareFull(a: Candidate, b: Candidate): { order: number; on: LostOn } {
  if (a.t !== b.t) return { order: a.t < b.t ? -1 : 1, on: 't' };
  if (a.stage !== b.stage) return { order: a.stage - b.stage, on: 'source_stage' };
  if (a.rank !== b.rank) return { order: a.rank - b.rank, on: 'source_rank' };
  if (a.owner !== b.owner) {
    const order = a.owner === null ? 1 : b.owner === null ? -1 : compareCodePoints(a.owner, b.owner);
    return { order, on: 'owner_id' };
  }
  return { order: compareCodePoints(a.id, b.id), on: 'source_id' };
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

class Explainer {
  private readonly stages: CheckedDefinition['stages'];

  constructor(private readonly ctx: ExplainContext) {
    this.stages = ctx.definition.stages;
  }

  enabled(k: StageNumber): boolean {
    return this.stages[k - 1]!.enabled;
  }

  label(k: StageNumber): string {
    return this.stages[k - 1]!.label;
  }

  /** Whether the record meets stage k's criteria for its object (false when there is no line). */
  meets(k: StageNumber, object: CriteriaObject, record: EvaluatorRecord): boolean {
    const predicate = this.ctx.evaluator.stages[k - 1]!.predicates[object];
    return predicate !== undefined && predicate(record);
  }

  hasCriteria(k: StageNumber, objects: readonly CriteriaObject[]): boolean {
    return objects.some((o) => this.ctx.evaluator.stages[k - 1]!.predicates[o] !== undefined);
  }

  source(c: Candidate): CandidateSource {
    const criteriaObject = c.object === 'lead' ? 'Lead' : c.object === 'contact' ? 'Contact' : 'Opportunity';
    const where = c.stage === 1 || c.stage === 4 ? undefined : this.ctx.sources?.get(c.stage)?.[criteriaObject];
    return {
      object: c.object,
      record_id: c.id,
      valid_from: c.validFrom,
      stage: c.stage,
      line: where?.line ?? null,
      criteria: where?.text ?? null,
      owner_id: c.owner,
    };
  }

  unused(stages: readonly StageNumber[]): { stage: StageNumber; label: string }[] {
    return stages.filter((k) => !this.enabled(k)).map((k) => ({ stage: k, label: this.label(k) }));
  }

  /** The stamp of stage k from its pool of candidates (§4.3: the least; inferred when from a later stage). */
  stamp(k: StageNumber, pool: readonly Candidate[], reason: () => Reason, dateFollows: DateFollows | null = null): StageExplanation {
    const sorted = [...pool].sort((a, b) => compareFull(a, b).order);
    const winner = sorted[0];
    const base = { stage: k, label: this.label(k), candidates: sorted.length };
    if (winner === undefined) {
      return {
        // No stamp, no date for `date follows` to move: nothing to say where it came from.
        ...base, stamped: false, stage_date: null, owner_id: null, inferred: null, source: null,
        implied_by: null, date_follows: null, reason: reason(), runners_up: [],
      };
    }
    const synced = dateFollows !== null && dateFollows.used && dateFollows.value !== null ? `${dateFollows.value}T00:00:00.000Z` : null;
    return {
      ...base,
      stamped: true,
      stage_date: synced ?? formatInstant(winner.t),
      owner_id: winner.owner,
      inferred: winner.stage !== k,
      source: this.source(winner),
      implied_by: winner.stage !== k ? { stage: winner.stage, object: winner.object, record_id: winner.id } : null,
      date_follows: dateFollows,
      reason: null,
      runners_up: sorted.slice(1, 4).map((c) => ({ ...this.source(c), t: formatInstant(c.t), lost_on: compareFull(winner, c).on })),
    };
  }
}

/** Instant of a canonical value the runtime's validation has accepted. */
function instant(v: unknown): number {
  return typeof v === 'string' ? parseInstant(v) : NaN;
}

// ---------------------------------------------------------------------------------------------
// Journeys
// ---------------------------------------------------------------------------------------------

export interface JourneyRecords {
  /** The Activation engagement. */
  readonly engagement: EvaluatorRecord;
  /** Versions of the Leads and Contacts that name the journey at some version or that the engagement names. */
  readonly leads: readonly EvaluatorRecord[];
  readonly contacts: readonly EvaluatorRecord[];
  /** The earliest version of each opportunity whose earliest version names the journey. */
  readonly opportunities: readonly EvaluatorRecord[];
}

export function explainJourney(ctx: ExplainContext, records: JourneyRecords): Explanation {
  const x = new Explainer(ctx);
  const schema = ctx.definition.schema.objects;
  const E = schema.Engagement.roles;
  const e = records.engagement;
  const id = text(e[E.id])!;
  const createdText = text(e[E.created])!;
  const created = instant(createdText);
  const untilText = text(e[E.completed]);
  const until = untilText === null ? Infinity : instant(untilText);
  const c1: Candidate = { t: created, stage: 1, rank: RANK.engagement, owner: text(e[E.owner]), object: 'engagement', id, validFrom: createdText };

  const direct = new Map<StageNumber, Candidate[]>([[2, []], [3, []]]);
  const misses = new Map<StageNumber, Miss[]>([[2, []], [3, []]]);
  const persons = [['Contact', 'contact', records.contacts], ['Lead', 'lead', records.leads]] as const;
  for (const [object, name, versions] of persons) {
    const roles = schema[object].roles;
    for (const v of versions) {
      for (const k of [2, 3] as const) {
        if (!x.enabled(k) || !x.meets(k, object, v)) continue;
        const validFrom = text(v[roles.validFrom])!;
        const t = instant(validFrom);
        const c: Candidate = { t, stage: k, rank: RANK[name], owner: text(v[roles.owner]), object: name, id: text(v[roles.id])!, validFrom };
        const named = text(v[roles.currentActivation]);
        // §4.2: the link is CurrentActivationId alone, and only inside [CreatedDate, CompletionDate).
        if (named !== id) misses.get(k)!.push({ candidate: c, kind: 'other_journey', named, distance: Infinity });
        else if (t < created) misses.get(k)!.push({ candidate: c, kind: 'outside_window', named, distance: created - t });
        else if (t >= until) misses.get(k)!.push({ candidate: c, kind: 'dormant', named, distance: t - until });
        else direct.get(k)!.push(c);
      }
    }
  }

  // §4.2 primary opportunity: the least (t, Id) of the attributed opportunities created in the window.
  const O = schema.Opportunity.roles;
  let primary: Candidate | null = null;
  const outside: string[] = [];
  for (const v of records.opportunities) {
    const validFrom = text(v[O.validFrom])!;
    const t = instant(validFrom);
    const c: Candidate = { t, stage: 4, rank: RANK.opportunity, owner: text(v[O.owner]), object: 'opportunity', id: text(v[O.id])!, validFrom };
    if (t < created || t >= until) {
      outside.push(c.id);
      continue;
    }
    if (primary === null || t < primary.t || (t === primary.t && compareCodePoints(c.id, primary.id) < 0)) primary = c;
  }

  const window = { from: createdText, until: untilText };
  const p4 = primary === null ? [] : [primary];
  const stages: StageExplanation[] = [x.stamp(1, [c1, ...direct.get(2)!, ...direct.get(3)!], () => unreachable())];
  for (const k of [2, 3] as const) {
    if (!x.enabled(k)) continue;
    const pool = [...direct.get(k)!, ...(k === 2 ? direct.get(3)! : []), ...p4];
    stages.push(x.stamp(k, pool, () => journeyReason(x, k, misses, window, outside)));
  }
  return {
    object: 'engagement',
    record_id: id,
    journey: ctx.definition.journey,
    window,
    lead_id: text(e[E.lead]),
    contact_id: text(e[E.contact]),
    primary_opportunity_id: primary?.id ?? null,
    journey_id: null,
    stages,
    unused: x.unused([2, 3]),
  };
}

function unreachable(): never {
  throw new Error('internal: a fixed stage always has its own candidate');
}

/** Why journey stage k (2 or 3) has no stamp: the closest miss among stage k and the later enabled stage. */
function journeyReason(
  x: Explainer,
  k: 2 | 3,
  misses: ReadonlyMap<StageNumber, readonly Miss[]>,
  window: { from: string; until: string | null },
  outsideOpportunities: readonly string[],
): Reason {
  const considered = (k === 2 && x.enabled(3) ? [2, 3] : [k]) as StageNumber[];
  const all = considered.flatMap((s) => misses.get(s) ?? []);
  const opportunityNote =
    outsideOpportunities.length === 0
      ? '; no opportunity of this journey was created in its window to back-fill from'
      : `; opportunity ${outsideOpportunities.join(', ')} of this journey was created outside its window, so none back-fills it`;
  const stagesText = considered.length === 1 ? `stage ${k}` : `stage ${k} or ${considered[1]}`;
  const inJourney = all.filter((m) => m.kind !== 'other_journey').sort((a, b) => a.distance - b.distance || compareFull(a.candidate, b.candidate).order);
  const windowText = `[${window.from}, ${window.until ?? 'open'})`;
  const nearest = (m: Miss): Reason['nearest'] => ({ ...x.source(m.candidate), current_activation_id: m.named });
  const best = inJourney[0];
  if (best !== undefined) {
    const what = `${best.candidate.object} ${best.candidate.id} met the ${stagesText} criteria at ${best.candidate.validFrom}`;
    if (best.kind === 'dormant') {
      return {
        code: 'dormant',
        message: `the journey was completed (dormant) when its versions met the criteria: ${what}, after the journey completed at ${window.until}${opportunityNote}`,
        nearest: nearest(best),
      };
    }
    return {
      code: 'outside_window',
      message: `versions met the criteria only outside the journey window ${windowText}: nearest, ${what}${opportunityNote}`,
      nearest: nearest(best),
    };
  }
  const other = [...all].sort((a, b) => compareFull(a.candidate, b.candidate).order)[0];
  if (other !== undefined) {
    const named = other.named === null ? 'named no journey' : `named another journey, ${other.named}`;
    return {
      code: 'other_journey',
      message: `${other.candidate.object} ${other.candidate.id} met the ${stagesText} criteria at ${other.candidate.validFrom}, but its CurrentActivationId ${named}${opportunityNote}`,
      nearest: nearest(other),
    };
  }
  if (!considered.some((s) => x.hasCriteria(s, ['Lead', 'Contact']))) {
    return { code: 'no_criteria', message: `${stagesText} has no lead or contact criteria${opportunityNote}`, nearest: null };
  }
  return { code: 'not_met', message: `no lead or contact version of this journey met the ${stagesText} criteria${opportunityNote}`, nearest: null };
}

// ---------------------------------------------------------------------------------------------
// Opportunities
// ---------------------------------------------------------------------------------------------

export interface OpportunityRecords {
  /** Every version of the opportunity (at least one). */
  readonly versions: readonly EvaluatorRecord[];
}

export function explainOpportunity(ctx: ExplainContext, records: OpportunityRecords): Explanation {
  const x = new Explainer(ctx);
  const O = ctx.definition.schema.objects.Opportunity.roles;
  const versions = records.versions
    .map((v) => ({ v, validFrom: text(v[O.validFrom])! }))
    .map((r) => ({ ...r, t: instant(r.validFrom) }))
    .sort((a, b) => a.t - b.t);
  const earliest = versions[0]!;
  const latest = versions[versions.length - 1]!;
  const id = text(earliest.v[O.id])!;
  const candidate = (r: (typeof versions)[number], stage: StageNumber): Candidate => ({
    t: r.t, stage, rank: RANK.opportunity, owner: text(r.v[O.owner]), object: 'opportunity', id, validFrom: r.validFrom,
  });
  const direct = new Map<StageNumber, Candidate[]>([[5, []], [6, []]]);
  for (const r of versions) {
    for (const k of [5, 6] as const) if (x.enabled(k) && x.meets(k, 'Opportunity', r.v)) direct.get(k)!.push(candidate(r, k));
  }
  const c4 = candidate(earliest, 4);
  const field = ctx.definition.stages[5]!.dateFollows;
  let dateFollows: DateFollows | null = null;
  if (field !== undefined) {
    const value = text(latest.v[field]);
    dateFollows = { field, record_id: id, valid_from: latest.validFrom, value, used: value !== null && !Number.isNaN(parseDate(value)) };
  }
  const reason = (k: 5 | 6) => (): Reason => {
    const considered = (k === 5 && x.enabled(6) ? [5, 6] : [k]) as StageNumber[];
    const stagesText = considered.length === 1 ? `stage ${k}` : `stage ${k} or ${considered[1]}`;
    if (!considered.some((s) => x.hasCriteria(s, ['Opportunity']))) return { code: 'no_criteria', message: `${stagesText} has no opportunity criteria`, nearest: null };
    const n = versions.length;
    return { code: 'not_met', message: `none of the opportunity's ${n} version${n === 1 ? '' : 's'} met the ${stagesText} criteria`, nearest: null };
  };
  const stages: StageExplanation[] = [x.stamp(4, [c4, ...direct.get(5)!, ...direct.get(6)!], () => unreachable())];
  if (x.enabled(5)) stages.push(x.stamp(5, [...direct.get(5)!, ...direct.get(6)!], reason(5)));
  if (x.enabled(6)) stages.push(x.stamp(6, direct.get(6)!, reason(6), dateFollows));
  return {
    object: 'opportunity',
    record_id: id,
    journey: ctx.definition.journey,
    window: null,
    lead_id: null,
    contact_id: null,
    primary_opportunity_id: null,
    journey_id: text(earliest.v[O.activation]),
    stages,
    unused: x.unused([5, 6]),
  };
}
