import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
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
    for (const [fieldName, field] of Object.entries(obj.fields)) {
      if (!isRecord(field) || typeof field.type !== 'string' || !FIELD_TYPES.includes(field.type as FieldType)) {
        problems.push(`${name}.${fieldName}: type must be one of ${FIELD_TYPES.join(', ')}`);
        continue;
      }
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
    for (const role of REQUIRED_ROLES[name]) {
      const fieldName = obj.roles[role];
      if (typeof fieldName !== 'string' || fieldName === '') {
        problems.push(`${name}.roles.${role} must name a field`);
        continue;
      }
      if (role === 'validFrom') {
        if (fieldName in obj.fields) problems.push(`${name}.roles.validFrom "${fieldName}" must not also be a field`);
        continue;
      }
      const field = obj.fields[fieldName];
      if (!isRecord(field)) {
        problems.push(`${name}.roles.${role} names "${fieldName}", which is not a field of ${name}`);
        continue;
      }
      const allowed = ROLE_TYPES[role];
      if (allowed && !allowed.includes(field.type as FieldType)) {
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
