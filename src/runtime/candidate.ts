/**
 * Candidates and their order key (SPEC §4.3): `(t, source_stage, source_rank, owner_id nulls
 * last, source_id)`, strings by Unicode code point. The last part is left out: it only decides
 * between candidates equal in everything a stamp reports, so it cannot change the output.
 */
import { compareCodePoints } from './stamp.js';

/** `source_rank` of each object (§4.3): on a conversion tie the Contact owner wins. */
export const SourceRank = { CONTACT: 0, LEAD: 1, OPPORTUNITY: 2, ENGAGEMENT: 3 } as const;

/** A candidate during stamp resolution (short-lived; the evaluator's state stores fields, not these). */
export interface Candidate {
  /** Epoch ms. */
  readonly t: number;
  readonly stage: number;
  readonly rank: number;
  readonly owner: string | null;
  // No source id: the key's last part only decides between candidates equal in
  // (t, stage, rank, owner), which give the same stamp (docs/semantics.md, "ties").
}

/** Owner ids, nulls last, by code point. */
export function compareOwners(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareCodePoints(a, b);
}

/** The §4.3 order key without its last part: `(t, source_stage, source_rank, owner_id)`. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  if (a.stage !== b.stage) return a.stage - b.stage;
  if (a.rank !== b.rank) return a.rank - b.rank;
  return compareOwners(a.owner, b.owner);
}

/** The least of the candidates given (nulls ignored), or null when there is none. */
export function leastCandidate(...candidates: readonly (Candidate | null)[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) {
    if (c !== null && (best === null || compareCandidates(c, best) < 0)) best = c;
  }
  return best;
}
