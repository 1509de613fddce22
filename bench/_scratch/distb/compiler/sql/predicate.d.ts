/**
 * Two-valued predicates (SPEC §4.1) as SQL boolean expressions that are never NULL.
 *
 * Every leaf is made two-valued where it is built (`COALESCE(…, FALSE)`, `IS NULL`, or a
 * null-safe equality), so `AND`/`OR`/`NOT` over leaves stay two-valued by construction and a
 * NULL can never reach a stage decision — in particular `NOT` over a leaf is the plain
 * negation the IR asks for (`!=`, `not in` and `excludes` are true on NULL).
 */
import type { FieldRef, Literal, Predicate } from '../ir.js';
import type { Dialect } from './dialect.js';
/** How a field reference becomes a column expression (e.g. `v."Status"`). */
export type ColumnRef = (field: FieldRef) => string;
export declare function compilePredicate(pred: Predicate, dialect: Dialect, column: ColumnRef): string;
export declare function literal(lit: Literal, dialect: Dialect): string;
