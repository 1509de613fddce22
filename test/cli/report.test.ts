/**
 * `stages report FILE --data DIR --out F.json`: the SPEC §5 contract on the acme example, the
 * same numbers from the duckdb and ts engines, the stage-1 window, and clear usage errors.
 * (That the numbers are SPEC §4.7's is held in test/data/funnel-measures.test.ts.)
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ENGAGEMENT_HEADER, writeFolder } from '../support/data-fixtures.js';

const DEFINITION = 'examples/default.stages';
const ACME = 'examples/acme';
const root = mkdtempSync(join(tmpdir(), 'stagecraft-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const readJson = (path: string): any => JSON.parse(readFileSync(path, 'utf8'));

describe('stages report', () => {
  it('writes the SPEC §5 numbers, the same from the duckdb and the ts engine', async () => {
    const reports = [];
    for (const engine of ['duckdb', 'ts']) {
      const out = join(root, `acme-${engine}.json`);
      const result = await runCli(['report', DEFINITION, '--data', ACME, '--engine', engine, '--out', out]);
      expect(result.err).toMatch(/journeys written to/);
      expect(result.code).toBe(0);
      reports.push(readJson(out));
    }
    const [duckdb, ts] = reports;
    expect({ ...duckdb, engine: null }).toEqual({ ...ts, engine: null });
    expect(Object.keys(duckdb)).toEqual(expect.arrayContaining(['funnel', 'conversion', 'velocity', 'cohorts', 'opportunities']));
    expect(duckdb.funnel.map((f: { stage: number }) => f.stage)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Object.keys(duckdb.funnel[0])).toEqual(expect.arrayContaining(['stage', 'label', 'journeys']));
    expect(duckdb.conversion.map((c: { from: number; to: number }) => [c.from, c.to])).toEqual([[1, 2], [2, 3], [3, 4], [4, 5], [5, 6]]);
    for (const v of duckdb.velocity) expect(Object.keys(v)).toEqual(expect.arrayContaining(['from', 'to', 'journeys', 'median_days', 'p90_days']));
    for (const c of duckdb.cohorts) {
      expect(c.month).toMatch(/^\d{4}-\d{2}$/);
      expect(Object.keys(c.reached)).toEqual(['1', '2', '3', '4', '5', '6']);
      expect(c.reached['1']).toBe(c.journeys);
    }
    // Every journey is in exactly one cohort.
    expect(duckdb.cohorts.reduce((n: number, c: { journeys: number }) => n + c.journeys, 0)).toBe(duckdb.funnel[0].journeys);
    expect(duckdb.opportunities.map((o: { stage: number; label: string }) => [o.stage, o.label])).toEqual([[4, 'Opportunity Created'], [5, 'SQL'], [6, 'Won']]);
    expect(duckdb.opportunities[0].count).toBeGreaterThanOrEqual(duckdb.funnel[3].journeys);
  });

  it('counts only the journeys whose stage-1 date lies in --from/--to', async () => {
    const out = join(root, 'window.json');
    const whole = join(root, 'whole.json');
    expect((await runCli(['report', DEFINITION, '--data', ACME, '--out', whole])).code).toBe(0);
    const all = readJson(whole);
    const result = await runCli(['report', DEFINITION, '--data', ACME, '--from', '2025-06-01', '--to', '2025-06-30', '--out', out]);
    expect(result.code).toBe(0);
    const june = readJson(out);
    expect(june.window).toEqual({ from: '2025-06-01', to: '2025-06-30' });
    expect(june.cohorts.map((c: { month: string }) => c.month)).toEqual(['2025-06']);
    expect(june.funnel[0].journeys).toBe(all.cohorts.find((c: { month: string }) => c.month === '2025-06').journeys);
  });

  it('states the definition, the data’s time span and its row counts', async () => {
    const data = writeFolder(mkdtempSync(join(root, 'span-')), {
      'engagement.csv': [ENGAGEMENT_HEADER, 'J1,Activation,L1,,U1,2025-01-10T00:00:00Z,', 'J2,Activation,L2,,U1,2025-03-20T12:00:00Z,'].join('\n'),
      'lead.csv': ['Id,valid_from,OwnerId,CurrentActivationId,Status', 'L1,2024-12-31T23:00:00Z,U1,J1,Open', 'L2,2025-04-01T00:00:00.250Z,U1,J2,Working'].join('\n'),
    });
    const definition = join(root, 'span.stages');
    writeFileSync(definition, readFileSync(DEFINITION, 'utf8').replace(/stage 3 "SAL" \{[^}]*\}/, 'stage 3 "SAL" unused'));
    const out = join(root, 'span.json');
    expect((await runCli(['report', definition, '--data', data, '--out', out])).code).toBe(0);
    const report = readJson(out);
    expect(report.definition_file).toBe('span.stages');
    expect(report.data).toEqual({ earliest: '2024-12-31T23:00:00.000Z', latest: '2025-04-01T00:00:00.250Z', rows: { engagement: 2, lead: 2, contact: 0, opportunity: 0 } });
    const source = readFileSync(definition, 'utf8').split('\n');
    const byStage = new Map(report.stages.map((s: { stage: number }) => [s.stage, s]));
    expect(byStage.get(3)).toEqual({ stage: 3, label: 'SAL', enabled: false, criteria: [], date_follows: null });
    expect((byStage.get(6) as { date_follows: string }).date_follows).toBe('CloseDate');
    for (const s of report.stages) {
      for (const c of s.criteria) expect(source[c.line - 1]!.replace(/\s+/g, ' ').trim()).toContain(c.text);
    }
    expect(byStage.get(2)).toMatchObject({ criteria: [{ object: 'lead', text: "lead when Status in ('Open', 'Routed')" }, { object: 'contact' }] });

    const empty = writeFolder(mkdtempSync(join(root, 'empty-')), { 'engagement.csv': `${ENGAGEMENT_HEADER}\n` });
    expect((await runCli(['report', DEFINITION, '--data', empty, '--out', out])).code).toBe(0);
    expect(readJson(out).data).toEqual({ earliest: null, latest: null, rows: { engagement: 0, lead: 0, contact: 0, opportunity: 0 } });
  });

  it('breaks the funnel down by stamp owner with --owner, on the page too', async () => {
    const json = join(root, 'owners.json');
    const html = join(root, 'owners.html');
    for (const out of [json, html]) expect((await runCli(['report', DEFINITION, '--data', ACME, '--owner', '--out', out])).code).toBe(0);
    const report = readJson(json);
    expect(report.owners.length).toBeGreaterThan(1);
    for (const f of report.funnel) {
      expect(report.owners.reduce((n: number, o: { reached: Record<string, number> }) => n + o.reached[String(f.stage)]!, 0)).toBe(f.journeys);
    }
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<section id="owners">');
    expect(page).toContain(`<th scope="row">${report.owners[0].owner_id ?? '(no owner)'}</th>`);
    const hostile = writeFolder(mkdtempSync(join(root, 'owner-')), { 'engagement.csv': [ENGAGEMENT_HEADER, 'J1,Activation,,,<b onmouseover=x>U1</b>,2025-01-10T00:00:00Z,'].join('\n') });
    expect((await runCli(['report', DEFINITION, '--data', hostile, '--owner', '--out', html])).code).toBe(0);
    const hostilePage = readFileSync(html, 'utf8');
    expect(hostilePage).toContain('<th scope="row">&lt;b onmouseover=x&gt;U1&lt;/b&gt;</th>');
    expect(hostilePage).not.toContain('<b onmouseover');
    expect((await runCli(['report', DEFINITION, '--data', hostile, '--out', json])).code).toBe(0);
    expect(readJson(json).owners).toBeUndefined();
  });

  it.each([
    [['--out', 'x.csv'], /--out must name a \.html or \.json file/],
    [['--out', 'x.json', '--from', '2025-02-30'], /--from takes a UTC calendar day YYYY-MM-DD \(got '2025-02-30'\)/],
    [['--out', 'x.json', '--to', 'June'], /--to takes a UTC calendar day/],
    [['--out', 'x.json', '--from', '2025-07-01', '--to', '2025-06-01'], /--from 2025-07-01 is after --to 2025-06-01/],
    [['--out', 'x.json', '--url', 'postgres://x'], /--url applies to --engine postgres only/],
    [['--out', 'x.json', '--engine', 'spark'], /--engine/],
  ])('rejects %j with exit 2', async (flags, message) => {
    const result = await runCli(['report', DEFINITION, '--data', ACME, ...flags]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).not.toMatch(/\n\s+at /);
  });

  it('writes nothing when the output folder does not exist', async () => {
    const out = join(root, 'missing', 'r.json');
    const before = readdirSync(root).length;
    const result = await runCli(['report', DEFINITION, '--data', ACME, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/cannot write .*r\.json: no such folder \(ENOENT\); nothing was written/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root).length).toBe(before);
  });
});
