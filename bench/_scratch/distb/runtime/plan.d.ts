/**
 * The definition prepared for the hot path: which predicate runs for which object and stage
 * (null when the stage is disabled or has no criteria line for the object), labels, and the
 * date-follows field.
 */
import type { EvaluatorDefinition, RecordPredicate } from './definition.js';
export interface Plan {
    readonly definition: EvaluatorDefinition;
    /** Index = stage number (0 unused). */
    readonly labels: readonly string[];
    readonly enabled: readonly boolean[];
    readonly lead2: RecordPredicate | null;
    readonly lead3: RecordPredicate | null;
    readonly contact2: RecordPredicate | null;
    readonly contact3: RecordPredicate | null;
    readonly opportunity5: RecordPredicate | null;
    readonly opportunity6: RecordPredicate | null;
    /** Stage 6 enabled with `date follows FIELD`: the field; else null. */
    readonly dateFollows: string | null;
}
export declare function makePlan(definition: EvaluatorDefinition): Plan;
export declare function checkFingerprint(plan: Plan, fingerprint: unknown): void;
