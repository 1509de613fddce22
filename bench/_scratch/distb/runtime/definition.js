/**
 * What a generated evaluator module exports (`export default definition`) and the evaluator
 * runs on: the definition's metadata and its compiled predicates. Mirrors the parts of the
 * compiler's checked IR and schema the runtime needs, without importing them (the runtime
 * has no dependencies, so it can ship in a browser bundle).
 */
export const OBJECT_NAMES = ['Engagement', 'Lead', 'Contact', 'Opportunity'];
//# sourceMappingURL=definition.js.map