import { type ObjectName, type Schema } from './types.js';
/** A problem that makes the import impossible (the CLI prints it; exit 1). */
export declare class SchemaImportError extends Error {
    constructor(message: string);
}
export interface DescribeDocument {
    /** Where it came from, for messages. */
    readonly source: string;
    readonly json: unknown;
}
export interface ImportOptions {
    /** Logical object → Salesforce API name (`Engagement` → `ia__Engagement__c`). */
    readonly objects?: Partial<Record<ObjectName, string>>;
    /** `Lead.currentActivation` → field API name. */
    readonly roles?: Readonly<Record<string, string>>;
}
export interface ImportResult {
    readonly schema: Schema;
    /** Things the user should know (skipped fields and objects, inactive picklist values dropped). */
    readonly notes: readonly string[];
}
export declare function importDescribes(documents: readonly DescribeDocument[], options?: ImportOptions): ImportResult;
/** `Engagement=ia__Engagement__c` pairs → the objects option. */
export declare function parseObjectMappings(pairs: readonly string[]): Partial<Record<ObjectName, string>>;
/** `Lead.currentActivation=Current_Activation__c` pairs → the roles option. */
export declare function parseRoleMappings(pairs: readonly string[]): Record<string, string>;
