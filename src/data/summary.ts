/**
 * The funnel summary `stages run` prints to stderr (stdout stays data), by SPEC §4.7: the
 * funnel counts **journeys**. A journey reaches stage 1–3 when it has that engagement stamp
 * and stage 4–6 when its primary opportunity has that opportunity stamp; the conversion to an
 * enabled stage is the journeys reaching it ÷ those reaching the previous enabled stage; the
 * inferred share is the part of those journeys whose stamp was back-filled. Opportunities
 * (attributed or not) are counted apart, in their own 4 → 5 → 6 line.
 *
 * The counts come from SQL over the engine's stamps (`duckdb/funnel-measures.ts`); this module only
 * turns them into lines and renders them.
 */
export interface StageInfo {
  readonly stage: 1 | 2 | 3 | 4 | 5 | 6;
  readonly label: string;
  readonly enabled: boolean;
}

/** Per stage: journeys reaching it (and how many by an inferred stamp); opportunities stamped. */
export interface FunnelCounts {
  readonly journeys: ReadonlyMap<number, { readonly reached: number; readonly inferred: number }>;
  readonly opportunities: ReadonlyMap<number, number>;
}

export interface FunnelLine {
  readonly stage: StageInfo['stage'];
  readonly label: string;
  readonly enabled: boolean;
  /** Journeys reaching the stage. */
  readonly journeys: number;
  readonly inferred: number;
  /** Share of those journeys whose stamp is inferred, 0..1 (null when none reach it). */
  readonly inferredShare: number | null;
  /** journeys ÷ journeys of the previous enabled stage (null for the first or when that is 0). */
  readonly conversion: number | null;
  /** Opportunities with a stamp for the stage (4–6 only; null for 1–3). */
  readonly opportunities: number | null;
}

export function summarizeFunnel(counts: FunnelCounts, stages: readonly StageInfo[]): FunnelLine[] {
  let previous: number | null = null;
  return stages.map((s) => {
    const c = counts.journeys.get(s.stage) ?? { reached: 0, inferred: 0 };
    const line: FunnelLine = {
      stage: s.stage,
      label: s.label,
      enabled: s.enabled,
      journeys: c.reached,
      inferred: c.inferred,
      inferredShare: c.reached === 0 ? null : c.inferred / c.reached,
      conversion: s.enabled && previous !== null && previous > 0 ? c.reached / previous : null,
      opportunities: s.stage >= 4 ? (counts.opportunities.get(s.stage) ?? 0) : null,
    };
    if (s.enabled) previous = c.reached;
    return line;
  });
}

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

/** A compact fixed-width table (labels are the definition's own), then the opportunity funnel. */
export function formatFunnel(lines: readonly FunnelLine[], title?: string): string {
  const table: string[][] = [['stage', 'label', 'journeys', 'inferred', 'conversion']];
  for (const l of lines) {
    table.push(
      l.enabled
        ? [String(l.stage), l.label, count(l.journeys), percent(l.inferredShare), percent(l.conversion)]
        : [String(l.stage), l.label, 'unused', '', ''],
    );
  }
  const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => [...row[col]!].length)));
  const render = (row: string[]): string =>
    row
      .map((cell, col) => {
        const pad = ' '.repeat(widths[col]! - [...cell].length);
        return col <= 1 ? cell + pad : pad + cell; // text left, numbers right
      })
      .join('  ')
      .trimEnd();
  const out = table.map(render);
  const opportunityStages = lines.filter((l) => l.enabled && l.opportunities !== null);
  if (opportunityStages.length > 0) {
    out.push(`all opportunities: ${opportunityStages.map((l) => `${l.stage} ${l.label} ${count(l.opportunities ?? 0)}`).join(' → ')}`);
  }
  return `${title ? `${title}\n` : ''}${out.join('\n')}\n`;
}
