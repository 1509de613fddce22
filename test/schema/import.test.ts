/** `stages schema import`: Salesforce describe JSON → a valid Stagecraft schema. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schemaImportCommand } from '../../src/cli/commands/schema-import.js';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { checkSource } from '../../src/compiler/index.js';
import { importDescribes, SchemaImportError, type DescribeDocument } from '../../src/schema/import.js';
import { validateSchema } from '../../src/schema/load.js';
import type { Schema } from '../../src/schema/types.js';

const FIXTURES = 'test/schema/fixtures';
const FILES = ['lead', 'contact', 'opportunity', 'engagement'].map((n) => `${FIXTURES}/${n}.describe.json`);
const doc = (path: string): DescribeDocument => ({ source: path, json: JSON.parse(readFileSync(path, 'utf8')) });

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

const ROLE = { 'Contact.currentActivation': 'Latest_Journey__c' };

describe('importing sobject describe documents', () => {
  it('maps objects, field types, picklist values and role fields', () => {
    const { schema, notes } = importDescribes([...FILES, `${FIXTURES}/account.describe.json`].map(doc), { roles: ROLE });
    const o = schema.objects;
    expect(o.Engagement.table).toBe('engagement');
    expect(o.Engagement.roles).toEqual({
      id: 'Id',
      owner: 'OwnerId',
      recordType: 'ia__Type__c',
      created: 'CreatedDate',
      completed: 'ia__Sales_Journey_Completion_Date__c',
      lead: 'ia__Lead__c',
      contact: 'ia__Contact__c',
    });
    expect(o.Lead.roles).toEqual({ id: 'Id', owner: 'OwnerId', currentActivation: 'Current_Activation__c', validFrom: 'valid_from' });
    expect(o.Contact.roles.currentActivation).toBe('Latest_Journey__c');
    expect(o.Opportunity.roles.activation).toBe('ia__Activation__c');
    expect(o.Lead.fields.Email).toEqual({ type: 'text' });
    expect(o.Lead.fields.Phone.type).toBe('text');
    expect(o.Lead.fields.Description.type).toBe('text');
    expect(o.Lead.fields.Website.type).toBe('text');
    expect(o.Lead.fields.NumberOfEmployees).toEqual({ type: 'int', label: 'Employees' });
    expect(o.Lead.fields.Score__c).toEqual({ type: 'double', label: 'Score' });
    expect(o.Opportunity.fields.Probability.type).toBe('percent');
    expect(o.Opportunity.fields.Amount.type).toBe('currency');
    expect(o.Opportunity.fields.CloseDate.type).toBe('date');
    expect(o.Lead.fields.Status).toMatchObject({ type: 'picklist', values: ['New', 'Open', 'Routed', 'Working', 'Nurture', 'Qualified', 'Unqualified', 'Converted'] });
    expect(o.Lead.fields.Interests__c).toMatchObject({ type: 'multipicklist', values: ['AI', 'Cloud', 'Security', 'Data'] });
    expect(o.Lead.fields.Address).toBeUndefined();
    expect(o.Opportunity.fields.NextStepTime__c).toBeUndefined();
    expect(notes).toEqual(
      expect.arrayContaining([
        "Lead.Address: skipped (Salesforce type 'address': a compound field; its parts (Street, City, …) are fields of their own)",
        "Lead.Geo__c: skipped (Salesforce type 'location': a compound field; its parts (Latitude, Longitude) are fields of their own)",
        'Lead.Status: 1 inactive picklist value left out',
        `${FIXTURES}/account.describe.json: object Account is not one of Engagement, Lead, Contact, Opportunity; skipped`,
      ]),
    );
    expect(validateSchema(JSON.parse(JSON.stringify(schema)))).toEqual(schema);
  });

  it('yields a schema definitions check against', () => {
    const { schema } = importDescribes(FILES.map(doc), { roles: ROLE });
    const result = checkSource("stage 2 \"MQL\" {\n  lead when Status in ('Open') and interests__c includes 'AI'\n  contact when Status__c = 'Open'\n}\nstage 6 \"Won\" { opportunity when IsWon\n date follows CloseDate }", {
      file: 'org.stages',
      schema: schema as Schema,
    });
    expect(result.diagnostics).toEqual([]);
  });

  it('explains a role it cannot find, and an object that is missing', () => {
    expect(() => importDescribes(FILES.map(doc))).toThrow(
      new SchemaImportError(
        "cannot find the Contact field for the role 'currentActivation' (looked for currentactivationid, currentactivation); name it with --role Contact.currentActivation=FIELD",
      ),
    );
    expect(() => importDescribes(FILES.slice(0, 3).map(doc), { roles: ROLE })).toThrow(/no describe document for Engagement .*--object Engagement=API_NAME/);
    expect(() => importDescribes(FILES.map(doc), { roles: { ...ROLE, 'Lead.owner': 'Nope__c' } })).toThrow("--role Lead.owner=Nope__c: Lead has no field 'Nope__c'");
    expect(() => importDescribes(FILES.map(doc), { roles: { 'Lead.colour': 'X' } })).toThrow(/unknown role 'Lead.colour'/);
  });

  it('maps objects explicitly with --object', () => {
    const renamed = doc(FILES[3]);
    (renamed.json as { result: { name: string } }).result.name = 'Journey__c';
    expect(() => importDescribes([...FILES.slice(0, 3).map(doc), renamed], { roles: ROLE })).toThrow(/no describe document for Engagement/);
    const { schema } = importDescribes([...FILES.slice(0, 3).map(doc), renamed], { roles: ROLE, objects: { Engagement: 'Journey__c' } });
    expect(schema.objects.Engagement.roles.recordType).toBe('ia__Type__c');
  });

  it('runs as a command: schema on stdout, notes on stderr', async () => {
    const io = capture();
    expect(await schemaImportCommand(FILES, { role: ['Contact.currentActivation=Latest_Journey__c'] }, io)).toBe(0);
    const schema = JSON.parse(io.stdout) as Schema;
    expect(schema.objects.Contact.roles.currentActivation).toBe('Latest_Journey__c');
    expect(io.stderr).toContain("note: Contact.Photo__c: skipped (Salesforce type 'base64': binary content, which criteria cannot compare)");
  });

  it('exits 1 on documents that cannot make a schema and 2 on unreadable files, without a stack trace', async () => {
    const io = capture();
    expect(await main(['schema', 'import', ...FILES], io)).toBe(1);
    expect(io.stderr).toMatch(/^stages: cannot find the Contact field for the role 'currentActivation'/);
    const bad = capture();
    expect(await main(['schema', 'import', 'package.json'], bad)).toBe(1);
    expect(bad.stderr).toBe('stages: package.json: not an sobject describe document (expected "name" and "fields")\n');
    const missing = capture();
    expect(await main(['schema', 'import', 'nope.json'], missing)).toBe(2);
    expect(missing.stderr).toBe('stages: cannot read nope.json: no such file\n');
  });
});
