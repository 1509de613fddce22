/**
 * SPEC §4.7 written plainly, for the tests of the funnel measures: the numbers computed by
 * brute force from the stamp rows and the journeys' primary opportunities an engine left in
 * its DuckDB session, and a comparison of those with what the SQL measures return.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { expect } from 'vitest';
import type { CheckedDefinition } from '../../src/compiler/ir.js';
import { VELOCITY_BUCKETS, velocityPairs, type FunnelMeasures, type OwnerFunnel, type ReportWindow, type Velocity } from '../../src/data/duckdb/funnel-measures.js';
import { RUN_RELATIONS } from '../../src/engines/run.js';

export interface Stamp {
  object: string;
  record_id: string;
  stage: number;
  stage_date: number;
  inferred: boolean;
  owner_id: string | null;
}

/** The stamps and primary opportunities an engine left in the session. */
export async function readStamps(connection: DuckDBConnection): Promise<{ stamps: Stamp[]; primary: Map<string, string> }> {
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
  return { stamps, primary };
}

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
export function referenceMeasures(definition: CheckedDefinition, stamps: Stamp[], primary: Map<string, string>, window: ReportWindow): FunnelMeasures {
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
export function referenceOwners(definition: CheckedDefinition, stamps: Stamp[], primary: Map<string, string>, window: ReportWindow): OwnerFunnel[] {
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
export const byOwner = (owners: OwnerFunnel[]): OwnerFunnel[] => [...owners].sort((a, b) => String(a.owner_id).localeCompare(String(b.owner_id)));

/** Measured equals expected: counts exactly, interpolated percentiles up to rounding. */
export function expectMeasuresEqual(measured: FunnelMeasures, expected: FunnelMeasures): void {
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
}
