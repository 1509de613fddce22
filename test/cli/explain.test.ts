/**
 * `stages explain` end to end, in-process through `main()`: text and JSON on the acme demo
 * data, the reasons a stage is not stamped on a small hand-made dataset, and the failures —
 * unknown id (with the nearest ids), bad flags, a bad definition, bad data, hostile values.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../support/cli.js';

const explain = (...argv: string[]): Promise<CliResult> => runCli(['explain', ...argv]);

/** `--format json`, parsed (the command must succeed). */
async function explainJson(...argv: string[]) {
  const r = await explain(...argv, '--format', 'json');
  // Nothing on stderr but the notes on what was not read (a table without a file).
  expect(r.err.split('\n').filter((line) => line !== '' && !line.startsWith('note: '))).toEqual([]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

const DEFINITION = 'examples/default.stages';
const ACME = 'examples/acme';
const root = mkdtempSync(join(tmpdir(), 'stagecraft-explain-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function definitionFile(name: string, text: string): string {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'data-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/**
 * E1: lead L1 works before the window opens and is routed after it closes; contact C1 is
 * routed while naming journey E9. E2 is open, its lead worked (stage 3 back-fills 2), and its
 * opportunity O1 is won with a CloseDate the stage-6 date follows.
 */
const SMALL = {
  'engagement.csv':
    'Id,RecordType,LeadId,ContactId,OwnerId,CreatedDate,CompletionDate\n' +
    'E1,Activation,L1,C1,U1,2025-01-10T00:00:00Z,2025-02-01T00:00:00Z\n' +
    'E2,Activation,L2,,U1,2025-01-01T00:00:00Z,\n' +
    'E9,Activation,,,U1,2025-01-01T00:00:00Z,\n' +
    'I1,Influencing,L1,,U1,2025-01-01T00:00:00Z,\n',
  'lead.csv':
    'Id,valid_from,OwnerId,CurrentActivationId,Status\n' +
    'L1,2025-01-05T00:00:00Z,Q1,E1,Working\n' +
    'L1,2025-02-03T00:00:00Z,Q1,E1,Open\n' +
    'L2,2025-01-02T00:00:00Z,U2,E2,Working\n' +
    'L2,2025-01-03T00:00:00Z,U3,E2,Working\n',
  'contact.csv': 'Id,valid_from,OwnerId,CurrentActivationId,Status\nC1,2025-01-15T00:00:00Z,U4,E9,Open\n',
  'opportunity.csv':
    'Id,valid_from,OwnerId,ActivationId,Probability,IsWon,CloseDate\n' +
    'O1,2025-01-05T00:00:00Z,U5,E2,10,false,2025-03-01\n' +
    'O1,2025-02-01T00:00:00Z,U6,E2,100,true,2025-02-10\n' +
    'O1,2025-02-05T00:00:00Z,U6,E2,100,true,2025-02-20\n',
};

describe('stages explain on the acme demo data', () => {
  it('explains a journey in text: every stage, its source version and criteria line, and the runners-up', async () => {
    const r = await explain(DEFINITION, '--data', ACME, 'a0E000000000096');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('journey a0E000000000096 ("Default sales journey")');
    expect(r.out).toContain('primary opportunity 006000000000011');
    expect(r.out).toContain('stage 2 "MQL": 2024-02-14T05:44:44.541Z, owner 005000000000020, inferred from stage 3');
    expect(r.out).toContain("from contact 003000000000015 version 2024-02-14T05:44:44.541Z, which met stage 3 (line 20: contact when Status = 'Working')");
    expect(r.out).toMatch(/runners-up \(1\):\n {4}opportunity 006000000000011 version 2024-02-28T23:06:15\.993Z, stage 4, owner 005000000000035: lost, later/);
  });

  it('explains a journey in JSON by the SPEC contract', async () => {
    const x = await explainJson(DEFINITION, '--data', ACME, 'a0E000000000096');
    expect(x).toMatchObject({ object: 'engagement', record_id: 'a0E000000000096' });
    expect(x.stages.map((s: { stage: number }) => s.stage)).toEqual([1, 2, 3]);
    for (const s of x.stages) {
      for (const key of ['stage', 'label', 'stamped', 'stage_date', 'owner_id', 'inferred', 'source']) expect(s).toHaveProperty(key);
      for (const key of ['object', 'record_id', 'valid_from', 'stage', 'line']) expect(s.source).toHaveProperty(key);
    }
    expect(x.stages[0].source).toMatchObject({ object: 'engagement', record_id: 'a0E000000000096', valid_from: '2024-02-12T03:59:25.491Z', stage: 1, line: null });
    expect(x.stages[1]).toMatchObject({ stage: 2, label: 'MQL', stamped: true, stage_date: '2024-02-14T05:44:44.541Z', owner_id: '005000000000020', inferred: true });
    expect(x.stages[1].source).toMatchObject({ object: 'contact', record_id: '003000000000015', stage: 3, line: 20 });
    expect(x.stages[1].implied_by).toEqual({ stage: 3, object: 'contact', record_id: '003000000000015' });
  });

  it('explains an opportunity in JSON: stages 4-6 and the journey it is attributed to', async () => {
    const x = await explainJson(DEFINITION, '--data', ACME, '006000000000011');
    expect(x).toMatchObject({ object: 'opportunity', record_id: '006000000000011', journey_id: 'a0E000000000096' });
    expect(x.stages.map((s: { stage: number }) => s.stage)).toEqual([4, 5, 6]);
    expect(x.stages[0].source).toMatchObject({ object: 'opportunity', stage: 4, line: null, valid_from: '2024-02-28T23:06:15.993Z' });
    expect(x.stages[0].runners_up[0]).toMatchObject({ stage: 5, line: 28, lost_on: 'source_stage' });
    // Not won: stage 6 has no stamp, so no date for `date follows` to have moved.
    expect(x.stages[2]).toMatchObject({ stage: 6, stamped: false, stage_date: null, date_follows: null });
  });

  it('names the nearest ids of an unknown id and exits 1', async () => {
    const r = await explain(DEFINITION, '--data', ACME, 'a0E00000000009x');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^stages: no journey or opportunity 'a0E00000000009x' in examples\/acme; nearest ids: a0E000000000090, /);
  });
});

describe('stages explain: why a stage is not stamped', () => {
  const data = folder(SMALL);

  it('reports the nearest version that met the criteria outside the window', async () => {
    const [, s2, s3] = (await explainJson(DEFINITION, '--data', data, 'E1')).stages;
    expect(s2).toMatchObject({ stamped: false, source: null });
    // Stage 2 (or the stage 3 that would back-fill it): the routing two days after completion is nearer.
    expect(s2.reason.code).toBe('dormant');
    expect(s2.reason.nearest).toMatchObject({ object: 'lead', record_id: 'L1', valid_from: '2025-02-03T00:00:00.000Z', stage: 2 });
    expect(s3.reason.code).toBe('outside_window');
    expect(s3.reason.nearest).toMatchObject({ object: 'lead', record_id: 'L1', valid_from: '2025-01-05T00:00:00.000Z', stage: 3 });
    const text = (await explain(DEFINITION, '--data', data, 'E1')).out;
    expect(text).toContain('outside the journey window [2025-01-10T00:00:00.000Z, 2025-02-01T00:00:00.000Z)');
  });

  it('reports a dormant journey and a CurrentActivationId naming another journey', async () => {
    const dormant = folder({ ...SMALL, 'lead.csv': 'Id,valid_from,OwnerId,CurrentActivationId,Status\nL1,2025-02-03T00:00:00Z,Q1,E1,Open\n' });
    const r = await explainJson(DEFINITION, '--data', dormant, 'E1');
    expect(r.stages[1].reason.code).toBe('dormant');
    const other = folder({ ...SMALL, 'lead.csv': 'Id,valid_from,OwnerId,CurrentActivationId,Status\n' });
    const o = await explainJson(DEFINITION, '--data', other, 'E1');
    expect(o.stages[1].reason).toMatchObject({ code: 'other_journey', nearest: { object: 'contact', record_id: 'C1', current_activation_id: 'E9' } });
    expect(o.stages[2].reason.code).toBe('not_met');
  });

  it('shows the owner tie-break, the back-fill and the stage-6 date that follows CloseDate', async () => {
    const j = await explainJson(DEFINITION, '--data', data, 'E2');
    expect(j.primary_opportunity_id).toBe('O1');
    expect(j.stages[1]).toMatchObject({ stamped: true, inferred: true, owner_id: 'U2', stage_date: '2025-01-02T00:00:00.000Z' });
    const o = await explainJson(DEFINITION, '--data', data, 'O1');
    const won = o.stages[2];
    expect(won).toMatchObject({ stage: 6, stamped: true, stage_date: '2025-02-20T00:00:00.000Z', owner_id: 'U6', inferred: false });
    expect(won.source.valid_from).toBe('2025-02-01T00:00:00.000Z');
    expect(won.date_follows).toMatchObject({ field: 'CloseDate', valid_from: '2025-02-05T00:00:00.000Z', value: '2025-02-20', used: true });
    expect(won.runners_up[0]).toMatchObject({ valid_from: '2025-02-05T00:00:00.000Z', lost_on: 't' });
    const text = (await explain(DEFINITION, '--data', data, 'O1')).out;
    expect(text).toContain('date follows CloseDate: 2025-02-20 of the latest version 2025-02-05T00:00:00.000Z');
  });

  it('names the tie-break each runner-up lost on: owner id, then record id', async () => {
    const ties = folder({
      'engagement.csv': 'Id,RecordType,OwnerId,CreatedDate,CompletionDate\nT1,Activation,U1,2025-01-01T00:00:00Z,\n',
      'lead.csv':
        'Id,valid_from,OwnerId,CurrentActivationId,Status\n' +
        'LA,2025-01-02T00:00:00Z,U2,T1,Working\n' +
        'LB,2025-01-02T00:00:00Z,U1,T1,Working\n' +
        'LC,2025-01-02T00:00:00Z,U1,T1,Working\n',
    });
    const sal = (await explainJson(DEFINITION, '--data', ties, 'T1')).stages[2];
    expect(sal.source).toMatchObject({ object: 'lead', record_id: 'LB', owner_id: 'U1' });
    expect(sal.runners_up.map((r: { record_id: string; lost_on: string }) => [r.record_id, r.lost_on])).toEqual([
      ['LC', 'source_id'],
      ['LA', 'owner_id'],
    ]);
    expect((await explain(DEFINITION, '--data', ties, 'T1')).out).toContain('lead LA version 2025-01-02T00:00:00.000Z, stage 3, line 19, owner U2: lost, same instant, stage and object, owner id orders after');
  });

  it('lists unused stages in text and leaves them out of JSON', async () => {
    const def = definitionFile('unused.stages', 'stage 2 "MQL" unused\nstage 3 "SAL" { lead when Status = \'Working\' }\n');
    const text = await explain(def, '--data', data, 'E2');
    expect(text.code).toBe(0);
    expect(text.out).toContain('stage 2 "MQL": unused');
    const x = await explainJson(def, '--data', data, 'E2');
    expect(x.stages.map((s: { stage: number }) => s.stage)).toEqual([1, 3]);
    expect(x.stages[1].source.line).toBe(2);
  });

  it('asks for --object when the id names both a journey and an opportunity', async () => {
    const both = folder({ ...SMALL, 'opportunity.csv': 'Id,valid_from,OwnerId,ActivationId,Probability,IsWon,CloseDate\nE2,2025-01-05T00:00:00Z,U5,E2,,,\n' });
    const r = await explain(DEFINITION, '--data', both, 'E2');
    expect(r.code).toBe(1);
    expect(r.err).toContain("'E2' is both a journey and an opportunity in");
    expect(r.err).toContain('--object engagement or --object opportunity');
    expect((await explainJson(DEFINITION, '--data', both, 'E2', '--object', 'opportunity')).object).toBe('opportunity');
    const journey = await explainJson(DEFINITION, '--data', both, 'E2', '--object', 'engagement');
    expect(journey).toMatchObject({ object: 'engagement', primary_opportunity_id: 'E2' });
  });

  it('refuses an Influencing engagement', async () => {
    const r = await explain(DEFINITION, '--data', data, 'I1');
    expect(r.code).toBe(1);
    expect(r.err).toContain("no journey or opportunity 'I1' in");
    expect(r.err).toContain("it is an engagement of record type 'Influencing', not an Activation journey");
  });
});

describe('stages explain: failures', () => {
  it('exits 2 on bad flags and missing arguments', async () => {
    expect((await explain(DEFINITION, '--data', ACME, 'x', '--format', 'xml')).code).toBe(2);
    expect((await explain(DEFINITION, 'a0E000000000096')).code).toBe(2);
    expect((await explain(DEFINITION, '--data', ACME)).code).toBe(2);
    expect((await explain('no-such.stages', '--data', ACME, 'x')).code).toBe(2);
  });

  it('prints diagnostics for a bad definition and exits 1', async () => {
    const def = definitionFile('bad.stages', 'stage 2 "MQL" { lead when Stauts = \'Open\' }\n');
    const r = await explain(def, '--data', ACME, 'a0E000000000096');
    expect(r.code).toBe(1);
    expect(r.err).toContain("unknown field 'Stauts' on Lead; did you mean 'Status'?");
    expect(r.out).toBe('');
  });

  it('reports bad data as stages run does and exits 1', async () => {
    const bad = folder({ 'opportunity.csv': 'Id,valid_from,Probability\nO1,2025-01-01T00:00:00Z,high\n' });
    const r = await explain(DEFINITION, '--data', bad, 'O1');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/opportunity\.csv:2:\d+/);
    expect(r.err).toContain('is invalid');
    expect((await explain(DEFINITION, '--data', join(root, 'missing'), 'O1')).code).toBe(1);
  });

  it('shows hostile values as text: terminal escapes in ids and labels are escaped', async () => {
    const data = folder({
      'engagement.csv': 'Id,RecordType,LeadId,ContactId,OwnerId,CreatedDate,CompletionDate\nE1,Activation,,,"U\u001b[31mred",2025-01-01T00:00:00Z,\n',
    });
    const def = definitionFile('hostile.stages', 'stage 1 "Act\\u001b[2J"\n');
    const r = await explain(def, '--data', data, 'E1');
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('\u001b');
    expect(r.out).toContain('owner U\\u{1b}[31mred');
    expect(r.out).toContain('stage 1 "Act\\u{1b}[2J"');
    const unknown = await explain(def, '--data', data, 'E\u001b]0;x\u0007');
    expect(unknown.err).not.toMatch(/[\u0007\u001b]/);
  });
});

describe('docs/explain.md', () => {
  const blocks = [...readFileSync('docs/explain.md', 'utf8').matchAll(/```console\n\$ node bin\/stages\.js (.*)\n([\s\S]*?)```/g)];

  it('shows examples', () => expect(blocks.length).toBeGreaterThanOrEqual(3));

  it.each(blocks.map((m) => [m[1]!, m[2]!]))('shows the output of `stages %s` as it is', async (command, shownOutput) => {
    const r = await runCli(command.split(' '));
    expect(r.code).toBe(0);
    expect(r.out).toBe(shownOutput);
  });
});
