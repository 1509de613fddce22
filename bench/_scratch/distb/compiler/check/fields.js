import { closestMatch } from '../../grammar/did-you-mean.js';
import { OBJECT_NAMES, valueFamily } from '../../schema/types.js';
export class FieldResolver {
    objectName;
    schema;
    sink;
    byLowerName = new Map();
    fields;
    constructor(objectName, schema, sink) {
        this.objectName = objectName;
        this.schema = schema;
        this.sink = sink;
        this.fields = schema.objects[objectName].fields;
        for (const name of Object.keys(this.fields)) {
            // An exact-case match wins; otherwise the first spelling (schemas rarely differ only in case).
            if (!this.byLowerName.has(name.toLowerCase()))
                this.byLowerName.set(name.toLowerCase(), name);
        }
    }
    /** Whether `name` names a field (case-insensitively); reports nothing. */
    has(name) {
        return Object.hasOwn(this.fields, name) || this.byLowerName.has(name.toLowerCase());
    }
    /** The field, or undefined after reporting SC201 (unknown field, with did-you-mean). */
    resolve(node) {
        const name = Object.hasOwn(this.fields, node.name) ? node.name : this.byLowerName.get(node.name.toLowerCase());
        if (name === undefined) {
            const suggestion = closestMatch(node.name, Object.keys(this.fields));
            const hint = suggestion ? `; did you mean '${suggestion}'?` : this.elsewhere(node.name);
            this.sink.error('SC201', `unknown field '${node.name}' on ${this.objectName}${hint}`, node.span, suggestion);
            return undefined;
        }
        const def = this.fields[name];
        return { ref: { kind: 'field', name, type: def.type }, def, family: valueFamily(def.type), node };
    }
    /** ` (it is a field of Opportunity)` when another object has the field: a line for the wrong object. */
    elsewhere(name) {
        const owners = OBJECT_NAMES.filter((o) => o !== this.objectName && Object.keys(this.schema.objects[o].fields).some((f) => f.toLowerCase() === name.toLowerCase()));
        return owners.length > 0 ? ` (it is a field of ${owners.join(' and ')})` : '';
    }
}
const FAMILY_WORDS = {
    text: 'text',
    picklist: 'picklist',
    multipicklist: 'multi-select picklist',
    boolean: 'boolean',
    number: 'number',
    date: 'date',
    datetime: 'datetime',
};
/** "picklist field 'Status'" — how messages name a field. */
export function describeField(f) {
    return `${FAMILY_WORDS[f.family]} field '${f.ref.name}'`;
}
export function familyWord(family) {
    return FAMILY_WORDS[family];
}
//# sourceMappingURL=fields.js.map