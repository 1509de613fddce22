import { type Plan } from './plan.js';
import { JourneyTable, OpportunityTable } from './tables.js';
export type SnapshotInstant = number | null;
export type JourneyTuple = [
    id: string,
    kind: number,
    created: SnapshotInstant,
    completion: SnapshotInstant,
    owner: string | null,
    t2: SnapshotInstant,
    rank2: number,
    owner2: string | null,
    source2: string | null,
    t3: SnapshotInstant,
    rank3: number,
    owner3: string | null,
    source3: string | null
];
export type PendingTuple = [journey: number, t: number, stage: number, rank: number, owner: string | null, sourceId: string];
export type OpportunityTuple = [
    id: string,
    journey: number,
    t4: number,
    owner4: string | null,
    t5: SnapshotInstant,
    owner5: string | null,
    t6: SnapshotInstant,
    owner6: string | null,
    latestT: number,
    latestDate: SnapshotInstant
];
export interface EvaluatorSnapshot {
    readonly format: 'stagecraft-evaluator-snapshot';
    readonly version: 1;
    readonly fingerprint: string;
    readonly journeys: readonly JourneyTuple[];
    readonly pending: readonly PendingTuple[];
    readonly opportunities: readonly OpportunityTuple[];
}
export declare function takeSnapshot(plan: Plan, journeys: JourneyTable, opps: OpportunityTable): EvaluatorSnapshot;
/** Loads `snapshot` into empty tables; `intern` shares owner strings. Throws `SnapshotError`. */
export declare function restoreSnapshot(snapshot: unknown, plan: Plan, journeys: JourneyTable, opps: OpportunityTable, intern: (s: string | null) => string | null): void;
