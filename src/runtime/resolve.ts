/**
 * Stamps of one record from the evaluator's state (SPEC §4.2–§4.4): primary opportunity,
 * first met with back-fill, and the stage-6 date sync. Cheap — a handful of comparisons — so
 * it runs on demand instead of being stored.
 */
import { leastCandidate, SourceRank, type Candidate } from './candidate.js';
import type { Plan } from './plan.js';
import { compareCodePoints } from './stamp.js';
import { EngagementKind, type JourneyTable, type OpportunityTable } from './tables.js';

/** A stamp before formatting: stage, instant (epoch ms), owner, inferred. */
export interface ResolvedStamp {
  readonly stage: 1 | 2 | 3 | 4 | 5 | 6;
  readonly t: number;
  readonly owner: string | null;
  readonly inferred: boolean;
}

const NONE: readonly ResolvedStamp[] = [];

function stampOf(stage: ResolvedStamp['stage'], c: Candidate | null, out: ResolvedStamp[]): void {
  if (c !== null) out.push({ stage, t: c.t, owner: c.owner, inferred: c.stage !== stage });
}

/**
 * §4.2 primary opportunity of journey `j`: among opportunities attributed to it whose stage-4
 * t lies in `[CreatedDate, CompletionDate)`, the least `(t, Id)`; -1 when none.
 */
export function primaryOpportunity(j: number, journeys: JourneyTable, opps: OpportunityTable): number {
  const from = journeys.created(j);
  const until = journeys.completion(j);
  let best = -1;
  let bestT = NaN;
  for (let o = journeys.firstOpportunity(j); o >= 0; o = opps.next(o)) {
    const t = opps.t(o, 4);
    if (t < from || t >= until) continue;
    if (best < 0 || t < bestT || (t === bestT && compareCodePoints(opps.id(o), opps.id(best)) < 0)) {
      best = o;
      bestT = t;
    }
  }
  return best;
}

function direct(plan: Plan, j: number, stage: 2 | 3, until: number, journeys: JourneyTable): Candidate | null {
  // Stored best candidates already have t >= CreatedDate; the window end only filters (NaN = none fails `<`).
  const t = journeys.candidateT(j, stage);
  if (!plan.enabled[stage] || !(t < until)) return null;
  return { t, stage, rank: journeys.candidateRank(j, stage), owner: journeys.candidateOwner(j, stage) };
}

/** Engagement stamps 1–3 of journey `j` (none unless it is a known Activation). */
export function journeyStamps(plan: Plan, j: number, journeys: JourneyTable, opps: OpportunityTable): readonly ResolvedStamp[] {
  if (journeys.kind(j) !== EngagementKind.ACTIVATION) return NONE;
  const until = journeys.completion(j);
  const c1: Candidate = { t: journeys.created(j), stage: 1, rank: SourceRank.ENGAGEMENT, owner: journeys.owner(j) };
  const c2 = direct(plan, j, 2, until, journeys);
  const c3 = direct(plan, j, 3, until, journeys);
  let p4: Candidate | null = null;
  if (plan.enabled[2] || plan.enabled[3]) {
    const p = primaryOpportunity(j, journeys, opps);
    if (p >= 0) p4 = { t: opps.t(p, 4), stage: 4, rank: SourceRank.OPPORTUNITY, owner: opps.owner(p, 4) };
  }
  const out: ResolvedStamp[] = [];
  stampOf(1, leastCandidate(c1, c2, c3), out);
  if (plan.enabled[2]) stampOf(2, leastCandidate(c2, c3, p4), out);
  if (plan.enabled[3]) stampOf(3, leastCandidate(c3, p4), out);
  return out;
}

/** Opportunity stamps 4–6 of opportunity `o`, with the stage-6 date sync of §4.4. */
export function opportunityStamps(plan: Plan, o: number, opps: OpportunityTable): readonly ResolvedStamp[] {
  const t4 = opps.t(o, 4);
  if (Number.isNaN(t4)) return NONE; // being created: no version yet
  const c4: Candidate = { t: t4, stage: 4, rank: SourceRank.OPPORTUNITY, owner: opps.owner(o, 4) };
  const t5 = opps.t(o, 5);
  const c5: Candidate | null = plan.enabled[5] && !Number.isNaN(t5) ? { t: t5, stage: 5, rank: SourceRank.OPPORTUNITY, owner: opps.owner(o, 5) } : null;
  const t6 = opps.t(o, 6);
  const c6: Candidate | null = plan.enabled[6] && !Number.isNaN(t6) ? { t: t6, stage: 6, rank: SourceRank.OPPORTUNITY, owner: opps.owner(o, 6) } : null;
  const out: ResolvedStamp[] = [];
  stampOf(4, leastCandidate(c4, c5, c6), out);
  if (plan.enabled[5]) stampOf(5, leastCandidate(c5, c6), out);
  if (c6 !== null) {
    const synced = opps.latestDate(o);
    const t = plan.dateFollows !== null && !Number.isNaN(synced) ? synced : c6.t;
    out.push({ stage: 6, t, owner: c6.owner, inferred: false });
  }
  return out;
}

export function sameStamp(a: ResolvedStamp, b: ResolvedStamp): boolean {
  return a.t === b.t && a.owner === b.owner && a.inferred === b.inferred;
}
