/**
 * What a generated evaluator module exports (`export default definition`) and the evaluator
 * runs on: the definition's metadata and its compiled predicates. Mirrors the parts of the
 * compiler's checked IR and schema the runtime needs, without importing them (the runtime
 * has no dependencies, so it can ship in a browser bundle).
 */

export type ObjectName = 'Engagement' | 'Lead' | 'Contact' | 'Opportunity';
export const OBJECT_NAMES: readonly ObjectName[] = ['Engagement', 'Lead', 'Contact', 'Opportunity'];

export type StageNumber = 1 | 2 | 3 | 4 | 5 | 6;

/** Field types of the schema (same names as the compiler's `FieldType`). */
export type RuntimeFieldType =
  | 'id'
  | 'reference'
  | 'text'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime';

/** A normalised value as predicates see it (SPEC §3; dates `YYYY-MM-DD`, instants canonical UTC). */
export type RecordValue = string | number | boolean | null;

/** A record after validation: what compiled predicates receive. Missing fields read as undefined = null. */
export interface EvaluatorRecord {
  readonly [field: string]: RecordValue | undefined;
}

/**
 * A compiled predicate. Declared with method syntax so that a generated function typed with
 * its object's own record interface (`(r: LeadVersion) => boolean`) is assignable here under
 * `strictFunctionTypes`: the runtime only ever passes it records of that object.
 */
export type RecordPredicate = { check(record: EvaluatorRecord): boolean }['check'];

export interface StagePredicates {
  readonly Lead?: RecordPredicate;
  readonly Contact?: RecordPredicate;
  readonly Opportunity?: RecordPredicate;
}

export interface EvaluatorStage {
  readonly stage: StageNumber;
  readonly label: string;
  /** Stamped and back-filled at all (stages 1 and 4 always are). */
  readonly enabled: boolean;
  /** Compiled criteria per object; an object without one yields no direct candidates. */
  readonly predicates: StagePredicates;
  /** Stage 6: the date field of the opportunity's latest version reported as the stage date (§4.4). */
  readonly dateFollows?: string | null;
}

export interface EngagementRoles {
  readonly id: string;
  readonly owner: string;
  readonly recordType: string;
  readonly created: string;
  readonly completed: string;
  readonly lead: string;
  readonly contact: string;
}

export interface PersonRoles {
  readonly id: string;
  readonly owner: string;
  readonly currentActivation: string;
  readonly validFrom: string;
}

export interface OpportunityRoles {
  readonly id: string;
  readonly owner: string;
  readonly activation: string;
  readonly validFrom: string;
}

export interface EvaluatorObject<R> {
  /** Field names of the system roles (a customer schema may call them differently). */
  readonly roles: R;
  /**
   * The fields the evaluator reads — role fields, fields compared by criteria, the date-follows
   * field — with their types. Upserted records are validated on these; other fields are passed
   * through unchecked (they cannot change a stamp).
   */
  readonly fields: Readonly<Record<string, RuntimeFieldType>>;
  /**
   * Optional compiled fast path of validation: true when every field of `fields` except the id
   * (and Engagement's CreatedDate) is absent, null, or already a valid normalised value of its type.
   * When it returns false (or is absent) the runtime validates field by field, normalises, and
   * names the offending field in its error. Generated modules provide it: a record read with
   * static property accesses is several times cheaper to check than a loop over field names.
   */
  readonly isNormal?: (record: Readonly<Record<string, unknown>>) => boolean;
}

export interface EvaluatorDefinition {
  /** Layout version of this interface; the runtime refuses modules generated for another. */
  readonly format: 1;
  /** The `journey "…"` name, or null. */
  readonly journey: string | null;
  /** Identifies the definition (criteria + schema); snapshots only restore into the same one. */
  readonly fingerprint: string;
  /** The record type that makes an Engagement a journey: its value, or its name when ids are given. */
  readonly activationRecordType: string;
  /**
   * With record types by id (the record-type role is `RecordTypeId`), the ids that mean
   * `activationRecordType`; an Engagement is a journey when its record type is one of them.
   */
  readonly activationRecordTypeIds?: readonly string[];
  /** Exactly six entries, stages 1..6 in order. */
  readonly stages: readonly EvaluatorStage[];
  readonly objects: {
    readonly Engagement: EvaluatorObject<EngagementRoles>;
    readonly Lead: EvaluatorObject<PersonRoles>;
    readonly Contact: EvaluatorObject<PersonRoles>;
    readonly Opportunity: EvaluatorObject<OpportunityRoles>;
  };
}
