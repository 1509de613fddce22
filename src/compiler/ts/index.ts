/** The TypeScript back end: checked IR → evaluator module for `@stagecraft/runtime` (SPEC §6). */
export { compileTs, definitionFingerprint, fieldsReadBy, RECORD_INTERFACES, RUNTIME_SPECIFIER } from './generate.js';
export { compilePredicate } from './predicates.js';
export { loadCompiledDefinition, transpileEvaluatorModule } from './load.js';
