/** The TypeScript back end: checked IR → evaluator module for `@stagecraft/runtime` (SPEC §6). */
export { compileTs, RECORD_INTERFACES, RUNTIME_SPECIFIER } from './generate.js';
export { definitionFingerprint, fieldsReadBy } from './parts.js';
export { evaluatorDefinitionInProcess, type FastPathHelpers } from './in-process.js';
export { compilePredicate } from './predicates.js';
export { loadCompiledDefinition, transpileEvaluatorModule } from './load.js';
