/**
 * `stages report FILE --data DIR --out F.json`: the SPEC §5 contract on the acme example, the
 * same numbers from the duckdb and ts engines, the stage-1 window, and clear usage errors.
 * (That the numbers are SPEC §4.7's is held in test/data/funnel-measures.test.ts.)
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

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
    expect(result.err).toMatch(/cannot write .*r\.json \(ENOENT\); nothing was written/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root).length).toBe(before);
  });
});
