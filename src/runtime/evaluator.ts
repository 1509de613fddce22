/**
 * `createEvaluator(definition, { restore? })` (SPEC §6): stamps records incrementally as they
 * stream in, in any order and with re-deliveries, and always reports the §4 result for the set
 * of distinct records upserted so far.
 *
 * The evaluator composes one module per job:
 *  - `validate.ts` checks and normalises a record before anything changes;
 *  - `upsert.ts` applies the per-object rules to the kept state (`tables.ts`; what is kept and
 *    why it is enough is described in docs/runtime.md);
 *  - `resolve.ts` resolves a record's stamps from that state on demand, and `records.ts` puts
 *    journeys and opportunities behind one interface for the two jobs below;
 *  - `changes.ts` tracks the records an upsert touches and emits stamp events;
 *  - `output.ts` formats, orders and caches the `stage_stamps` rows;
 *  - `snapshot.ts` saves and restores the state.
 */
import type { EvaluatorDefinition, ObjectName } from './definition.js';
import { ChangeTracker, type StampListener, type UnstampListener } from './changes.js';
import { OwnerTable } from './id-index.js';
import { OutputCache } from './output.js';
import { makePlan, type Plan } from './plan.js';
import { stampedKinds, type StampedKind } from './records.js';
import { primaryOpportunity } from './resolve.js';
import { restoreSnapshot, takeSnapshot, type EvaluatorSnapshot } from './snapshot.js';
import type { StampRow } from './stamp.js';
import { EngagementKind, JourneyTable, OpportunityTable } from './tables.js';
import { UpsertRules, type StateObserver } from './upsert.js';

export type { StampListener, UnstampListener } from './changes.js';

export interface EvaluatorOptions {
  /** A value returned by `snapshot()` of an evaluator of the same definition. */
  readonly restore?: EvaluatorSnapshot;
}

export interface Evaluator {
  /**
   * Adds or re-delivers a record (plain object: field → value; instants as ISO strings or
   * `Date`). Throws `RecordError` — leaving the state unchanged — for an invalid record.
   */
  upsert(object: ObjectName, record: object): void;
  /** The `stage_stamps` rows (§4.5) for everything upserted so far, sorted by object, record_id, stage. */
  stamps(): StampRow[];
  /**
   * The rows of `stamps()`, in the same order, one at a time and without keeping them: for
   * writing very many rows with bounded memory. Upserting before the iteration ends makes its
   * next step throw.
   */
  eachStamp(): IterableIterator<StampRow>;
  /**
   * The `Id` of journey `journeyId`'s primary opportunity (§4.2): among the opportunities
   * attributed to it whose stage-4 instant lies in `[CreatedDate, CompletionDate)`, the least
   * `(t, Id)`. Null when there is none, or when `journeyId` is not an upserted Activation engagement.
   */
  primaryOpportunity(journeyId: string): string | null;
  on(event: 'stamp', listener: StampListener): () => void;
  on(event: 'unstamp', listener: UnstampListener): () => void;
  /** Plain JSON (JSON.stringify-able) state to restore with `createEvaluator(definition, { restore })`. */
  snapshot(): EvaluatorSnapshot;
}

export function createEvaluator(definition: EvaluatorDefinition, options: EvaluatorOptions = {}): Evaluator {
  return new StreamingEvaluator(definition, options);
}

class StreamingEvaluator implements Evaluator, StateObserver {
  private readonly plan: Plan;
  /** Owner ids are few and repeated: both tables store them as small integers. */
  private readonly owners = new OwnerTable();
  private readonly journeys = new JourneyTable(this.owners);
  private readonly opps = new OpportunityTable(this.owners);
  private readonly rules: UpsertRules;
  private readonly changes: ChangeTracker;
  private readonly output: OutputCache;

  constructor(definition: EvaluatorDefinition, options: EvaluatorOptions) {
    this.plan = makePlan(definition);
    const kinds = stampedKinds(this.plan, this.journeys, this.opps);
    this.rules = new UpsertRules(this.plan, definition, this.journeys, this.opps, this);
    this.changes = new ChangeTracker(this.plan, kinds, () => this.output.walking());
    this.output = new OutputCache(this.plan, kinds);
    if (options.restore !== undefined) restoreSnapshot(options.restore, this.plan, this.journeys, this.opps);
  }

  upsert(object: ObjectName, record: object): void {
    this.rules.apply(object, record);
    this.changes.emit(() => this.output.stampsMoved());
  }

  /** `StateObserver`: the rules report each record before changing it. */
  touch(kind: StampedKind, i: number): void {
    this.output.invalidate(kind, i);
    this.changes.touch(kind, i);
  }

  listed(kind: StampedKind): void {
    this.output.reorder(kind);
  }

  stamps(): StampRow[] {
    return this.output.stamps();
  }

  eachStamp(): IterableIterator<StampRow> {
    return this.output.eachStamp();
  }

  primaryOpportunity(journeyId: string): string | null {
    if (typeof journeyId !== 'string') return null;
    const j = this.journeys.find(journeyId);
    if (j < 0 || this.journeys.kind(j) !== EngagementKind.ACTIVATION) return null;
    const o = primaryOpportunity(j, this.journeys, this.opps);
    return o < 0 ? null : this.opps.id(o);
  }

  on(event: 'stamp', listener: StampListener): () => void;
  on(event: 'unstamp', listener: UnstampListener): () => void;
  on(event: 'stamp' | 'unstamp', listener: StampListener | UnstampListener): () => void {
    return this.changes.on(event, listener);
  }

  snapshot(): EvaluatorSnapshot {
    return takeSnapshot(this.plan, this.journeys, this.opps);
  }
}
