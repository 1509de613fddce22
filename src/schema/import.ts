/**
 * Salesforce `sobject describe` JSON → a Stagecraft schema (SPEC §1, `stages schema import`).
 *
 * Reads each document's `name` and `fields[].name/type/picklistValues[].value/active`, maps
 * Salesforce field types to ours (types we cannot compare on are skipped with a note), finds
 * the four objects by name and the role fields by their standard names — both overridable —
 * and validates the result with `validateSchema`, so an import never yields a schema the
 * checker or the back ends would trip over.
 */
import { validateSchema } from './load.js';
import { OBJECT_NAMES, type FieldDef, type FieldType, type ObjectName, type Schema } from './types.js';

/** A problem that makes the import impossible (the CLI prints it; exit 1). */
export class SchemaImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaImportError';
  }
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

const TYPE_MAP: Readonly<Record<string, FieldType>> = {
  id: 'id',
  reference: 'reference',
  string: 'text',
  textarea: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  picklist: 'picklist',
  multipicklist: 'multipicklist',
  boolean: 'boolean',
  int: 'int',
  double: 'double',
  currency: 'currency',
  percent: 'percent',
  date: 'date',
  datetime: 'datetime',
};

const TABLES: Readonly<Record<ObjectName, string>> = { Engagement: 'engagement', Lead: 'lead', Contact: 'contact', Opportunity: 'opportunity' };

/** Role → the names it is recognised by, compared after `normalise` (namespace, `__c`, `_` and case ignored). */
const ROLE_NAMES: Readonly<Record<ObjectName, Readonly<Record<string, readonly string[]>>>> = {
  Engagement: {
    id: ['id'],
    owner: ['ownerid'],
    recordType: ['recordtype', 'type', 'engagementtype', 'recordtypename'],
    created: ['createddate'],
    completed: ['completiondate', 'salesjourneycompletiondate', 'completeddate'],
    lead: ['leadid', 'lead'],
    contact: ['contactid', 'contact'],
  },
  Lead: { id: ['id'], owner: ['ownerid'], currentActivation: ['currentactivationid', 'currentactivation'] },
  Contact: { id: ['id'], owner: ['ownerid'], currentActivation: ['currentactivationid', 'currentactivation'] },
  Opportunity: { id: ['id'], owner: ['ownerid'], activation: ['activationid', 'activation', 'salesjourneyid', 'salesjourney'] },
};

/** `ns__Current_Activation__c` → `currentactivation`. */
function normalise(apiName: string): string {
  return apiName
    .replace(/__c$/i, '')
    .replace(/^[A-Za-z0-9]+__(?=[A-Za-z])/, '')
    .replace(/_/g, '')
    .toLowerCase();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Describe {
  readonly source: string;
  readonly name: string;
  readonly fields: readonly Record<string, unknown>[];
}

function readDescribes(doc: DescribeDocument): Describe[] {
  // A bare describe, a list of them, or the `sf sobject describe --json` envelope ({ status, result }).
  const json = isRecord(doc.json) && isRecord(doc.json.result) && !('fields' in doc.json) ? doc.json.result : doc.json;
  const items = Array.isArray(json) ? json : [json];
  return items.map((item, i) => {
    const where = items.length > 1 ? `${doc.source}[${i}]` : doc.source;
    if (!isRecord(item) || typeof item.name !== 'string' || !Array.isArray(item.fields)) {
      throw new SchemaImportError(`${where}: not an sobject describe document (expected "name" and "fields")`);
    }
    return { source: where, name: item.name, fields: item.fields.filter(isRecord) };
  });
}

function findObject(logical: ObjectName, describes: readonly Describe[], explicit: string | undefined): Describe | undefined {
  if (explicit !== undefined) return describes.find((d) => d.name.toLowerCase() === explicit.toLowerCase());
  return describes.find((d) => d.name === logical) ?? describes.find((d) => normalise(d.name) === logical.toLowerCase());
}

function convertFields(describe: Describe, notes: string[]): Record<string, FieldDef> {
  const fields: Record<string, FieldDef> = {};
  for (const f of describe.fields) {
    const name = f.name;
    const sfType = typeof f.type === 'string' ? f.type.toLowerCase() : '';
    if (typeof name !== 'string' || name === '') continue;
    const type = TYPE_MAP[sfType];
    if (!type) {
      notes.push(`${describe.name}.${name}: skipped (Salesforce type '${String(f.type)}' cannot be used in criteria)`);
      continue;
    }
    const def: { type: FieldType; values?: string[]; label?: string } = { type };
    if (typeof f.label === 'string' && f.label !== '' && f.label !== name) def.label = f.label;
    if (type === 'picklist' || type === 'multipicklist') {
      const entries = Array.isArray(f.picklistValues) ? f.picklistValues.filter(isRecord) : [];
      const active = entries.filter((v) => v.active !== false && typeof v.value === 'string').map((v) => v.value as string);
      const inactive = entries.length - active.length;
      if (inactive > 0) notes.push(`${describe.name}.${name}: ${inactive} inactive picklist value${inactive === 1 ? '' : 's'} left out`);
      def.values = [...new Set(active)];
    }
    fields[name] = def;
  }
  return fields;
}

function findRole(object: ObjectName, role: string, fields: Readonly<Record<string, FieldDef>>, overrides: Readonly<Record<string, string>>): string {
  const override = overrides[`${object}.${role}`];
  if (override !== undefined) {
    if (role === 'validFrom') return override;
    const actual = Object.keys(fields).find((n) => n.toLowerCase() === override.toLowerCase());
    if (!actual) throw new SchemaImportError(`--role ${object}.${role}=${override}: ${object} has no field '${override}'`);
    return actual;
  }
  if (role === 'validFrom') return 'valid_from';
  const wanted = ROLE_NAMES[object][role];
  const found = Object.keys(fields).find((n) => wanted.includes(normalise(n)));
  if (!found) {
    throw new SchemaImportError(
      `cannot find the ${object} field for the role '${role}' (looked for ${wanted.join(', ')}); name it with --role ${object}.${role}=FIELD`,
    );
  }
  return found;
}

export function importDescribes(documents: readonly DescribeDocument[], options: ImportOptions = {}): ImportResult {
  const notes: string[] = [];
  const describes = documents.flatMap(readDescribes);
  const overrides = options.roles ?? {};
  for (const key of Object.keys(overrides)) {
    const [object, role] = key.split('.');
    const known = OBJECT_NAMES.includes(object as ObjectName) && (role === 'validFrom' ? object !== 'Engagement' : role in (ROLE_NAMES[object as ObjectName] ?? {}));
    if (!known) throw new SchemaImportError(`unknown role '${key}' (roles: ${allRoleNames().join(', ')})`);
  }
  const used = new Set<Describe>();
  const objects: Record<string, unknown> = {};
  for (const logical of OBJECT_NAMES) {
    const explicit = options.objects?.[logical];
    const describe = findObject(logical, describes, explicit);
    if (!describe) {
      const names = describes.map((d) => d.name).join(', ') || 'none';
      throw new SchemaImportError(
        explicit !== undefined
          ? `--object ${logical}=${explicit}: no describe document for '${explicit}' (given: ${names})`
          : `no describe document for ${logical} (given: ${names}); pass its describe JSON, or map it with --object ${logical}=API_NAME`,
      );
    }
    used.add(describe);
    const fields = convertFields(describe, notes);
    const roles: Record<string, string> = {};
    for (const role of [...Object.keys(ROLE_NAMES[logical]), ...(logical === 'Engagement' ? [] : ['validFrom'])]) {
      roles[role] = findRole(logical, role, fields, overrides);
    }
    if (logical !== 'Engagement' && roles.validFrom in fields) {
      throw new SchemaImportError(`${logical} has a field named '${roles.validFrom}', the version-start column; choose another with --role ${logical}.validFrom=COLUMN`);
    }
    objects[logical] = { table: TABLES[logical], versioned: logical !== 'Engagement', roles, fields };
  }
  for (const d of describes) if (!used.has(d)) notes.push(`${d.source}: object ${d.name} is not one of ${OBJECT_NAMES.join(', ')}; skipped`);
  const schema = validateSchema({ objects }, 'imported schema');
  return { schema, notes };
}

function allRoleNames(): string[] {
  return OBJECT_NAMES.flatMap((o) => [...Object.keys(ROLE_NAMES[o]), ...(o === 'Engagement' ? [] : ['validFrom'])].map((r) => `${o}.${r}`));
}

/** `Engagement=ia__Engagement__c` pairs → the objects option. */
export function parseObjectMappings(pairs: readonly string[]): Partial<Record<ObjectName, string>> {
  const out: Partial<Record<ObjectName, string>> = {};
  for (const pair of pairs) {
    const m = /^([^=]+)=(.+)$/.exec(pair);
    const logical = m && OBJECT_NAMES.find((o) => o.toLowerCase() === m[1].trim().toLowerCase());
    if (!m || !logical) throw new SchemaImportError(`--object ${pair}: expected OBJECT=API_NAME with OBJECT one of ${OBJECT_NAMES.join(', ')}`);
    out[logical] = m[2].trim();
  }
  return out;
}

/** `Lead.currentActivation=Current_Activation__c` pairs → the roles option. */
export function parseRoleMappings(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^([A-Za-z]+)\.([A-Za-z]+)=(.+)$/.exec(pair);
    if (!m) throw new SchemaImportError(`--role ${pair}: expected OBJECT.role=FIELD, e.g. Lead.currentActivation=Current_Activation__c`);
    const logical = OBJECT_NAMES.find((o) => o.toLowerCase() === m[1].toLowerCase()) ?? m[1];
    out[`${logical}.${m[2]}`] = m[3].trim();
  }
  return out;
}
