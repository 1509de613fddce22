/**
 * The two kinds of stamped record, behind one interface so that change tracking and output
 * caching treat them alike: journeys (engagement stamps 1–3) and opportunities (stamps 4–6).
 * A record is an index into its table; its stamps are resolved from the stored state on demand.
 */
import type { Plan } from './plan.js';
import { journeyStamps, opportunityStamps, type ResolvedStamp } from './resolve.js';
import type { StampRow } from './stamp.js';
import { EngagementKind, type JourneyTable, type OpportunityTable } from './tables.js';
import { formatInstant } from './values.js';

/** Index of each kind in `StampedKinds` — journeys first, as engagement rows sort before opportunity rows (§4.5). */
export const Stamped = { JOURNEY: 0, OPPORTUNITY: 1 } as const;
export type StampedKind = (typeof Stamped)[keyof typeof Stamped];

export interface StampedRecords {
  /** The `object` column of this kind's rows. */
  readonly object: StampRow['object'];
  /** Records are the indices 0 … count − 1 of the kind's table. */
  count(): number;
  id(i: number): string;
  /** Whether the record has rows at all: an engagement id only once it is known to be a journey. */
  listed(i: number): boolean;
  stamps(i: number): readonly ResolvedStamp[];
}

/** Both kinds, indexed by `StampedKind`. */
export type StampedKinds = readonly [journeys: StampedRecords, opportunities: StampedRecords];

export function stampedKinds(plan: Plan, journeys: JourneyTable, opps: OpportunityTable): StampedKinds {
  return [
    {
      object: 'engagement',
      count: () => journeys.count,
      id: (j) => journeys.id(j),
      listed: (j) => journeys.kind(j) === EngagementKind.ACTIVATION,
      stamps: (j) => journeyStamps(plan, j, journeys, opps),
    },
    {
      object: 'opportunity',
      count: () => opps.count,
      id: (o) => opps.id(o),
      listed: () => true,
      stamps: (o) => opportunityStamps(plan, o, opps),
    },
  ];
}

/** The `stage_stamps` row of one resolved stamp. */
export function toRow(object: StampRow['object'], recordId: string, plan: Plan, s: ResolvedStamp): StampRow {
  return {
    object,
    record_id: recordId,
    stage: s.stage,
    label: plan.labels[s.stage],
    stage_date: formatInstant(s.t),
    owner_id: s.owner,
    inferred: s.inferred,
  };
}
