/**
 * Salesforce `sobject describe` JSON → a Stagecraft schema (SPEC §1, `stages schema import`).
 *
 * Reads each document's `name` and `fields[].name/type/picklistValues[].value/active`, maps
 * Salesforce field types to ours (types we cannot compare on are skipped with a note), finds
 * the four objects by name and the role fields by their standard names — both overridable —
 * and validates the result with `validateSchema`, so an import never yields a schema the
 * checker or the back ends would trip over.
 *
 * Record types by id: when the Engagement's record types are known — the describe's
 * `recordTypeInfos`, or a RecordType table export (`--record-types`) — the record-type role is
 * `RecordTypeId` and `recordTypes` names its ids by `developerName`. Columns: `--columns`
 * derives every field's warehouse column from its API name (src/schema/columns.ts), `--table`
 * names tables.
 */
import { columnInStyle, type ColumnStyle } from './columns.js';
import { validateSchema } from './load.js';
import { ACTIVATION_RECORD_TYPE, OBJECT_NAMES, type FieldDef, type FieldType, type ObjectName, type Schema } from './types.js';

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
  /** How columns are spelled (default `as-is`: the column is the API name). */
  readonly columns?: ColumnStyle;
  /** Logical object → warehouse table (`Lead` → `lead_history`). */
  readonly tables?: Partial<Record<ObjectName, string>>;
  /** Rows of a RecordType table export; when given they name the Engagement's record types. */
  readonly recordTypes?: readonly RecordTypeRow[];
}

/** One row of a RecordType export (`Id,DeveloperName,SobjectType`). */
export interface RecordTypeRow {
  readonly id: string;
  readonly developerName: string;
  readonly sobjectType: string;
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
  // A combobox is a picklist that also takes free text: its values are not a closed set.
  combobox: 'text',
  encryptedstring: 'text',
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

/** Why a Salesforce type has no Stagecraft type (the rest: it cannot be compared in criteria). */
const SKIPPED_BECAUSE: Readonly<Record<string, string>> = {
  address: 'a compound field; its parts (Street, City, …) are fields of their own',
  location: 'a compound field; its parts (Latitude, Longitude) are fields of their own',
  time: 'a time of day without a date, which criteria cannot compare',
  base64: 'binary content, which criteria cannot compare',
  anytype: 'its values have no fixed type',
};

const TABLES: Readonly<Record<ObjectName, string>> = { Engagement: 'engagement', Lead: 'lead', Contact: 'contact', Opportunity: 'opportunity' };

/** Role → the names it is recognised by, compared after `normalise` (namespace, `__c`, `_` and case ignored). */
const ROLE_NAMES: Readonly<Record<ObjectName, Readonly<Record<string, readonly string[]>>>> = {
  Engagement: {
    id: ['id'],
    owner: ['ownerid'],
    recordType: ['recordtype', 'type', 'engagementtype', 'recordtypename'],
    // With record types by id (see recordTypeIds) the role is found among these instead.
    recordTypeId: ['recordtypeid'],
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
  readonly recordTypeInfos: readonly Record<string, unknown>[];
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
    const infos = Array.isArray(item.recordTypeInfos) ? item.recordTypeInfos.filter(isRecord) : [];
    return { source: where, name: item.name, fields: item.fields.filter(isRecord), recordTypeInfos: infos };
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
      const because = SKIPPED_BECAUSE[sfType] ?? 'cannot be used in criteria';
      notes.push(`${describe.name}.${name}: skipped (Salesforce type '${String(f.type)}': ${because})`);
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

/**
 * The Engagement's record types by developer name → ids, or undefined when none are known:
 * from the RecordType export when given (its rows for the Engagement object), else from the
 * describe's `recordTypeInfos` (the Master record type, which every object has, left out).
 */
function recordTypeIds(describe: Describe, exported: readonly RecordTypeRow[] | undefined, notes: string[]): Record<string, string[]> | undefined {
  const byName: Record<string, string[]> = {};
  const add = (name: string, id: string) => {
    const ids = (byName[name] ??= []);
    if (!ids.includes(id)) ids.push(id);
  };
  if (exported !== undefined) {
    const rows = exported.filter((r) => r.sobjectType.toLowerCase() === describe.name.toLowerCase());
    if (rows.length === 0) {
      const objects = [...new Set(exported.map((r) => r.sobjectType))].join(', ') || 'none';
      throw new SchemaImportError(`--record-types: no record type of ${describe.name} (SobjectType given: ${objects})`);
    }
    for (const r of rows) add(r.developerName, r.id);
  } else {
    for (const info of describe.recordTypeInfos) {
      if (info.master === true || typeof info.developerName !== 'string' || typeof info.recordTypeId !== 'string') continue;
      add(info.developerName, info.recordTypeId);
    }
    if (Object.keys(byName).length === 0) return undefined;
  }
  if (!(ACTIVATION_RECORD_TYPE in byName)) {
    throw new SchemaImportError(`${describe.name} has no record type named '${ACTIVATION_RECORD_TYPE}' (developer names: ${Object.keys(byName).join(', ')})`);
  }
  notes.push(`${describe.name}: record types by id (${Object.entries(byName).map(([n, ids]) => `${n} ${ids.join(' ')}`).join('; ')})`);
  return byName;
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
    const known = OBJECT_NAMES.includes(object as ObjectName) && roleNames(object as ObjectName).includes(role);
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
    const recordTypes = logical === 'Engagement' ? recordTypeIds(describe, options.recordTypes, notes) : undefined;
    const roles: Record<string, string> = {};
    for (const role of roleNames(logical)) {
      // With record types by id the role is the id field (RecordTypeId) unless named with --role.
      const found = role === 'recordType' && recordTypes !== undefined && overrides['Engagement.recordType'] === undefined ? 'recordTypeId' : role;
      roles[role] = findRole(logical, found, fields, overrides);
    }
    if (logical !== 'Engagement' && roles.validFrom in fields) {
      throw new SchemaImportError(`${logical} has a field named '${roles.validFrom}', the version-start column; choose another with --role ${logical}.validFrom=COLUMN`);
    }
    const style = options.columns ?? 'as-is';
    const table = options.tables?.[logical] ?? (style === 'as-is' ? TABLES[logical] : columnInStyle(style, describe.name));
    objects[logical] = { table, versioned: logical !== 'Engagement', roles, fields: withColumns(fields, style), ...(recordTypes && { recordTypes }) };
  }
  for (const d of describes) if (!used.has(d)) notes.push(`${d.source}: object ${d.name} is not one of ${OBJECT_NAMES.join(', ')}; skipped`);
  const schema = validateSchema({ objects }, 'imported schema');
  return { schema, notes };
}

/** The roles of `object` (recordTypeId is a way of finding recordType, not a role). */
function roleNames(object: ObjectName): string[] {
  return [...Object.keys(ROLE_NAMES[object]).filter((r) => r !== 'recordTypeId'), ...(object === 'Engagement' ? [] : ['validFrom'])];
}

function allRoleNames(): string[] {
  return OBJECT_NAMES.flatMap((o) => roleNames(o).map((r) => `${o}.${r}`));
}

/** Each field with its column in `style` (named only where it differs from the field). */
function withColumns(fields: Record<string, FieldDef>, style: ColumnStyle): Record<string, FieldDef> {
  const out: Record<string, FieldDef> = {};
  for (const [name, def] of Object.entries(fields)) {
    const column = columnInStyle(style, name);
    out[name] = column === name ? def : { ...def, column };
  }
  return out;
}

/** `Lead=lead_history` pairs → the tables option. */
export function parseTableMappings(pairs: readonly string[]): Partial<Record<ObjectName, string>> {
  return parseObjectPairs('--table', 'TABLE', pairs);
}

/** `Engagement=ia__Engagement__c` pairs → the objects option. */
export function parseObjectMappings(pairs: readonly string[]): Partial<Record<ObjectName, string>> {
  return parseObjectPairs('--object', 'API_NAME', pairs);
}

/** `OBJECT=VALUE` pairs of a repeatable flag, keyed by logical object. */
function parseObjectPairs(flag: string, value: string, pairs: readonly string[]): Partial<Record<ObjectName, string>> {
  const out: Partial<Record<ObjectName, string>> = {};
  for (const pair of pairs) {
    const m = /^([^=]+)=(.+)$/.exec(pair);
    const logical = m && OBJECT_NAMES.find((o) => o.toLowerCase() === m[1].trim().toLowerCase());
    if (!m || !logical) throw new SchemaImportError(`${flag} ${pair}: expected OBJECT=${value} with OBJECT one of ${OBJECT_NAMES.join(', ')}`);
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
