/**
 * Validation and normalisation of upserted records (SPEC §3, §6).
 *
 * A record is checked completely before the evaluator touches its state, so a `RecordError`
 * always leaves the state unchanged. Records that are already normalised (what the data loader
 * produces) are passed to predicates as they are — no copy; only records needing a change
 * (a `Date`, an offset instant, empty text, a multi-select array) are copied.
 */
import type { EvaluatorRecord, ObjectName, RuntimeFieldType } from './definition.js';
/** Options per object: which fields are required and whether a `valid_from` column exists. */
export interface ShapeOptions {
    readonly object: ObjectName;
    readonly fields: Readonly<Record<string, RuntimeFieldType>>;
    readonly idField: string;
    /** Version tables: the `valid_from` column (required instant, not a field of the object). */
    readonly validFrom?: string;
    /** Engagement: the required `CreatedDate` field. */
    readonly requiredInstant?: string;
    /** Compiled check that every other field is already normal (see `EvaluatorObject.isNormal`). */
    readonly isNormal?: (record: Readonly<Record<string, unknown>>) => boolean;
}
/**
 * Validates and normalises records of one object. After `normalise` returns, `instant` holds
 * the epoch ms of `validFrom` (version tables) or of the required instant (Engagement) — kept
 * in a field rather than returned, so the hot path allocates nothing.
 */
export declare class RecordShape {
    readonly object: ObjectName;
    private readonly names;
    private readonly kinds;
    private readonly idField;
    private readonly instantField;
    private readonly instantIsColumn;
    private readonly isNormal;
    /** Epoch ms of the record's valid_from / CreatedDate after the last successful `normalise`. */
    instant: number;
    constructor(options: ShapeOptions);
    private fail;
    /** Returns the record to give predicates (the input itself when already normal). Throws `RecordError`. */
    normalise(input: unknown): EvaluatorRecord;
}
