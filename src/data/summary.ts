/**
 * The funnel summary `stages run` prints to stderr (stdout stays data): per stage, how many
 * stamps, which share of them was inferred (back-filled), and the conversion from the
 * previous enabled stage (its stamp count divided by that stage's). Stages 1–3 count
 * journeys and 4–6 opportunities, so the 3 → 4 ratio compares opportunities with journeys
 * (unattributed opportunities included): it reads as "opportunities per accepted journey".
 */
import type { StampRow } from '../runtime/stamp.js';

export interface StageInfo {
  readonly stage: 1 | 2 | 3 | 4 | 5 | 6;
  readonly label: string;
  readonly enabled: boolean;
}

export interface FunnelLine {
  readonly stage: StageInfo['stage'];
  readonly label: string;
  readonly enabled: boolean;
  readonly stamps: number;
  readonly inferred: number;
  /** Share of stamps that are inferred, 0..1 (null without stamps). */
  readonly inferredShare: number | null;
  /** stamps / stamps of the previous enabled stage (null for the first or when that is 0). */
  readonly conversion: number | null;
}

export function summarizeFunnel(rows: readonly StampRow[], stages: readonly StageInfo[]): FunnelLine[] {
  const counts = new Map<number, { stamps: number; inferred: number }>();
  for (const r of rows) {
    const c = counts.get(r.stage) ?? { stamps: 0, inferred: 0 };
    c.stamps++;
    if (r.inferred) c.inferred++;
    counts.set(r.stage, c);
  }
  let previous: number | null = null;
  return stages.map((s) => {
    const c = counts.get(s.stage) ?? { stamps: 0, inferred: 0 };
    const line: FunnelLine = {
      stage: s.stage,
      label: s.label,
      enabled: s.enabled,
      stamps: c.stamps,
      inferred: c.inferred,
      inferredShare: c.stamps === 0 ? null : c.inferred / c.stamps,
      conversion: s.enabled && previous !== null && previous > 0 ? c.stamps / previous : null,
    };
    if (s.enabled) previous = c.stamps;
    return line;
  });
}

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

/** A compact fixed-width table (labels are the definition's own). */
export function formatFunnel(lines: readonly FunnelLine[], title?: string): string {
  const table: string[][] = [['stage', 'label', 'stamps', 'inferred', 'conversion']];
  for (const l of lines) {
    table.push(
      l.enabled
        ? [String(l.stage), l.label, count(l.stamps), percent(l.inferredShare), percent(l.conversion)]
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
  return `${title ? `${title}\n` : ''}${out.join('\n')}\n`;
}
