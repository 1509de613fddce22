import type { Plan } from './plan.js';
import { type JourneyTable, type OpportunityTable } from './tables.js';
/** A stamp before formatting: stage, instant (epoch ms), owner, inferred. */
export interface ResolvedStamp {
    readonly stage: 1 | 2 | 3 | 4 | 5 | 6;
    readonly t: number;
    readonly owner: string | null;
    readonly inferred: boolean;
}
/**
 * §4.2 primary opportunity of journey `j`: among opportunities attributed to it whose stage-4
 * t lies in `[CreatedDate, CompletionDate)`, the least `(t, Id)`; -1 when none.
 */
export declare function primaryOpportunity(j: number, journeys: JourneyTable, opps: OpportunityTable): number;
/** Engagement stamps 1–3 of journey `j` (none unless it is a known Activation). */
export declare function journeyStamps(plan: Plan, j: number, journeys: JourneyTable, opps: OpportunityTable): readonly ResolvedStamp[];
/** Opportunity stamps 4–6 of opportunity `o`, with the stage-6 date sync of §4.4. */
export declare function opportunityStamps(plan: Plan, o: number, opps: OpportunityTable): readonly ResolvedStamp[];
export declare function sameStamp(a: ResolvedStamp, b: ResolvedStamp): boolean;
