/**
 * `stagecraft/runtime`: the zero-dependency engine generated evaluator modules run on (SPEC §6).
 * Never imports anything outside src/runtime, so it works in Node and in a browser bundle.
 */
export { compareCodePoints, compareStampRows } from './stamp.js';
export { createEvaluator, } from './evaluator.js';
export { OBJECT_NAMES, } from './definition.js';
export { RecordError, SnapshotError } from './errors.js';
export { formatInstant, isCanonicalDate, isCanonicalInstant, multiIncludes, parseInstant } from './values.js';
//# sourceMappingURL=index.js.map