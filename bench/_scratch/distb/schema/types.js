/**
 * The CRM schema a definition is checked against (SPEC §1).
 *
 * The four logical objects are fixed by the domain; their table names, field names and
 * the fields that play a system *role* (id, owner, current activation, …) come from the
 * schema file, so a customer org with `Current_Activation__c` works without code changes.
 */
export const FIELD_TYPES = [
    'id', 'reference', 'text', 'picklist', 'multipicklist', 'boolean',
    'int', 'double', 'currency', 'percent', 'date', 'datetime',
];
export function valueFamily(type) {
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
export const OBJECT_NAMES = ['Engagement', 'Lead', 'Contact', 'Opportunity'];
/** Record-type value that makes an Engagement a sales journey. */
export const ACTIVATION_RECORD_TYPE = 'Activation';
//# sourceMappingURL=types.js.map