/**
 * The CRM schema a definition is checked against (SPEC §1).
 *
 * The four logical objects are fixed by the domain; their table names, field names and
 * the fields that play a system *role* (id, owner, current activation, …) come from the
 * schema file, so a customer org with `Current_Activation__c` works without code changes.
 */
export type FieldType = 'id' | 'reference' | 'text' | 'picklist' | 'multipicklist' | 'boolean' | 'int' | 'double' | 'currency' | 'percent' | 'date' | 'datetime';
export declare const FIELD_TYPES: readonly FieldType[];
/** How a field's values behave in predicates and in storage. */
export type ValueFamily = 'text' | 'picklist' | 'multipicklist' | 'boolean' | 'number' | 'date' | 'datetime';
export declare function valueFamily(type: FieldType): ValueFamily;
export interface FieldDef {
    readonly type: FieldType;
    /** Picklist / multi-select picklist values (only literals in a .stages file are checked against them). */
    readonly values?: readonly string[];
    readonly label?: string;
}
export type ObjectName = 'Engagement' | 'Lead' | 'Contact' | 'Opportunity';
export declare const OBJECT_NAMES: readonly ObjectName[];
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
export interface Schema {
    readonly objects: {
        readonly Engagement: ObjectDef<EngagementRoles>;
        readonly Lead: ObjectDef<PersonRoles>;
        readonly Contact: ObjectDef<PersonRoles>;
        readonly Opportunity: ObjectDef<OpportunityRoles>;
    };
}
/** Record-type value that makes an Engagement a sales journey. */
export declare const ACTIVATION_RECORD_TYPE = "Activation";
