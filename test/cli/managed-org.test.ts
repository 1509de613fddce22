/**
 * A managed-package org replicated by Fivetran (test/fixtures/managed-org): describe JSON with
 * recordTypeInfos and custom objects, history-mode tables with snake_case columns and Fivetran's
 * bookkeeping columns. `stages schema import --columns fivetran --table …` and `stages run` must
 * stamp exactly what the same data stamps in the default layout (API-name columns), on every
 * engine, and the compiled SQL views over the Fivetran tables must agree.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compiler/index.js';
import { csvField, readCsv } from '../../src/data/csv.js';
import { validateSchema } from '../../src/schema/load.js';
import { OBJECT_NAMES, type Schema } from '../../src/schema/types.js';
import { loadDataset } from '../../src/data/load.js';
import { runCli } from '../support/cli.js';
import { SELECT_STAMPS_AS_TEXT, stampsFromTextRows, warehouseScript } from '../support/warehouse-tables.js';
import { runnableSessions } from '../sql/sessions.js';
import { getPgUrl } from '../support/pg.js';

const ORG = 'test/fixtures/managed-org';
const DESCRIBES = readdirSync(`${ORG}/describe`).map((f) => `${ORG}/describe/${f}`);
const TABLES = ['--table', 'Lead=lead_history', '--table', 'Contact=contact_history', '--table', 'Opportunity=opportunity_history'];
const VALID_FROM = ['Lead', 'Contact', 'Opportunity'].flatMap((o) => ['--role', `${o}.validFrom=_fivetran_start`]);
const work = mkdtempSync(join(tmpdir(), 'stagecraft-managed-org-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function importSchema(name: string, args: readonly string[]): Promise<{ file: string; schema: Schema; notes: string }> {
  const r = await runCli(['schema', 'import', ...DESCRIBES, ...args]);
  expect(r.err).not.toContain('Error');
  expect(r.code).toBe(0);
  const file = join(work, `${name}.json`);
  writeFileSync(file, r.out);
  return { file, schema: validateSchema(JSON.parse(r.out)), notes: r.err };
}

/** A warehouse export's offset-less instant (`2024-03-01 09:00:00`) as the UTC instant it means. */
const asUtc = (cell: string): string => (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(cell) ? `${cell.replace(' ', 'T')}Z` : cell);

/** The Fivetran tables rewritten in the default layout: API-name headers, `valid_from`, instants with their offset, no bookkeeping. */
function defaultLayoutData(fivetran: Schema, target: Schema): string {
  const dir = join(work, 'default-layout');
  mkdirSync(dir, { recursive: true });
  for (const object of OBJECT_NAMES) {
    const from = fivetran.objects[object];
    const toField = new Map(Object.entries(from.fields).map(([name, f]) => [f.column ?? name, name]));
    if (from.versioned) toField.set((from.roles as { validFrom: string }).validFrom, 'valid_from');
    const records = [...readCsv(readFileSync(`${ORG}/fivetran/${from.table}.csv`, 'utf8'))].flatMap((r) => (r.kind === 'record' ? [r.cells.map((c) => c.text)] : []));
    const keep = records[0].map((column, i) => [toField.get(column), i] as const).filter(([name]) => name !== undefined);
    const lines = records.map((cells, row) => keep.map(([name, i]) => csvField(row === 0 ? name! : asUtc(cells[i]))).join(','));
    writeFileSync(join(dir, `${target.objects[object].table}.csv`), lines.join('\n') + '\n');
  }
  return dir;
}

const fromDescribe = await importSchema('from-describe', ['--columns', 'fivetran', ...TABLES, ...VALID_FROM]);
const RECORD_TYPES = ['--record-types', `${ORG}/record_type.csv`];
const fivetran = await importSchema('fivetran', ['--columns', 'fivetran', ...TABLES, ...VALID_FROM, ...RECORD_TYPES]);
const asIs = await importSchema('as-is', RECORD_TYPES);
const defaultData = defaultLayoutData(fivetran.schema, asIs.schema);
const engines = ['duckdb', 'ts', ...(getPgUrl() === null ? [] : ['postgres'])];

async function stamps(schemaFile: string, data: string, engine: string, extra: readonly string[] = []): Promise<string> {
  const out = join(work, `stamps-${engine}-${schemaFile.endsWith('as-is.json') ? 'default' : 'fivetran'}.csv`);
  const url = engine === 'postgres' ? ['--url', getPgUrl()!] : [];
  const r = await runCli(['run', `${ORG}/journey.stages`, '--data', data, '--schema', schemaFile, '--engine', engine, '--out', out, '--quiet', ...url, ...extra]);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return readFileSync(out, 'utf8');
}

describe('a managed-package org replicated by Fivetran', () => {
  it('imports record types by id, Fivetran columns and the named tables', () => {
    const e = fromDescribe.schema.objects.Engagement;
    expect(e.table).toBe('ia_engagement_c');
    expect(e.roles.recordType).toBe('RecordTypeId');
    expect(e.recordTypes).toEqual({ Activation: ['0125g000000AcTAAA'], Influencing: ['0125g000000InFAAA'] });
    expect(e.fields.ia__Sales_Journey_Completion_Date__c.column).toBe('ia_sales_journey_completion_date_c');
    expect(fivetran.schema.objects.Lead.table).toBe('lead_history');
    expect(fivetran.schema.objects.Lead.fields.Current_Activation__c).toMatchObject({ type: 'reference', column: 'current_activation_c' });
    expect(fivetran.schema.objects.Lead.fields.Rating).toMatchObject({ type: 'text', column: 'rating' });
    expect(fivetran.schema.objects.Lead.fields.Call_Time__c).toBeUndefined();
    expect(fivetran.notes).toContain("Lead.Call_Time__c: skipped (Salesforce type 'time'");
    expect(asIs.schema.objects.Lead.fields.Current_Activation__c.column).toBeUndefined();
  });

  it('maps the text-like Salesforce types to text and skips the ones criteria cannot compare, each with a note', () => {
    const lead = asIs.schema.objects.Lead.fields;
    // email, phone, url, textarea, combobox, encryptedstring
    for (const name of ['Email', 'Phone', 'Website', 'Description', 'Rating', 'Tax_Id__c']) expect(lead[name]).toEqual({ type: 'text' });
    expect(asIs.schema.objects.Engagement.fields.ia__Notes__c).toEqual({ type: 'text' });
    const skipped = { Address: 'address', Geo__c: 'location', Photo__c: 'base64', Payload__c: 'anyType', Call_Time__c: 'time' };
    for (const [name, type] of Object.entries(skipped)) {
      expect(lead[name]).toBeUndefined();
      expect(asIs.notes).toContain(`Lead.${name}: skipped (Salesforce type '${type}':`);
    }
  });

  it('takes record-type ids from a RecordType export, several per name', () => {
    expect(fivetran.schema.objects.Engagement.recordTypes).toEqual({ Activation: ['0125g000000AcTAAA', '0125g000000AcTBAA'], Influencing: ['0125g000000InFAAA'] });
  });

  it('reports diagnostics in field names, not columns', () => {
    const r = checkSource('stage 2 "MQL" { lead when ia__Score__c = \'high\' }', { file: 'x.stages', schema: fivetran.schema });
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain('ia__Score__c');
    expect(r.diagnostics.map((d) => d.message).join('\n')).not.toContain('ia_score_c');
  });

  const expected = (async () => stamps(asIs.file, defaultData, 'duckdb'))();

  it('stamps the default layout as the journey means', async () => {
    const csv = await expected;
    // a0E3 is Influencing: no journey. a0E2 has the second Activation id (known to the export only).
    expect(csv).toContain('engagement,a0E1,1,');
    expect(csv).toContain('engagement,a0E2,2,MQL,2024-03-10T09:00:00.000Z,005K2,false');
    expect(csv).not.toContain('a0E3');
    expect(csv.split('\n')[0]).toMatch(/^object,record_id,stage/);
  });

  it('refuses offset-less instants without --timezone, suggesting it, and reads them in a fixed offset with it', async () => {
    const r = await runCli(['run', `${ORG}/journey.stages`, '--data', `${ORG}/fivetran`, '--schema', fivetran.file, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`ia_engagement_c.csv:2:`);
    expect(r.err).toContain("instant '2024-03-01 09:00:00' has no UTC offset");
    expect(r.err).toContain('--timezone UTC');
    const east = await stamps(fivetran.file, `${ORG}/fivetran`, 'duckdb', ['--timezone', '+02:00']);
    expect(east).toContain('engagement,a0E1,1,Activation,2024-03-01T07:00:00.000Z,005A,false');
    const bad = await runCli(['run', `${ORG}/journey.stages`, '--data', `${ORG}/fivetran`, '--schema', fivetran.file, '--timezone', 'Europe/Paris']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--timezone takes UTC or a fixed offset like +02:00 or -05:30 (got 'Europe/Paris'");
  });

  it('reads offset-less instants in the --timezone zone in stages report, explain and diff too', async () => {
    const data = ['--data', `${ORG}/fivetran`, '--schema', fivetran.file];
    const out = join(work, 'report.json');
    const refused = await runCli(['report', `${ORG}/journey.stages`, ...data, '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--timezone UTC');
    const report = await runCli(['report', `${ORG}/journey.stages`, ...data, '--out', out, '--timezone', 'UTC']);
    expect(report.err).not.toContain('invalid');
    expect(report.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).engine).toBe('duckdb');
    const east = await runCli(['explain', `${ORG}/journey.stages`, 'a0E1', ...data, '--timezone', '+02:00', '--format', 'json']);
    expect(east.err).toBe('');
    expect(east.code).toBe(0);
    expect(east.out).toContain('2024-03-01T07:00:00.000Z');
    const diff = await runCli(['diff', `${ORG}/journey.stages`, `${ORG}/journey.stages`, ...data, '--timezone', 'UTC']);
    expect(diff.err).not.toContain('invalid');
    expect(diff.code).toBe(0);
    const badZone = await runCli(['explain', `${ORG}/journey.stages`, 'a0E1', ...data, '--timezone', 'Europe/Paris']);
    expect(badZone.code).toBe(2);
  });

  it.each(engines)('stamps the Fivetran tables exactly like the default layout on %s', async (engine) => {
    expect(await stamps(fivetran.file, `${ORG}/fivetran`, engine, ['--timezone', 'UTC'])).toBe(await expected);
    expect(await stamps(asIs.file, defaultData, engine)).toBe(await expected);
  });

  /** The Fivetran tables with their instants given the UTC offset, so the loader reads them without --timezone. */
  function fivetranWithOffsets(): string {
    const dir = join(work, 'fivetran-utc');
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(`${ORG}/fivetran`)) {
      const records = [...readCsv(readFileSync(`${ORG}/fivetran/${file}`, 'utf8'))].flatMap((r) => (r.kind === 'record' ? [r.cells.map((c) => c.text)] : []));
      writeFileSync(join(dir, file), records.map((cells) => cells.map((c) => csvField(asUtc(c))).join(',')).join('\n') + '\n');
    }
    return dir;
  }

  it.each(runnableSessions())('the compiled $name views over tables with the Fivetran names and columns agree with the default layout', async ({ name, open }) => {
    const journey = readFileSync(`${ORG}/journey.stages`, 'utf8');
    const viewStamps = async (schema: Schema, dir: string) => {
      const definition = checkSource(journey, { file: 'journey.stages', schema }).definition!;
      const session = await open();
      try {
        for (const sql of warehouseScript(definition, await loadDataset(dir, definition.schema), name)) await session.exec(sql);
        return stampsFromTextRows(await session.rows(SELECT_STAMPS_AS_TEXT));
      } finally {
        await session.close();
      }
    };
    const replica = await viewStamps(fivetran.schema, fivetranWithOffsets());
    expect(replica.length).toBeGreaterThan(0);
    expect(replica).toEqual(await viewStamps(asIs.schema, defaultData));
  });
});
