/**
 * The SQL funnel measures (SPEC §4.7) equal a plain JavaScript computation over the same
 * stamps and primary opportunities, on every engine that leaves them in the DuckDB session:
 * the acme example, hand-written journeys that skip stages, a definition with unused stages,
 * an empty dataset, and a stage-1 date window.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { funnelMeasures, ownerFunnels, type ReportWindow } from '../../src/data/duckdb/funnel-measures.js';
import { byOwner, expectMeasuresEqual, readStamps, referenceMeasures, referenceOwners } from '../support/funnel-reference.js';
import { RUN_RELATIONS, stampDataFolder } from '../../src/engines/run.js';
import { check } from '../support/checker.js';
import { ENGAGEMENT_HEADER, writeFolder } from '../support/data-fixtures.js';

const definitionOf = (source: string): CheckedDefinition => {
  const { definition, diagnostics } = check(source);
  if (definition === null) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return definition;
};
const DEFAULT = definitionOf(readFileSync('examples/default.stages', 'utf8'));
const UNUSED = definitionOf(readFileSync('examples/default.stages', 'utf8').replace(/stage 3 "SAL" \{[^}]*\}/, 'stage 3 "SAL" unused'));

const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'funnel-measures-'));
  folders.push(dir);
  return writeFolder(dir, files);
}

const OPPORTUNITY_HEADER = 'Id,valid_from,OwnerId,ActivationId,Probability,IsWon,CloseDate';
/** J1 skips stages 2–3 (back-filled from its opportunity), J2 stops at MQL, J3 in another month, O9 unattributed. */
const SKIPPING: Record<string, string> = {
  'engagement.csv': [
    ENGAGEMENT_HEADER,
    'J1,Activation,L1,,U1,2025-01-10T00:00:00Z,',
    'J2,Activation,L2,,U1,2025-01-20T12:00:00Z,',
    'J3,Activation,L3,,U2,2025-02-01T06:00:00Z,',
  ].join('\n'),
  'lead.csv': ['Id,valid_from,OwnerId,CurrentActivationId,Status', 'L2,2025-01-21T00:00:00Z,U1,J2,Open', 'L3,2025-02-02T00:00:00Z,U2,J3,Working'].join('\n'),
  'opportunity.csv': [
    OPPORTUNITY_HEADER,
    'O1,2025-01-15T00:00:00Z,U1,J1,0,false,',
    'O1,2025-01-25T18:00:00Z,U1,J1,50,false,',
    'O1,2025-02-10T00:00:00Z,U1,J1,100,true,2025-02-05',
    'O3,2025-02-04T00:00:00Z,U2,J3,20,false,',
    'O9,2025-03-01T00:00:00Z,U3,,100,true,2025-03-02',
  ].join('\n'),
};

const CASES: Array<{ name: string; definition: CheckedDefinition; data: () => string; window?: ReportWindow }> = [
  { name: 'acme', definition: DEFAULT, data: () => 'examples/acme' },
  { name: 'acme, a stage-1 window', definition: DEFAULT, data: () => 'examples/acme', window: { from: '2025-06-01', to: '2025-09-30' } },
  { name: 'acme, stage 3 unused', definition: UNUSED, data: () => 'examples/acme' },
  { name: 'journeys that skip stages', definition: DEFAULT, data: () => folder(SKIPPING) },
  { name: 'an empty dataset', definition: DEFAULT, data: () => folder({ 'engagement.csv': `${ENGAGEMENT_HEADER}\n`, 'opportunity.csv': `${OPPORTUNITY_HEADER}\n` }) },
];

describe.each(['duckdb', 'ts'] as const)('funnel measures on --engine %s', (engine) => {
  it.each(CASES)('equal the reference: $name', async ({ definition, data, window }) => {
    const run = await stampDataFolder(definition, data(), { engine });
    try {
      const { connection } = run.session;
      const { stamps, primary } = await readStamps(connection);
      const measured = await funnelMeasures(connection, RUN_RELATIONS, definition.stages, window);
      const owners = await ownerFunnels(connection, RUN_RELATIONS, definition.stages, window);
      expect(byOwner(owners)).toEqual(byOwner(referenceOwners(definition, stamps, primary, window ?? {})));
      const first = String(definition.stages.find((s) => s.enabled)!.stage);
      for (let i = 1; i < owners.length; i++) expect(owners[i - 1]!.reached[first]!).toBeGreaterThanOrEqual(owners[i]!.reached[first]!);
      // Per stage the owners partition the journeys reaching it.
      for (const f of measured.funnel) expect(owners.reduce((n, o) => n + o.reached[String(f.stage)]!, 0)).toBe(f.journeys);
      const expected = referenceMeasures(definition, stamps, primary, window ?? {});
      expectMeasuresEqual(measured, expected);
    } finally {
      await run.session.close();
    }
  });

  it('counts the hand-written journeys as SPEC §4.7 says', async () => {
    const run = await stampDataFolder(DEFAULT, folder(SKIPPING), { engine });
    try {
      const m = await funnelMeasures(run.session.connection, RUN_RELATIONS, DEFAULT.stages);
      expect(m.funnel.map((f) => [f.stage, f.journeys, f.inferred])).toEqual([
        [1, 3, 0],
        [2, 3, 2], // J1 from its opportunity, J3 from SAL
        [3, 2, 1], // J1 inferred, J3 direct
        [4, 2, 0],
        [5, 2, 0],
        [6, 1, 0],
      ]);
      expect(m.conversion[0]).toEqual({ from: 1, to: 2, rate: 1 });
      expect(m.cohorts).toEqual([
        { month: '2025-01', journeys: 2, reached: { 1: 2, 2: 2, 3: 1, 4: 1, 5: 1, 6: 1 } },
        { month: '2025-02', journeys: 1, reached: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 0 } },
      ]);
      // O9 has no journey and still counts in the opportunity funnel.
      expect(m.opportunities.map((o) => o.count)).toEqual([3, 3, 2]);
      // J1's won date follows CloseDate (Feb 5) though it was won on Feb 10: 5→6 of J1 alone.
      const fiveToSix = m.velocity.find((v) => v.from === 5 && v.to === 6)!;
      expect(fiveToSix.journeys).toBe(1);
      expect(fiveToSix.median_days).toBeCloseTo((Date.parse('2025-02-05T00:00:00Z') - Date.parse('2025-01-25T18:00:00Z')) / 86_400_000, 9);
      expect(fiveToSix.min_days).toBe(fiveToSix.max_days);
      // 10.25 days: the one journey sits in the 7–14 day bucket, and every bucket is listed.
      expect(fiveToSix.histogram.map((b) => b.journeys)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
      for (const v of m.velocity) expect(v.histogram.reduce((n, b) => n + b.journeys, 0)).toBe(v.journeys);
    } finally {
      await run.session.close();
    }
  });
});
