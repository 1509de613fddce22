/**
 * What changing a definition does to the stamps (`stages diff`, SPEC §5): two engines' results
 * over the same data, compared set-based in DuckDB by (object, record_id, stage).
 *
 * Every stamp row falls in exactly one category, decided in this order:
 *
 *   added          only in NEW
 *   removed        only in OLD
 *   earlier/later  in both, NEW's stage_date before / after OLD's
 *   owner_changed  in both, same date, another owner (null is an owner value here)
 *   unchanged      in both, same date and owner
 *
 * and, across categories, an *inferred flip* is a row in both whose `inferred` differs. The
 * funnel of SPEC §4.7 is counted for both sides from the same relations `stages run` uses.
 */
import type { CheckedDefinition } from '../compiler/ir.js';
import { funnelCounts } from '../data/duckdb/funnel-measures.js';
import { ident, INSTANT_FORMAT } from '../data/duckdb/sql-text.js';
import { summarizeFunnel, type FunnelLine } from '../data/summary.js';
import type { DuckDbSession } from '../data/duckdb/session.js';
import { materialiseRelations, type StampRelations } from '../engines/run.js';

export const CHANGE_CATEGORIES = ['added', 'removed', 'earlier', 'later', 'owner_changed'] as const;
export type ChangeCategory = (typeof CHANGE_CATEGORIES)[number];
/** A sample's kind: a change category, or a flip of `inferred` alone (same date and owner). */
export type SampleCategory = ChangeCategory | 'inferred';

/** One (object, stage): the SPEC §5 keys first, then the extras. */
export interface StageDiff {
  readonly object: 'engagement' | 'opportunity';
  readonly stage: number;
  readonly old_label: string;
  readonly new_label: string;
  readonly old_count: number;
  readonly new_count: number;
  readonly added: number;
  readonly removed: number;
  readonly earlier: number;
  readonly later: number;
  readonly owner_changed: number;
  readonly unchanged: number;
  readonly inferred_flips: number;
  /** Median shift in days of the rows that moved earlier (negative) / later; null when none. */
  readonly earlier_median_days: number | null;
  readonly later_median_days: number | null;
  readonly old_enabled: boolean;
  readonly new_enabled: boolean;
}

export interface DiffSample {
  readonly category: SampleCategory;
  readonly object: 'engagement' | 'opportunity';
  readonly record_id: string;
  readonly stage: number;
  readonly old_date: string | null;
  readonly old_owner_id: string | null;
  readonly new_date: string | null;
  readonly new_owner_id: string | null;
}

/** The SPEC §4.7 funnel line of one stage, before and after. */
export interface FunnelDiff {
  readonly stage: number;
  readonly old_label: string;
  readonly new_label: string;
  readonly old_journeys: number | null;
  readonly new_journeys: number | null;
  readonly old_conversion: number | null;
  readonly new_conversion: number | null;
}

export interface DiffReport {
  readonly stages: readonly StageDiff[];
  readonly funnel: readonly FunnelDiff[];
  readonly samples: readonly DiffSample[];
  /** Whether any stamp row differs: a category other than unchanged, an inferred flip, or a label change on stamped rows. */
  readonly changed: boolean;
}

/** The stamp rows of both sides joined by key, with their category. */
function categorisedSql(old: StampRelations, next: StampRelations): string {
  return [
    'SELECT coalesce(o.object, n.object) AS object, coalesce(o.record_id, n.record_id) AS record_id, coalesce(o.stage, n.stage) AS stage,',
    '  o.stage_date AS old_date, o.owner_id AS old_owner_id, n.stage_date AS new_date, n.owner_id AS new_owner_id,',
    '  CASE WHEN o.stage_date IS NULL THEN \'added\' WHEN n.stage_date IS NULL THEN \'removed\'',
    "    WHEN n.stage_date < o.stage_date THEN 'earlier' WHEN n.stage_date > o.stage_date THEN 'later'",
    "    WHEN o.owner_id IS DISTINCT FROM n.owner_id THEN 'owner_changed' ELSE 'unchanged' END AS category,",
    '  coalesce(o.inferred <> n.inferred, false) AS inferred_flip,',
    "  date_diff('millisecond', o.stage_date, n.stage_date) / 86400000.0 AS shift_days",
    `FROM ${ident(old.stamps)} AS o FULL OUTER JOIN ${ident(next.stamps)} AS n`,
    '  ON o.object = n.object AND o.record_id = n.record_id AND o.stage = n.stage',
  ].join('\n');
}

function countsSql(categorised: string): string {
  const count = (category: string) => `count(*) FILTER (WHERE category = '${category}') AS ${category}`;
  return [
    `SELECT object, stage, count(old_date) AS old_count, count(new_date) AS new_count,`,
    `  ${['added', 'removed', 'earlier', 'later', 'owner_changed', 'unchanged'].map(count).join(', ')},`,
    '  count(*) FILTER (WHERE inferred_flip) AS inferred_flips,',
    "  quantile_cont(shift_days, 0.5) FILTER (WHERE category = 'earlier') AS earlier_median_days,",
    "  quantile_cont(shift_days, 0.5) FILTER (WHERE category = 'later') AS later_median_days",
    `FROM (${categorised}) GROUP BY object, stage`,
  ].join('\n');
}

function samplesSql(categorised: string, perCategory: number): string {
  return [
    "SELECT CASE WHEN category = 'unchanged' THEN 'inferred' ELSE category END AS sample_category, object, record_id, stage,",
    `  strftime(old_date, ${INSTANT_FORMAT}) AS old_date, old_owner_id, strftime(new_date, ${INSTANT_FORMAT}) AS new_date, new_owner_id`,
    'FROM (',
    `  SELECT *, row_number() OVER (PARTITION BY CASE WHEN category = 'unchanged' THEN 'inferred' ELSE category END`,
    '    ORDER BY object COLLATE "binary", record_id COLLATE "binary", stage) AS position',
    `  FROM (${categorised}) WHERE category <> 'unchanged' OR inferred_flip`,
    `) WHERE position <= ${Math.max(0, Math.floor(perCategory))}`,
    'ORDER BY sample_category, object COLLATE "binary", record_id COLLATE "binary", stage',
  ].join('\n');
}

const OBJECT_STAGES = [
  ['engagement', 1],
  ['engagement', 2],
  ['engagement', 3],
  ['opportunity', 4],
  ['opportunity', 5],
  ['opportunity', 6],
] as const;

const number = (value: unknown): number => Number(value ?? 0);
const nullableNumber = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export async function compareStamps(
  session: DuckDbSession,
  defs: { readonly old: CheckedDefinition; readonly new: CheckedDefinition },
  relations: { readonly old: StampRelations; readonly new: StampRelations },
  options: { readonly samples: number },
): Promise<DiffReport> {
  const { connection } = session;
  // Each side's relations may be views (DuckDB engine): computed once here, then read by the
  // comparison, the samples and the funnel counts alike.
  const old = await materialiseRelations(session, defs.old, relations.old, 'stagecraft_diff_old');
  const next = await materialiseRelations(session, defs.new, relations.new, 'stagecraft_diff_new');
  await connection.run(`CREATE OR REPLACE TEMP TABLE stagecraft_diff_rows AS ${categorisedSql(old, next)}`);
  const categorised = 'SELECT * FROM stagecraft_diff_rows';
  const counts = new Map<string, Record<string, unknown>>();
  for (const row of (await connection.runAndReadAll(countsSql(categorised))).getRowObjectsJS()) {
    counts.set(`${String(row.object)}:${number(row.stage)}`, row);
  }
  const stages = OBJECT_STAGES.map(([object, stage]): StageDiff => {
    const c = counts.get(`${object}:${stage}`) ?? {};
    const oldStage = defs.old.stages.find((s) => s.stage === stage)!;
    const newStage = defs.new.stages.find((s) => s.stage === stage)!;
    return {
      object,
      stage,
      old_label: oldStage.label,
      new_label: newStage.label,
      old_count: number(c.old_count),
      new_count: number(c.new_count),
      added: number(c.added),
      removed: number(c.removed),
      earlier: number(c.earlier),
      later: number(c.later),
      owner_changed: number(c.owner_changed),
      unchanged: number(c.unchanged),
      inferred_flips: number(c.inferred_flips),
      earlier_median_days: nullableNumber(c.earlier_median_days),
      later_median_days: nullableNumber(c.later_median_days),
      old_enabled: oldStage.enabled,
      new_enabled: newStage.enabled,
    };
  });
  const samples = (await connection.runAndReadAll(samplesSql(categorised, options.samples))).getRowObjectsJS().map(
    (r): DiffSample => ({
      category: String(r.sample_category) as SampleCategory,
      object: String(r.object) as DiffSample['object'],
      record_id: String(r.record_id),
      stage: number(r.stage),
      old_date: text(r.old_date),
      old_owner_id: text(r.old_owner_id),
      new_date: text(r.new_date),
      new_owner_id: text(r.new_owner_id),
    }),
  );
  const funnel = funnelDiff(
    summarizeFunnel(await funnelCounts(connection, old), defs.old.stages),
    summarizeFunnel(await funnelCounts(connection, next), defs.new.stages),
  );
  const changed = stages.some(
    (s) =>
      s.added + s.removed + s.earlier + s.later + s.owner_changed + s.inferred_flips > 0 ||
      (s.old_label !== s.new_label && s.old_count + s.new_count > 0),
  );
  return { stages, funnel, samples, changed };
}

function funnelDiff(old: readonly FunnelLine[], next: readonly FunnelLine[]): FunnelDiff[] {
  return old.map((o, i) => {
    const n = next[i]!;
    return {
      stage: o.stage,
      old_label: o.label,
      new_label: n.label,
      old_journeys: o.enabled ? o.journeys : null,
      new_journeys: n.enabled ? n.journeys : null,
      old_conversion: o.conversion,
      new_conversion: n.conversion,
    };
  });
}
