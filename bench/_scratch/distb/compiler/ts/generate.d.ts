import type { CheckedDefinition } from '../ir.js';
import { type ObjectName } from '../../schema/types.js';
/** The runtime entry the generated module imports (its only import). */
export declare const RUNTIME_SPECIFIER = "stagecraft/runtime";
export declare const RECORD_INTERFACES: Readonly<Record<ObjectName, string>>;
/** Identifies the definition and schema; a snapshot only restores into an evaluator of the same. */
export declare function definitionFingerprint(def: CheckedDefinition): string;
/** The TypeScript source of the evaluator module for `def`. */
export declare function compileTs(def: CheckedDefinition): string;
