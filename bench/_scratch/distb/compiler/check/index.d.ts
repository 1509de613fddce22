/**
 * The type checker: AST → CheckedDefinition (../ir.ts). It enforces the structure of a
 * definition (which stages exist, which objects each stage takes, labels, `date follows`) and
 * type-checks every criteria expression against the schema. Every problem is reported; the IR
 * is produced only when there is no error.
 */
import type { DefinitionFile } from '../../grammar/ast.js';
import type { Problem } from '../diagnostics.js';
import { type CheckedDefinition } from '../ir.js';
import type { Schema } from '../../schema/types.js';
export interface AstCheckResult {
    readonly definition: CheckedDefinition | null;
    readonly problems: readonly Problem[];
}
export interface CheckOptions {
    /** 1-based line of an offset (for "already declared on line N" messages). */
    readonly lineOf: (offset: number) => number;
}
export declare function checkAst(ast: DefinitionFile, schema: Schema, options: CheckOptions): AstCheckResult;
