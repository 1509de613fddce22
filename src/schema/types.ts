/**
 * The CRM schema a definition is checked against (SPEC §1).
 *
 * The four logical objects are fixed by the domain; their table names, field names and
 * the fields that play a system *role* (id, owner, current activation, …) come from the
 * schema file, so a customer org with `Current_Activation__c` works without code changes.
 */

export type FieldType =
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

export const FIELD_TYPES: readonly FieldType[] = [
  'id', 'reference', 'text', 'picklist', 'multipicklist', 'boolean',
  'int', 'double', 'currency', 'percent', 'date', 'datetime',
];

/** How a field's values behave in predicates and in storage. */
export type ValueFamily = 'text' | 'picklist' | 'multipicklist' | 'boolean' | 'number' | 'date' | 'datetime';

export function valueFamily(type: FieldType): ValueFamily {
  switch (type) {
    case 'id':
    case 'reference':
    case 'text':
      return 'text';
    case 'picklist':
      return 'picklist';
    case 'multipicklist':
      return 'multipicklist';
    case 'boolean':
      return 'boolean';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
  }
}

export interface FieldDef {
  readonly type: FieldType;
  /** Picklist / multi-select picklist values (only literals in a .stages file are checked against them). */
  readonly values?: readonly string[];
  readonly label?: string;
  /**
   * The warehouse column holding the field, when it is not spelled like the field (Fivetran's
   * `current_activation_c` for `Current_Activation__c`). `.stages` files always use the field
   * name; the views, the loaders and the evaluator's input read the column.
   */
  readonly column?: string;
}

export type ObjectName = 'Engagement' | 'Lead' | 'Contact' | 'Opportunity';
export const OBJECT_NAMES: readonly ObjectName[] = ['Engagement', 'Lead', 'Contact', 'Opportunity'];
export type VersionedObjectName = Exclude<ObjectName, 'Engagement'>;

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
  /** Column holding the instant a version starts; not a field of the object. */
  readonly validFrom: string;
}

export interface OpportunityRoles {
  readonly id: string;
  readonly owner: string;
  readonly activation: string;
  readonly validFrom: string;
}

export interface ObjectDef<R> {
  readonly table: string;
  readonly versioned: boolean;
  readonly roles: R;
  readonly fields: Readonly<Record<string, FieldDef>>;
}

/**
 * Record types by id: record-type name → the ids that mean it (several orgs, several ids).
 * With it the Engagement's record-type role may be a reference field (`RecordTypeId`); a
 * journey is an engagement whose record type is one of the ids named `Activation`.
 */
export type RecordTypeIds = Readonly<Record<string, readonly string[]>>;

export interface EngagementDef extends ObjectDef<EngagementRoles> {
  readonly recordTypes?: RecordTypeIds;
}

export interface Schema {
  readonly objects: {
    readonly Engagement: EngagementDef;
    readonly Lead: ObjectDef<PersonRoles>;
    readonly Contact: ObjectDef<PersonRoles>;
    readonly Opportunity: ObjectDef<OpportunityRoles>;
  };
}

/** Record-type value (or, with record types by id, record-type name) that makes an Engagement a sales journey. */
export const ACTIVATION_RECORD_TYPE = 'Activation';

/** The record-type values that make an Engagement a journey: the Activation ids, or `Activation` itself. */
export function activationRecordTypeValues(schema: Schema): readonly string[] {
  return schema.objects.Engagement.recordTypes?.[ACTIVATION_RECORD_TYPE] ?? [ACTIVATION_RECORD_TYPE];
}
