/**
 * Candidates and their order key (SPEC §4.3): `(t, source_stage, source_rank, owner_id nulls
 * last, source_id)`, strings by Unicode code point.
 */
import { compareCodePoints } from './stamp.js';
/** `source_rank` of each object (§4.3): on a conversion tie the Contact owner wins. */
export const RANK_CONTACT = 0;
export const RANK_LEAD = 1;
export const RANK_OPPORTUNITY = 2;
export const RANK_ENGAGEMENT = 3;
/** Owner ids, nulls last, by code point. */
export function compareOwners(a, b) {
    if (a === b)
        return 0;
    if (a === null)
        return 1;
    if (b === null)
        return -1;
    return compareCodePoints(a, b);
}
/**
 * Compares the tail of the key after `(t, source_stage)` — what decides between two
 * candidates of one stage at the same instant.
 */
export function compareTail(rankA, ownerA, idA, rankB, ownerB, idB) {
    if (rankA !== rankB)
        return rankA - rankB;
    const byOwner = compareOwners(ownerA, ownerB);
    if (byOwner !== 0)
        return byOwner;
    return compareCodePoints(idA, idB);
}
export function compareCandidates(a, b) {
    if (a.t !== b.t)
        return a.t < b.t ? -1 : 1;
    if (a.stage !== b.stage)
        return a.stage - b.stage;
    return compareTail(a.rank, a.owner, a.sourceId, b.rank, b.owner, b.sourceId);
}
/** The least of the candidates given (nulls ignored), or null when there is none. */
export function leastCandidate(...candidates) {
    let best = null;
    for (const c of candidates) {
        if (c !== null && (best === null || compareCandidates(c, best) < 0))
            best = c;
    }
    return best;
}
//# sourceMappingURL=candidate.js.map