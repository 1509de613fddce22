/**
 * The checked intermediate representation: the only thing the back ends read.
 *
 * The type checker (src/compiler/check/) produces it from the AST; the SQL back end
 * (src/compiler/sql) and the TypeScript back end (src/compiler/ts) consume it. It is plain
 * JSON-serialisable data with no source positions: everything in it is already valid, so a
 * back end never re-checks or reports anything.
 */
import type { FieldType, Schema } from '../schema/types.js';

export type StageNumber = 1 | 2 | 3 | 4 | 5 | 6;
export const STAGE_NUMBERS: readonly StageNumber[] = [1, 2, 3, 4, 5, 6];

/** The objects criteria lines can be written for (keywords `lead`, `contact`, `opportunity`). */
export type CriteriaObject = 'Lead' | 'Contact' | 'Opportunity';
export const CRITERIA_OBJECTS: readonly CriteriaObject[] = ['Lead', 'Contact', 'Opportunity'];

export interface FieldRef {
  readonly kind: 'field';
  /** Field name exactly as in the schema (what the `.stages` file says). */
  readonly name: string;
  /** The warehouse column holding it: what every back end reads (a key of `schema`'s fields). */
  readonly column: string;
  readonly type: FieldType;
}

/**
 * A literal, normalised: numbers are finite doubles, dates `YYYY-MM-DD`, datetimes the
 * canonical UTC instant `YYYY-MM-DDTHH:MM:SS.mmmZ` (truncated to the millisecond).
 */
export type Literal =
  | { readonly kind: 'literal'; readonly type: 'text'; readonly value: string }
  | { readonly kind: 'literal'; readonly type: 'number'; readonly value: number }
  | { readonly kind: 'literal'; readonly type: 'boolean'; readonly value: boolean }
  | { readonly kind: 'literal'; readonly type: 'date'; readonly value: string }
  | { readonly kind: 'literal'; readonly type: 'datetime'; readonly value: string };

export type Operand = FieldRef | Literal;

export type ComparisonOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type TextMatchOp = 'contains' | 'startsWith' | 'endsWith';

/**
 * Two-valued predicates (SPEC §4.1). Null handling is part of each node's meaning, not of
 * the tree: a back end compiles each node so that it is exactly true or false.
 */
export type Predicate =
  | { readonly kind: 'and'; readonly args: readonly Predicate[] }
  | { readonly kind: 'or'; readonly args: readonly Predicate[] }
  | { readonly kind: 'not'; readonly arg: Predicate }
  /**
   * Comparison. At least one side is a field. Both sides have the same value family
   * (number, text, picklist, boolean, date, datetime). Ordering operators never appear on
   * text, picklist or boolean operands (the checker rejects them).
   *  - `=` with a null side is false, except field = field with both null (true).
   *  - `!=` is the negation of `=`.
   *  - ordering with a null side is false.
   */
  | { readonly kind: 'compare'; readonly op: ComparisonOp; readonly left: Operand; readonly right: Operand }
  /** `field in (…)`: false on null; `not in`: its negation (true on null). Literals have the field's family. */
  | { readonly kind: 'in'; readonly negated: boolean; readonly field: FieldRef; readonly values: readonly Literal[] }
  | { readonly kind: 'isNull'; readonly negated: boolean; readonly field: FieldRef }
  /** Text match, exact and case-sensitive; false when either side is null. Operand is a text literal or text field. */
  | { readonly kind: 'textMatch'; readonly op: TextMatchOp; readonly field: FieldRef; readonly operand: Operand }
  /**
   * Multi-select picklist (values stored joined with `;`), SOQL semantics: `includes` holds when
   * ANY of `sets` is wholly contained in the field's values; each set is the `;`-split of one
   * literal (`includes ('AI;Cloud', 'Data')` = (AI and Cloud) or Data). False on null.
   * `excludes` is the negation of `includes` (true on null).
   */
  | { readonly kind: 'multiMatch'; readonly op: 'includes' | 'excludes'; readonly field: FieldRef; readonly sets: readonly (readonly string[])[] }
  /** A bare boolean field: true only when the field is true (null is false). */
  | { readonly kind: 'boolField'; readonly field: FieldRef };

export interface StageCriteria {
  readonly Lead?: Predicate;
  readonly Contact?: Predicate;
  readonly Opportunity?: Predicate;
}

export interface CheckedStage {
  readonly stage: StageNumber;
  readonly label: string;
  /** Stamped (and back-filled) at all. Stages 1 and 4 are always enabled. */
  readonly enabled: boolean;
  /** Criteria per object; an object without a line produces no direct candidates. Empty for 1 and 4. */
  readonly criteria: StageCriteria;
  /** Stage 6 only: the COLUMN of the date field of the opportunity's latest version reported as the stage date (§4.4). */
  readonly dateFollows?: string;
}

export interface CheckedDefinition {
  /** The `journey "…"` name, or null when the file has none. */
  readonly journey: string | null;
  /** Exactly six entries, stages 1..6 in order (index = stage - 1). */
  readonly stages: readonly CheckedStage[];
  /**
   * The schema the definition was checked against, as the warehouse sees it
   * (`warehouseSchema`): tables, fields keyed by their columns, roles naming columns. The
   * back ends, loaders and engines read columns from here and nowhere else.
   */
  readonly schema: Schema;
}

export const DEFAULT_LABELS: Readonly<Record<StageNumber, string>> = {
  1: 'Activation',
  2: 'Routed',
  3: 'Accepted',
  4: 'Opportunity Created',
  5: 'Qualified',
  6: 'Won',
};
