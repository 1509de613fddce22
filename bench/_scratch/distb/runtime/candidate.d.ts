/** `source_rank` of each object (§4.3): on a conversion tie the Contact owner wins. */
export declare const RANK_CONTACT = 0;
export declare const RANK_LEAD = 1;
export declare const RANK_OPPORTUNITY = 2;
export declare const RANK_ENGAGEMENT = 3;
/** A candidate during stamp resolution (short-lived; the evaluator's state stores fields, not these). */
export interface Candidate {
    /** Epoch ms. */
    readonly t: number;
    readonly stage: number;
    readonly rank: number;
    readonly owner: string | null;
    /** Id of the record that produced it. */
    readonly sourceId: string;
}
/** Owner ids, nulls last, by code point. */
export declare function compareOwners(a: string | null, b: string | null): number;
/**
 * Compares the tail of the key after `(t, source_stage)` — what decides between two
 * candidates of one stage at the same instant.
 */
export declare function compareTail(rankA: number, ownerA: string | null, idA: string, rankB: number, ownerB: string | null, idB: string): number;
export declare function compareCandidates(a: Candidate, b: Candidate): number;
/** The least of the candidates given (nulls ignored), or null when there is none. */
export declare function leastCandidate(...candidates: readonly (Candidate | null)[]): Candidate | null;
