import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ACTIVATION_RECORD_TYPE,
  FIELD_TYPES,
  OBJECT_NAMES,
  type FieldType,
  type Schema,
} from './types.js';

/** Path of the shipped default schema (works from src/ under vitest and from dist/). */
export const DEFAULT_SCHEMA_PATH = fileURLToPath(new URL('../../schema/salesforce.json', import.meta.url));

export class SchemaError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'SchemaError';
  }
}

const REQUIRED_ROLES: Record<string, readonly string[]> = {
  Engagement: ['id', 'owner', 'recordType', 'created', 'completed', 'lead', 'contact'],
  Lead: ['id', 'owner', 'currentActivation', 'validFrom'],
  Contact: ['id', 'owner', 'currentActivation', 'validFrom'],
  Opportunity: ['id', 'owner', 'activation', 'validFrom'],
};

/** Role → the field type it must have (validFrom is a column, not a field). */
const ROLE_TYPES: Record<string, readonly FieldType[]> = {
  id: ['id'],
  owner: ['reference', 'id', 'text'],
  recordType: ['picklist', 'text'],
  created: ['datetime'],
  completed: ['datetime'],
  lead: ['reference', 'id', 'text'],
  contact: ['reference', 'id', 'text'],
  currentActivation: ['reference', 'id', 'text'],
  activation: ['reference', 'id', 'text'],
};

/** With record types by id the record-type role holds an id (a reference to RecordType). */
const RECORD_TYPE_ID_TYPES: readonly FieldType[] = ['reference', 'id', 'text', 'picklist'];

/** `recordTypes`: name → non-empty list of ids, an `Activation` entry, no id under two names. */
function recordTypeProblems(recordTypes: unknown): string[] {
  if (recordTypes === undefined) return [];
  const where = 'Engagement.recordTypes';
  if (!isRecord(recordTypes)) return [`${where} must be an object of record-type name → list of ids`];
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const [typeName, ids] of Object.entries(recordTypes)) {
    if (!Array.isArray(ids) || ids.length === 0 || ids.some((id) => typeof id !== 'string' || id === '')) {
      problems.push(`${where}.${typeName} must be a non-empty list of ids`);
      continue;
    }
    for (const id of ids as string[]) {
      const other = owner.get(id);
      if (other !== undefined && other !== typeName) problems.push(`${where}: id "${id}" is listed under both ${other} and ${typeName}`);
      owner.set(id, typeName);
    }
  }
  if (!(ACTIVATION_RECORD_TYPE in recordTypes)) problems.push(`${where} must name the ids of the "${ACTIVATION_RECORD_TYPE}" record type`);
  return problems;
}

let cachedDefault: Schema | undefined;

export function loadDefaultSchema(): Schema {
  cachedDefault ??= loadSchema(DEFAULT_SCHEMA_PATH);
  return cachedDefault;
}

export function loadSchema(file: string): Schema {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SchemaError(file, `cannot read schema file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SchemaError(file, `not valid JSON: ${(e as Error).message}`);
  }
  return validateSchema(json, file);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks the shape of a parsed schema document and returns it typed; every problem is named. */
export function validateSchema(json: unknown, file = '<schema>'): Schema {
  const problems: string[] = [];
  if (!isRecord(json) || !isRecord(json.objects)) {
    throw new SchemaError(file, 'expected an object with an "objects" member');
  }
  const objects = json.objects;
  for (const name of OBJECT_NAMES) {
    const obj = objects[name];
    if (!isRecord(obj)) {
      problems.push(`missing object "${name}"`);
      continue;
    }
    if (typeof obj.table !== 'string' || obj.table === '') problems.push(`${name}.table must be a non-empty string`);
    if (typeof obj.versioned !== 'boolean') problems.push(`${name}.versioned must be true or false`);
    else if (obj.versioned !== (name !== 'Engagement')) {
      problems.push(`${name}.versioned must be ${name !== 'Engagement'}`);
    }
    if (!isRecord(obj.fields)) {
      problems.push(`${name}.fields must be an object`);
      continue;
    }
    const columns = new Map<string, string>();
    for (const [fieldName, field] of Object.entries(obj.fields)) {
      if (!isRecord(field) || typeof field.type !== 'string' || !FIELD_TYPES.includes(field.type as FieldType)) {
        problems.push(`${name}.${fieldName}: type must be one of ${FIELD_TYPES.join(', ')}`);
        continue;
      }
      if (field.column !== undefined && (typeof field.column !== 'string' || field.column === '')) {
        problems.push(`${name}.${fieldName}: column must be a non-empty string`);
      }
      // Two fields in one column could not both be read; the key is compared exactly, as columns are.
      const column = typeof field.column === 'string' && field.column !== '' ? field.column : fieldName;
      const other = columns.get(column);
      if (other !== undefined) problems.push(`${name}.${fieldName}: column "${column}" is also the column of ${name}.${other}`);
      else columns.set(column, fieldName);
      if (field.values !== undefined && (!Array.isArray(field.values) || field.values.some((v) => typeof v !== 'string'))) {
        problems.push(`${name}.${fieldName}: values must be a list of strings`);
      } else if (field.values !== undefined) {
        problems.push(...picklistValueProblems(`${name}.${fieldName}`, field.type as FieldType, field.values as string[]));
      }
    }
    if (!isRecord(obj.roles)) {
      problems.push(`${name}.roles must be an object`);
      continue;
    }
    if (name === 'Engagement') problems.push(...recordTypeProblems(obj.recordTypes));
    else if (obj.recordTypes !== undefined) problems.push(`${name}.recordTypes: only Engagement has record types`);
    for (const role of REQUIRED_ROLES[name]) {
      const fieldName = obj.roles[role];
      if (typeof fieldName !== 'string' || fieldName === '') {
        problems.push(`${name}.roles.${role} must name a field`);
        continue;
      }
      if (role === 'validFrom') {
        if (fieldName in obj.fields) problems.push(`${name}.roles.validFrom "${fieldName}" must not also be a field`);
        else if (columns.has(fieldName)) problems.push(`${name}.roles.validFrom "${fieldName}" must not also be the column of ${name}.${columns.get(fieldName)}`);
        continue;
      }
      const field = obj.fields[fieldName];
      if (!isRecord(field)) {
        problems.push(`${name}.roles.${role} names "${fieldName}", which is not a field of ${name}`);
        continue;
      }
      const byId = name === 'Engagement' && role === 'recordType' && obj.recordTypes !== undefined;
      const allowed = byId ? RECORD_TYPE_ID_TYPES : ROLE_TYPES[role];
      if (role === 'recordType' && !byId && (field.type === 'reference' || field.type === 'id')) {
        problems.push(`${name}.roles.recordType field "${fieldName}" holds record-type ids: name them in Engagement.recordTypes ({"Activation": ["012…"], …}), e.g. with stages schema import --record-types`);
      } else if (allowed && !allowed.includes(field.type as FieldType)) {
        problems.push(`${name}.roles.${role} field "${fieldName}" must have type ${allowed.join(' or ')}`);
      }
    }
  }
  if (problems.length > 0) throw new SchemaError(file, `invalid schema:\n  - ${problems.join('\n  - ')}`);
  return json as unknown as Schema;
}

/**
 * Picklist values are compared exactly and multi-select values are stored joined with `;`,
 * so a value that is empty, repeated, or (multi-select) contains `;` could never be matched
 * reliably.
 */
function picklistValueProblems(where: string, type: FieldType, values: readonly string[]): string[] {
  if (type !== 'picklist' && type !== 'multipicklist') return [`${where}: only picklist and multipicklist fields have values`];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (v === '') problems.push(`${where}: a value must not be empty`);
    else if (seen.has(v)) problems.push(`${where}: value "${v}" is listed twice`);
    else if (type === 'multipicklist' && v.includes(';')) problems.push(`${where}: value "${v}" contains ';', the multi-select separator`);
    seen.add(v);
  }
  return problems;
}
