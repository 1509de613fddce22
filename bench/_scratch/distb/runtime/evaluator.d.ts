import type { EvaluatorDefinition, ObjectName } from './definition.js';
import { type EvaluatorSnapshot } from './snapshot.js';
import { type StampRow } from './stamp.js';
/** Fired when a stamp appears (`previous` null) or moves (its date, owner or inferred flag changes). */
export type StampListener = (stamp: StampRow, previous: StampRow | null) => void;
/**
 * Fired when a stamp disappears: a journey completing before its stage-2/3 candidate, or the
 * primary opportunity that back-filled a stage leaving the window or the journey.
 */
export type UnstampListener = (previous: StampRow) => void;
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
    on(event: 'stamp', listener: StampListener): () => void;
    on(event: 'unstamp', listener: UnstampListener): () => void;
    /** Plain JSON (JSON.stringify-able) state to restore with `createEvaluator(definition, { restore })`. */
    snapshot(): EvaluatorSnapshot;
}
export declare function createEvaluator(definition: EvaluatorDefinition, options?: EvaluatorOptions): Evaluator;
