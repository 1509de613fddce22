import type { EvaluatorDefinition } from '../../runtime/index.js';
import type { CheckedDefinition } from '../ir.js';
/** Transpiles generated TypeScript to an ES module whose runtime import points at this package's runtime. */
export declare function transpileEvaluatorModule(source: string): string;
export declare function loadCompiledDefinition(def: CheckedDefinition): Promise<EvaluatorDefinition>;
