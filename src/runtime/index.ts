/**
 * `@stagecraft/runtime`: the zero-dependency engine generated evaluator modules run on (SPEC §6).
 * Never imports anything outside src/runtime, so it works in Node and in a browser bundle.
 */
export { compareCodePoints, compareStampRows, type StampRow } from './stamp.js';
export {
  createEvaluator,
  type Evaluator,
  type EvaluatorOptions,
  type StampListener,
  type UnstampListener,
} from './evaluator.js';
export {
  OBJECT_NAMES,
  type EngagementRoles,
  type EvaluatorDefinition,
  type EvaluatorObject,
  type EvaluatorRecord,
  type EvaluatorStage,
  type ObjectName,
  type OpportunityRoles,
  type PersonRoles,
  type RecordPredicate,
  type RecordValue,
  type RuntimeFieldType,
  type StageNumber,
  type StagePredicates,
} from './definition.js';
export { RecordError, SnapshotError } from './errors.js';
export type { EvaluatorSnapshot, JourneyTuple, OpportunityTuple, PendingTuple, SnapshotInstant } from './snapshot.js';
export { formatInstant, isCanonicalDate, isCanonicalInstant, multiIncludes, parseInstant } from './values.js';
