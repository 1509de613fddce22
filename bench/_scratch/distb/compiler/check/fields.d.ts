/** Field lookup on a schema object: case-insensitive like SOQL, normalised to the schema's spelling. */
import type { FieldNode } from '../../grammar/ast.js';
import type { FieldRef } from '../ir.js';
import { type FieldDef, type ObjectName, type Schema, type ValueFamily } from '../../schema/types.js';
import type { ProblemSink } from './problems.js';
export interface ResolvedField {
    readonly ref: FieldRef;
    readonly def: FieldDef;
    readonly family: ValueFamily;
    readonly node: FieldNode;
}
export declare class FieldResolver {
    readonly objectName: ObjectName;
    private readonly schema;
    private readonly sink;
    private readonly byLowerName;
    private readonly fields;
    constructor(objectName: ObjectName, schema: Schema, sink: ProblemSink);
    /** Whether `name` names a field (case-insensitively); reports nothing. */
    has(name: string): boolean;
    /** The field, or undefined after reporting SC201 (unknown field, with did-you-mean). */
    resolve(node: FieldNode): ResolvedField | undefined;
    /** ` (it is a field of Opportunity)` when another object has the field: a line for the wrong object. */
    private elsewhere;
}
/** "picklist field 'Status'" — how messages name a field. */
export declare function describeField(f: ResolvedField): string;
export declare function familyWord(family: ValueFamily): string;
