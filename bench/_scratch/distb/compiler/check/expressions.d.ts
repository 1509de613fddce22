/**
 * Type checking of one criteria expression against one object's fields (SPEC §2 "Type
 * checking"), producing the IR predicate. Every problem in the expression is reported; a part
 * the parser could not read (undefined in the AST) is skipped silently.
 */
import type { Expr } from '../../grammar/ast.js';
import type { Predicate } from '../ir.js';
import { type FieldResolver } from './fields.js';
import type { ProblemSink } from './problems.js';
export declare class ExpressionChecker {
    private readonly fields;
    private readonly sink;
    constructor(fields: FieldResolver, sink: ProblemSink);
    /** The IR predicate, or undefined when the expression has an error (already reported) or is incomplete. */
    check(expr: Expr | undefined): Predicate | undefined;
    /** The left side of an atom must be a field of the object. */
    private leftField;
    private bare;
    private compare;
    private inList;
    private textMatch;
    private multiMatch;
    private reportNotAValue;
    /** A literal operand for `field`, normalised; reports SC203/SC204/SC107/SC108/SC210. */
    private literalFor;
}
