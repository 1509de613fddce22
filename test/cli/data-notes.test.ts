/**
 * Every command that reads a data folder says what it did not read (SPEC §3): a table without a
 * file is empty, and a column the schema does not name is ignored, with a note on stderr.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const DEFINITION = 'examples/default.stages';
const root = mkdtempSync(join(tmpdir(), 'stagecraft-notes-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const data = join(root, 'data');
mkdirSync(data);
// Every column the definition reads, and one more; no lead.csv.
writeFileSync(join(data, 'engagement.csv'), 'Id,RecordType,OwnerId,CreatedDate,CompletionDate,Foo__c\nE1,Activation,U1,2025-01-01T00:00:00Z,,x\n');
writeFileSync(join(data, 'contact.csv'), 'Id,valid_from,OwnerId,CurrentActivationId,Status\nC1,2025-01-02T00:00:00Z,U1,E1,Open\n');
writeFileSync(join(data, 'opportunity.csv'), 'Id,valid_from,OwnerId,ActivationId,Probability,IsWon,CloseDate\nO1,2025-01-03T00:00:00Z,U1,E1,10,false,2025-02-01\n');

const IGNORED = `note: ${join(data, 'engagement.csv')}: ignored column the schema does not name for Engagement: "Foo__c"\n`;
const EMPTY = `note: no lead.csv, lead.jsonl or lead.parquet in ${data}; the Lead table is empty\n`;

describe('notes on what a command did not read', () => {
  it.each([
    ['run', ['run', DEFINITION, '--data', data, '--out', join(root, 'stamps.csv')]],
    ['report', ['report', DEFINITION, '--data', data, '--out', join(root, 'report.json')]],
    ['diff', ['diff', DEFINITION, DEFINITION, '--data', data]],
    ['explain', ['explain', DEFINITION, '--data', data, 'E1']],
  ])('stages %s notes the ignored column and the empty table', async (_name, argv) => {
    const r = await runCli(argv);
    expect(r.code).toBe(0);
    expect(r.err).toContain(IGNORED);
    expect(r.err).toContain(EMPTY);
  });
});
