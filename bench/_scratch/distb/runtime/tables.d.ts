/**
 * The evaluator's state, laid out as columns to stay compact and cheap to grow: a journey or
 * an opportunity is an index into a few typed arrays (instants as unboxed doubles, with a fixed
 * stride per record) and one plain array of shared strings — no per-record objects, no
 * per-version objects. Adding a record touches four arrays, not one per attribute.
 */
import type { Candidate } from './candidate.js';
/** What an engagement id is known to be. */
export declare const UNKNOWN = 0;
export declare const ACTIVATION = 1;
export declare const OTHER = 2;
/**
 * One row per engagement id seen (upserted or referenced). For a journey it keeps, per
 * direct stage 2 and 3, only the least candidate with `t >= CreatedDate` (SPEC §4.2/§4.3):
 * the order key starts with t, so whatever `CompletionDate` is or becomes, the least candidate
 * inside the window is that one when its `t < CompletionDate`, and there is none otherwise.
 */
export declare class JourneyTable {
    count: number;
    readonly index: Map<string, number>;
    private capacity;
    private times;
    private flags;
    /** Head of the list of opportunities attributed to this id (index into OpportunityTable; -1 = none). */
    private firstOpportunities;
    private readonly strings;
    /**
     * Direct candidates (stages 2/3) of versions that arrived before their engagement, by
     * journey index. Kept whole: which of them count depends on the CreatedDate still to come.
     */
    readonly pending: Map<number, Candidate[]>;
    /** Index of `id`, adding an UNKNOWN row when new. */
    slot(id: string): number;
    id(j: number): string;
    kind(j: number): number;
    created(j: number): number;
    /** `CompletionDate` in epoch ms; Infinity while the journey is open. */
    completion(j: number): number;
    owner(j: number): string | null;
    /** Records the engagement itself (kind, window, owner). */
    setEngagement(j: number, kind: number, created: number, completion: number, owner: string | null): void;
    /** Best direct candidate of stage 2 or 3: its instant (NaN = none). */
    candidateT(j: number, stage: 2 | 3): number;
    candidateRank(j: number, stage: 2 | 3): number;
    candidateOwner(j: number, stage: 2 | 3): string | null;
    candidateSource(j: number, stage: 2 | 3): string | null;
    setCandidate(j: number, stage: 2 | 3, t: number, rank: number, owner: string | null, source: string | null): void;
    firstOpportunity(j: number): number;
    setFirstOpportunity(j: number, o: number): void;
}
/**
 * One row per opportunity: its earliest version (stage 4 and attribution), its least stage-5
 * and stage-6 candidates, and its latest version's instant and date-follows value (§4.4).
 */
export declare class OpportunityTable {
    count: number;
    readonly index: Map<string, number>;
    private capacity;
    private times;
    /** Journey index of the earliest version's ActivationId (-1 when null), and the next opportunity of that journey. */
    private links;
    private readonly strings;
    add(id: string): number;
    id(o: number): string;
    /** Stage k ∈ 4..6 candidate instant (NaN = none) and owner. */
    t(o: number, stage: 4 | 5 | 6): number;
    owner(o: number, stage: 4 | 5 | 6): string | null;
    setCandidate(o: number, stage: 4 | 5 | 6, t: number, owner: string | null): void;
    /** Greatest valid_from seen, and that version's date-follows value (epoch ms; NaN = null). */
    latestT(o: number): number;
    latestDate(o: number): number;
    setLatest(o: number, t: number, date: number): void;
    journey(o: number): number;
    next(o: number): number;
    /** Links opportunity `o` into the attribution list of journey `j`. */
    attach(o: number, j: number, journeys: JourneyTable): void;
    /** Unlinks opportunity `o` from its journey's list (lists are short: a journey's opportunities). */
    detach(o: number, journeys: JourneyTable): void;
}
