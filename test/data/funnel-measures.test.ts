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
import { funnelMeasures, ownerFunnels, VELOCITY_BUCKETS, velocityPairs, type FunnelMeasures, type OwnerFunnel, type ReportWindow, type Velocity } from '../../src/data/duckdb/funnel-measures.js';
import { RUN_RELATIONS, stampDataFolder } from '../../src/engines/run.js';
import { check } from '../support/checker.js';
import { ENGAGEMENT_HEADER, writeFolder } from '../support/data-fixtures.js';

interface Stamp {
  object: string;
  record_id: string;
  stage: number;
  stage_date: number;
  inferred: boolean;
  owner_id: string | null;
}

const definitionOf = (source: string): CheckedDefinition => {
  const { definition, diagnostics } = check(source);
  if (definition === null) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return definition;
};
const DEFAULT = definitionOf(readFileSync('examples/default.stages', 'utf8'));
const UNUSED = definitionOf(readFileSync('examples/default.stages', 'utf8').replace(/stage 3 "SAL" \{[^}]*\}/, 'stage 3 "SAL" unused'));

/** `percentile_cont`: linear between the closest ranks of the sorted values. */
function percentileCont(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** SPEC §4.7 by brute force over the rows. */
function referenceMeasures(definition: CheckedDefinition, stamps: Stamp[], primary: Map<string, string>, window: ReportWindow): FunnelMeasures {
  const enabled = definition.stages.filter((s) => s.enabled);
  const byJourney = new Map<string, Map<number, Stamp>>();
  const journeyOf = (id: string): Map<number, Stamp> => byJourney.get(id) ?? byJourney.set(id, new Map()).get(id)!;
  const opportunityStamps = new Map<string, Stamp[]>();
  for (const s of stamps) {
    if (s.object === 'engagement') journeyOf(s.record_id).set(s.stage, s);
    else opportunityStamps.set(s.record_id, [...(opportunityStamps.get(s.record_id) ?? []), s]);
  }
  for (const [journey, opportunity] of primary) for (const s of opportunityStamps.get(opportunity) ?? []) journeyOf(journey).set(s.stage, s);
  const from = window.from === undefined ? -Infinity : Date.parse(`${window.from}T00:00:00Z`);
  const to = window.to === undefined ? Infinity : Date.parse(`${window.to}T00:00:00Z`) + 86_400_000;
  const journeys = [...byJourney.values()].filter((j) => {
    if (window.from === undefined && window.to === undefined) return true;
    const start = j.get(1)?.stage_date;
    return start !== undefined && start >= from && start < to;
  });
  const reaching = (k: number): Map<number, Stamp>[] => journeys.filter((j) => j.has(k));
  const funnel = enabled.map((s) => ({ stage: s.stage, label: s.label, journeys: reaching(s.stage).length, inferred: reaching(s.stage).filter((j) => j.get(s.stage)!.inferred).length }));
  const conversion = enabled.slice(1).map((s, i) => {
    const j = enabled[i]!.stage;
    return { from: j, to: s.stage, rate: reaching(j).length === 0 ? null : reaching(s.stage).length / reaching(j).length };
  });
  const velocity = velocityPairs(enabled.map((s) => s.stage)).map(([j, k]) => {
    const days = journeys.filter((x) => x.has(j) && x.has(k)).map((x) => (x.get(k)!.stage_date - x.get(j)!.stage_date) / 86_400_000);
    return {
      from: j,
      to: k,
      journeys: days.length,
      median_days: percentileCont(days, 0.5),
      p90_days: percentileCont(days, 0.9),
      p25_days: percentileCont(days, 0.25),
      p75_days: percentileCont(days, 0.75),
      min_days: days.length === 0 ? null : Math.min(...days),
      max_days: days.length === 0 ? null : Math.max(...days),
      histogram: VELOCITY_BUCKETS.map(([lo, hi]) => ({ from_days: lo, to_days: hi, journeys: days.filter((d) => (lo === null || d >= lo) && (hi === null || d < hi)).length })),
    };
  });
  const months = new Map<string, Map<number, Stamp>[]>();
  for (const j of journeys) {
    const start = j.get(1);
    if (start === undefined) continue;
    const month = new Date(start.stage_date).toISOString().slice(0, 7);
    months.set(month, [...(months.get(month) ?? []), j]);
  }
  const cohorts = [...months.keys()].sort().map((month) => {
    const members = months.get(month)!;
    return { month, journeys: members.length, reached: Object.fromEntries(enabled.map((s) => [String(s.stage), members.filter((m) => m.has(s.stage)).length])) };
  });
  const opportunities = enabled
    .filter((s) => s.stage >= 4)
    .map((s) => ({ stage: s.stage, label: s.label, count: stamps.filter((x) => x.object === 'opportunity' && x.stage === s.stage).length }));
  return { funnel, conversion, velocity, cohorts, opportunities };
}

/** Interpolated percentiles: equal to the reference up to rounding; the rest must be exact. */
const QUANTILE_KEYS = ['median_days', 'p90_days', 'p25_days', 'p75_days'] as const;
type QuantileKey = (typeof QUANTILE_KEYS)[number];

/** The funnel by stamp owner, by brute force: each journey's stamp per enabled stage, grouped by its owner. */
function referenceOwners(definition: CheckedDefinition, stamps: Stamp[], primary: Map<string, string>, window: ReportWindow): OwnerFunnel[] {
  const enabled: number[] = definition.stages.filter((s) => s.enabled).map((s) => s.stage);
  const journeys = new Map<string, Stamp[]>();
  for (const s of stamps) if (s.object === 'engagement') journeys.set(s.record_id, [...(journeys.get(s.record_id) ?? []), s]);
  const opportunityJourney = new Map([...primary].map(([j, o]) => [o, j]));
  for (const s of stamps) {
    const journey = s.object === 'opportunity' ? opportunityJourney.get(s.record_id) : undefined;
    if (journey !== undefined) journeys.set(journey, [...(journeys.get(journey) ?? []), s]);
  }
  const from = window.from === undefined ? -Infinity : Date.parse(`${window.from}T00:00:00Z`);
  const to = window.to === undefined ? Infinity : Date.parse(`${window.to}T00:00:00Z`) + 86_400_000;
  const windowed = window.from !== undefined || window.to !== undefined;
  const owners = new Map<string | null, OwnerFunnel>();
  for (const js of journeys.values()) {
    const start = js.find((s) => s.object === 'engagement' && s.stage === 1)?.stage_date;
    if (windowed && (start === undefined || start < from || start >= to)) continue;
    for (const s of js) {
      if (!enabled.includes(s.stage)) continue;
      const o = owners.get(s.owner_id) ?? owners.set(s.owner_id, { owner_id: s.owner_id, reached: Object.fromEntries(enabled.map((k) => [String(k), 0])) }).get(s.owner_id)!;
      o.reached[String(s.stage)]!++;
    }
  }
  return [...owners.values()];
}
const byOwner = (owners: OwnerFunnel[]): OwnerFunnel[] => [...owners].sort((a, b) => String(a.owner_id).localeCompare(String(b.owner_id)));

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
      const stamps = (
        await connection.runAndReadAll(`SELECT object, record_id, stage, epoch_ms(stage_date), inferred, owner_id FROM ${RUN_RELATIONS.stamps}`)
      )
        .getRows()
        .map(([object, record_id, stage, ms, inferred, owner]) => ({
          object: String(object),
          record_id: String(record_id),
          stage: Number(stage),
          stage_date: Number(ms),
          inferred: Boolean(inferred),
          owner_id: owner === null ? null : String(owner),
        }));
      const primary = new Map(
        (await connection.runAndReadAll(`SELECT journey_id, opportunity_id FROM ${RUN_RELATIONS.primary}`)).getRows().map(([j, o]) => [String(j), String(o)]),
      );
      const measured = await funnelMeasures(connection, RUN_RELATIONS, definition.stages, window);
      const owners = await ownerFunnels(connection, RUN_RELATIONS, definition.stages, window);
      expect(byOwner(owners)).toEqual(byOwner(referenceOwners(definition, stamps, primary, window ?? {})));
      const first = String(definition.stages.find((s) => s.enabled)!.stage);
      for (let i = 1; i < owners.length; i++) expect(owners[i - 1]!.reached[first]!).toBeGreaterThanOrEqual(owners[i]!.reached[first]!);
      // Per stage the owners partition the journeys reaching it.
      for (const f of measured.funnel) expect(owners.reduce((n, o) => n + o.reached[String(f.stage)]!, 0)).toBe(f.journeys);
      const expected = referenceMeasures(definition, stamps, primary, window ?? {});
      const { velocity, ...counts } = measured;
      const { velocity: expectedVelocity, ...expectedCounts } = expected;
      expect(counts).toEqual(expectedCounts);
      const exact = ({ median_days, p90_days, p25_days, p75_days, ...v }: Velocity): Omit<Velocity, QuantileKey> => v;
      expect(velocity.map(exact)).toEqual(expectedVelocity.map(exact));
      velocity.forEach((v, i) => {
        for (const key of QUANTILE_KEYS) {
          const e = expectedVelocity[i]![key];
          if (e === null) expect(v[key]).toBeNull();
          else expect(v[key]).toBeCloseTo(e, 9);
        }
      });
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
