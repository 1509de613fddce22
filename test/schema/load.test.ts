/** Schema validation messages (src/schema/load.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefaultSchema, SchemaError, validateSchema } from '../../src/schema/load.js';

const shipped = () => JSON.parse(readFileSync('schema/salesforce.json', 'utf8')) as { objects: Record<string, { fields: Record<string, unknown>; roles: Record<string, string> }> };

describe('validateSchema', () => {
  it('accepts the shipped schema', () => {
    expect(loadDefaultSchema().objects.Lead.fields.Status.type).toBe('picklist');
  });

  it('names every problem of a schema at once', () => {
    const json = shipped();
    json.objects.Lead.fields.Interests = { type: 'multipicklist', values: ['AI', 'AI;ML', ''] };
    json.objects.Lead.fields.Status = { type: 'picklist', values: ['Open', 'Open'] };
    json.objects.Lead.fields.Score = { type: 'double', values: ['1'] };
    json.objects.Contact.roles.owner = 'Nope';
    let error: unknown;
    try {
      validateSchema(json, 'org.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as Error).message).toBe(
      [
        'org.json: invalid schema:',
        '  - Lead.Status: value "Open" is listed twice',
        '  - Lead.Score: only picklist and multipicklist fields have values',
        `  - Lead.Interests: value "AI;ML" contains ';', the multi-select separator`,
        '  - Lead.Interests: a value must not be empty',
        '  - Contact.roles.owner names "Nope", which is not a field of Contact',
      ].join('\n'),
    );
  });
});
