/**
 * Compiles IR predicates (src/compiler/ir.ts) to TypeScript boolean expressions with the
 * two-valued logic of SPEC §4.1 inlined: nothing is interpreted at run time.
 *
 * Records reach the predicates normalised by the runtime (dates `YYYY-MM-DD`, instants
 * canonical UTC strings — fixed-width, so `<` orders them; numbers finite), and a missing
 * field is `undefined`, so null tests use `== null` / `!= null`, which cover both.
 *
 * TypeScript narrows `r.F` across the leaves of one `||`/`&&` chain, so a definition whose
 * leaves contradict each other (`Email is null or Email contains 'x'`, `IsWon or not IsWon and
 * …`) would not type-check (`never`, "no overlap"). A field read by more than one leaf of a
 * predicate is therefore read as `(r.F as T | null | undefined)`, which widens it back to its
 * declared type, and after an explicit `!= null` test with `!`. Fields read by one leaf only
 * keep the plain form (`r.Status === "Open" || r.Status === "Routed"` is one `in` leaf).
 */
import type { Predicate } from '../ir.js';
/** The TypeScript expression for `p` over the record parameter `r`. */
export declare function compilePredicate(p: Predicate): string;
