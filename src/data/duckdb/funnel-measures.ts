/**
 * The funnel measures of SPEC §4.7 — what `stages report` shows — computed set-based by DuckDB
 * over the two relations every engine leaves in the session (`../../engines/run.ts`
 * `StampRelations`): the `stage_stamps` rows and the journeys' primary opportunities. So the
 * numbers are the same whichever engine stamped, and no dataset crosses into JavaScript: only
 * the aggregates do.
 *
 * A journey *reaches* stage 1–3 by its engagement stamp and stage 4–6 by its primary
 * opportunity's stamp. With a `[from, to]` window only journeys whose stage-1 date lies in it
 * are counted (the opportunity funnel, over all opportunities, is not windowed).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FunnelCounts } from '../summary.js';
import { ident, literal } from './sql-text.js';

/** The two relations every engine leaves in the session (`../../engines/run.ts` `StampRelations`). */
export interface MeasuredRelations {
  readonly stamps: string;
  readonly primary: string;
}

export interface MeasuredStage {
  readonly stage: number;
  readonly label: string;
  readonly enabled: boolean;
}

export interface ReportWindow {
  /** First stage-1 day counted, `YYYY-MM-DD` (UTC), inclusive. */
  readonly from?: string;
  /** Last stage-1 day counted, `YYYY-MM-DD` (UTC), inclusive. */
  readonly to?: string;
}

export interface FunnelStage {
  readonly stage: number;
  readonly label: string;
  readonly journeys: number;
  /** Of those journeys, how many reach the stage by an inferred (back-filled) stamp. */
  readonly inferred: number;
}
export interface Conversion {
  readonly from: number;
  readonly to: number;
  /** journeys reaching `to` ÷ journeys reaching `from`; null when none reach `from`. */
  readonly rate: number | null;
}
export interface Velocity {
  readonly from: number;
  readonly to: number;
  /** Journeys reaching both stages. */
  readonly journeys: number;
  /** `percentile_cont` of stage_date(to) − stage_date(from) in fractional days; null without journeys. */
  readonly median_days: number | null;
  readonly p90_days: number | null;
  /** The rest of the distribution, same units; null without journeys. */
  readonly p25_days: number | null;
  readonly p75_days: number | null;
  readonly min_days: number | null;
  readonly max_days: number | null;
  /** Journeys per bucket of VELOCITY_BUCKETS, every bucket listed (zeros too), in order. */
  readonly histogram: VelocityBucket[];
}
export interface VelocityBucket {
  /** Inclusive lower bound in days; null: unbounded below. */
  readonly from_days: number | null;
  /** Exclusive upper bound in days; null: unbounded above. */
  readonly to_days: number | null;
  readonly journeys: number;
}

/**
 * The fixed histogram buckets of velocity, in days: below 0 (a `date follows` step back), then
 * widening steps (same day, next day, a few days, a week, two weeks, a month, a quarter, more),
 * so fast steps stay distinguishable and slow tails do not need hundreds of bars. Fixed rather
 * than data-driven, so two reports read side by side have the same buckets.
 */
export const VELOCITY_BUCKETS: ReadonlyArray<readonly [number | null, number | null]> = [
  [null, 0],
  [0, 1],
  [1, 2],
  [2, 4],
  [4, 7],
  [7, 14],
  [14, 30],
  [30, 60],
  [60, 90],
  [90, null],
];
export interface Cohort {
  /** UTC calendar month of the stage-1 date, `YYYY-MM`. */
  readonly month: string;
  readonly journeys: number;
  /** Per enabled stage (as a string key), the cohort's journeys reaching it. */
  readonly reached: Record<string, number>;
}
export interface OpportunityStage {
  readonly stage: number;
  readonly label: string;
  /** Opportunities (attributed to a journey or not) with a stamp for the stage. */
  readonly count: number;
}

export interface OwnerFunnel {
  /** The `owner_id` of the stamps counted; null groups the stamps without an owner. */
  readonly owner_id: string | null;
  /** Per enabled stage (as a string key), the journeys whose stamp for it has this owner. */
  readonly reached: Record<string, number>;
}

export interface FunnelMeasures {
  readonly funnel: FunnelStage[];
  readonly conversion: Conversion[];
  readonly velocity: Velocity[];
  readonly cohorts: Cohort[];
  readonly opportunities: OpportunityStage[];
}

/**
 * The (from, to) pairs velocity is measured over: consecutive enabled stages, then stage 1 to
 * each later enabled stage not already paired with it. Empty when stage 1 is the only one.
 */
export function velocityPairs(enabled: readonly number[]): Array<[number, number]> {
  const pairs = conversionPairs(enabled);
  if (enabled[0] === 1) {
    for (const k of enabled.slice(2)) pairs.push([1, k]);
  }
  return pairs;
}

/** Consecutive enabled pairs (j, k) for conversion. */
export function conversionPairs(enabled: readonly number[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (let i = 1; i < enabled.length; i++) pairs.push([enabled[i - 1]!, enabled[i]!]);
  return pairs;
}

/** The journeys' reached stages, restricted to the window, as a SQL common table expression. */
function reachedSql(stamps: string, primary: string, window: ReportWindow): string {
  const s = ident(stamps);
  const bounds: string[] = [];
  if (window.from !== undefined) bounds.push(`start_date >= CAST(${literal(window.from)} AS DATE)`);
  if (window.to !== undefined) bounds.push(`start_date < CAST(${literal(window.to)} AS DATE) + INTERVAL 1 DAY`);
  return [
    'all_reached AS (',
    `  SELECT record_id AS journey_id, stage, stage_date, inferred, owner_id FROM ${s} WHERE object = 'engagement'`,
    '  UNION ALL',
    `  SELECT p.journey_id, stamp.stage, stamp.stage_date, stamp.inferred, stamp.owner_id FROM ${ident(primary)} AS p`,
    `    JOIN ${s} AS stamp ON stamp.object = 'opportunity' AND stamp.record_id = p.opportunity_id`,
    '),',
    // Every journey with a stamp, its stage-1 date beside it (null when stage 1 is unused).
    'journeys AS (',
    '  SELECT journey_id, max(stage_date) FILTER (WHERE stage = 1) AS start_date FROM all_reached GROUP BY journey_id',
    '),',
    'counted AS (',
    `  SELECT journey_id, start_date FROM journeys${bounds.length === 0 ? '' : ` WHERE ${bounds.join(' AND ')}`}`,
    '),',
    'reached AS (',
    '  SELECT r.journey_id, r.stage, r.stage_date, r.inferred, r.owner_id, c.start_date FROM all_reached AS r JOIN counted AS c USING (journey_id)',
    ')',
  ].join('\n');
}

const orNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * Journeys reaching each stage (and how many by an inferred stamp), and opportunities with a
 * stamp for each stage — the counts of the `run` and `diff` summaries and the report's funnel.
 * Without a window every journey counts, so the stage-1 join is left out.
 */
export async function funnelCounts(connection: DuckDBConnection, relations: MeasuredRelations, window: ReportWindow = {}): Promise<FunnelCounts> {
  const windowed = window.from !== undefined || window.to !== undefined;
  const journeyRows = await connection.runAndReadAll(
    `WITH ${reachedSql(relations.stamps, relations.primary, window)}
` +
      `SELECT stage, count(*), count(*) FILTER (WHERE inferred) FROM ${windowed ? 'reached' : 'all_reached'} GROUP BY stage`,
  );
  const journeys = new Map<number, { reached: number; inferred: number }>();
  for (const [stage, n, inferred] of journeyRows.getRows()) journeys.set(Number(stage), { reached: Number(n), inferred: Number(inferred) });
  const opportunityRows = await connection.runAndReadAll(
    `SELECT stage, count(*) FROM ${ident(relations.stamps)} WHERE object = 'opportunity' GROUP BY stage`,
  );
  const opportunities = new Map<number, number>();
  for (const [stage, n] of opportunityRows.getRows()) opportunities.set(Number(stage), Number(n));
  return { journeys, opportunities };
}

export async function funnelMeasures(
  connection: DuckDBConnection,
  relations: MeasuredRelations,
  stages: readonly MeasuredStage[],
  window: ReportWindow = {},
): Promise<FunnelMeasures> {
  const enabledStages = stages.filter((s) => s.enabled);
  const enabled = enabledStages.map((s) => s.stage);
  const withReached = `WITH ${reachedSql(relations.stamps, relations.primary, window)}\n`;
  const rows = async (sql: string): Promise<unknown[][]> => (await connection.runAndReadAll(sql)).getRows();

  const counts = await funnelCounts(connection, relations, window);
  const reaching = (k: number): number => counts.journeys.get(k)?.reached ?? 0;
  const funnel = enabledStages.map((s) => ({ stage: s.stage, label: s.label, journeys: reaching(s.stage), inferred: counts.journeys.get(s.stage)?.inferred ?? 0 }));
  const conversion = conversionPairs(enabled).map(([from, to]) => ({ from, to, rate: reaching(from) === 0 ? null : reaching(to) / reaching(from) }));

  const pairs = velocityPairs(enabled);
  const velocityByPair = new Map<string, Velocity>();
  if (pairs.length > 0) {
    const values = pairs.map(([j, k]) => `(${j}, ${k})`).join(', ');
    // One pass over the spans: the quantiles and one count per histogram bucket [lo, hi).
    const bucketCounts = VELOCITY_BUCKETS.map(([lo, hi]) => {
      const bounds = [...(lo === null ? [] : [`days >= ${lo}.0`]), ...(hi === null ? [] : [`days < ${hi}.0`])];
      return `count(*) FILTER (WHERE ${bounds.join(' AND ')})`;
    });
    for (const [from, to, n, median, p90, p25, p75, min, max, ...histogram] of await rows(
      `${withReached}, pairs(from_stage, to_stage) AS (VALUES ${values}),\n` +
        'spans AS (SELECT p.from_stage, p.to_stage, (epoch_ms(b.stage_date) - epoch_ms(a.stage_date)) / 86400000.0 AS days\n' +
        '  FROM pairs AS p JOIN reached AS a ON a.stage = p.from_stage JOIN reached AS b ON b.stage = p.to_stage AND b.journey_id = a.journey_id)\n' +
        'SELECT from_stage, to_stage, count(*), quantile_cont(days, 0.5), quantile_cont(days, 0.9), quantile_cont(days, 0.25), quantile_cont(days, 0.75), min(days), max(days),\n' +
        `  ${bucketCounts.join(', ')}\nFROM spans GROUP BY from_stage, to_stage`,
    )) {
      velocityByPair.set(`${from}-${to}`, {
        from: Number(from),
        to: Number(to),
        journeys: Number(n),
        median_days: orNull(median),
        p90_days: orNull(p90),
        p25_days: orNull(p25),
        p75_days: orNull(p75),
        min_days: orNull(min),
        max_days: orNull(max),
        histogram: VELOCITY_BUCKETS.map(([lo, hi], i) => ({ from_days: lo, to_days: hi, journeys: Number(histogram[i]) })),
      });
    }
  }
  const velocity = pairs.map(
    ([from, to]): Velocity =>
      velocityByPair.get(`${from}-${to}`) ?? {
        from,
        to,
        journeys: 0,
        median_days: null,
        p90_days: null,
        p25_days: null,
        p75_days: null,
        min_days: null,
        max_days: null,
        histogram: VELOCITY_BUCKETS.map(([lo, hi]) => ({ from_days: lo, to_days: hi, journeys: 0 })),
      },
  );

  const cohortsByMonth = new Map<string, Cohort>();
  for (const [month, stage, n] of await rows(
    `${withReached}SELECT strftime(start_date, '%Y-%m') AS month, stage, count(*) FROM reached WHERE start_date IS NOT NULL GROUP BY month, stage ORDER BY month, stage`,
  )) {
    const key = String(month);
    let cohort = cohortsByMonth.get(key);
    if (cohort === undefined) {
      cohort = { month: key, journeys: 0, reached: Object.fromEntries(enabled.map((k) => [String(k), 0])) };
      cohortsByMonth.set(key, cohort);
    }
    if (Number(stage) === 1) (cohort as { journeys: number }).journeys = Number(n);
    if (enabled.includes(Number(stage))) cohort.reached[String(stage)] = Number(n);
  }
  const cohorts = [...cohortsByMonth.values()];

  const opportunities = enabledStages.filter((s) => s.stage >= 4).map((s) => ({ stage: s.stage, label: s.label, count: counts.opportunities.get(s.stage) ?? 0 }));

  return { funnel, conversion, velocity, cohorts, opportunities };
}

/**
 * The funnel by stamp owner (`stages report --owner`): per owner, the journeys reaching each
 * enabled stage whose stamp for that stage (the primary opportunity's for 4–6) has that owner.
 * A journey can count under different owners at different stages; per stage the owners
 * partition the funnel's journeys. Ordered by journeys at the first enabled stage, most first,
 * then by owner id, the null owner last among equals.
 */
export async function ownerFunnels(connection: DuckDBConnection, relations: MeasuredRelations, stages: readonly MeasuredStage[], window: ReportWindow = {}): Promise<OwnerFunnel[]> {
  const enabled = stages.filter((s) => s.enabled).map((s) => s.stage);
  const owners = new Map<string | null, OwnerFunnel>();
  const result = await connection.runAndReadAll(
    `WITH ${reachedSql(relations.stamps, relations.primary, window)}\n` +
      `SELECT owner_id, stage, count(*) FROM reached WHERE stage IN (${enabled.join(', ')}) GROUP BY owner_id, stage`,
  );
  for (const [owner, stage, n] of result.getRows()) {
    const key = owner === null ? null : String(owner);
    let funnel = owners.get(key);
    if (funnel === undefined) {
      funnel = { owner_id: key, reached: Object.fromEntries(enabled.map((k) => [String(k), 0])) };
      owners.set(key, funnel);
    }
    funnel.reached[String(stage)] = Number(n);
  }
  const first = String(enabled[0]);
  return [...owners.values()].sort(
    (a, b) =>
      b.reached[first]! - a.reached[first]! ||
      (a.owner_id === null ? 1 : 0) - (b.owner_id === null ? 1 : 0) ||
      (a.owner_id ?? '').localeCompare(b.owner_id ?? '', 'en'),
  );
}
