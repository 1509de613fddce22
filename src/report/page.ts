/**
 * The report as one self-contained HTML page: every style and the one script inline, no
 * external resource (a Content-Security-Policy of `default-src 'none'` makes the browser refuse
 * any, and allows only the chart script, by its sha256), so it opens offline and can be mailed.
 * Each chart is drawn by Observable Plot from the same numbers as the accessible table beside it. Every value from the definition or the data
 * (journey name, labels) is HTML-escaped (SPEC §5).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataSpan } from '../data/duckdb/data-span.js';
import type { FunnelMeasures, OwnerFunnel, VelocityBucket } from '../data/duckdb/funnel-measures.js';

/** A stage as the definition states it. */
export interface ReportedStage {
  readonly stage: number;
  readonly label: string;
  readonly enabled: boolean;
  /** Its criteria lines as written, in file order (none for stages 1 and 4 or when unused). */
  readonly criteria: ReadonlyArray<{ readonly object: string; readonly line: number; readonly text: string }>;
  /** Stage 6: the column whose date the stamp reports, or null. */
  readonly date_follows: string | null;
}

export interface ReportPageInput {
  readonly journey: string | null;
  /** The definition's file name. */
  readonly definition_file: string;
  readonly engine: string;
  readonly data: DataSpan;
  readonly stages: readonly ReportedStage[];
  readonly window: { readonly from: string | null; readonly to: string | null };
  readonly measures: FunnelMeasures;
  /** With `--owner`: the funnel by stamp owner. */
  readonly owners?: readonly OwnerFunnel[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text made safe for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const integer = (n: number): string => n.toLocaleString('en-US');
const percent = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const days = (x: number | null): string => (x === null ? '–' : x.toFixed(1));

interface BarChart {
  readonly kind: 'bars';
  readonly title: string;
  readonly valueLabel: string;
  readonly rows: ReadonlyArray<{ label: string; value: number; text: string }>;
}
interface VelocityChart {
  readonly kind: 'velocity';
  readonly title: string;
  readonly rows: ReadonlyArray<{ label: string; median: number | null; p90: number | null }>;
}
interface HistogramChart {
  readonly kind: 'histogram';
  readonly title: string;
  /** Bucket names in axis order. */
  readonly buckets: readonly string[];
  readonly rows: ReadonlyArray<{ label: string; bucket: string; share: number; journeys: number }>;
}
type Chart = BarChart | VelocityChart | HistogramChart;

/** A velocity bucket's name: `< 0`, `0–1`, …, `≥ 90` (days). */
export function bucketName(bucket: Pick<VelocityBucket, 'from_days' | 'to_days'>): string {
  if (bucket.from_days === null) return `< ${bucket.to_days ?? 0}`;
  if (bucket.to_days === null) return `≥ ${bucket.from_days}`;
  return `${bucket.from_days}–${bucket.to_days}`;
}

/** A placeholder the bundled chart script replaces with an Observable Plot SVG of `charts[id]`. */
function chartSlot(charts: Record<string, Chart>, id: string, chart: Chart): string {
  charts[id] = chart;
  return `<div class="chart" data-chart="${escapeHtml(id)}" aria-label="${escapeHtml(chart.title)}"></div>`;
}

/** JSON safe inside a script data block: no `<` can close the element or open a comment. */
const jsonForScript = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

let chartScript: string | undefined;
/**
 * The chart script: Observable Plot and d3 bundled by scripts/build-report-charts.mjs into
 * dist/report/charts.bundle.js. Both src/report and dist/report sit two levels below the
 * package root, so the same path serves the sources under test and the installed package.
 */
function chartBundle(): string {
  chartScript ??= readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'report', 'charts.bundle.js'), 'utf8');
  return chartScript;
}

function table(caption: string, head: readonly string[], rows: ReadonlyArray<readonly string[]>, cellStyle?: (row: number, col: number) => string): string {
  const th = head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const tr = rows
    .map((row, r) => `<tr>${row.map((cell, c) => (c === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td${cellStyle?.(r, c) ?? ''}>${escapeHtml(cell)}</td>`)).join('')}</tr>`)
    .join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${th}</tr></thead><tbody>${tr}</tbody></table>`;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #ffffff; --muted: #59636e; --bar: #2f6fde; --line: #d0d7de; --heat: 47, 111, 222; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9198a1; --bar: #4c8df6; --line: #30363d; } }
body { font: 15px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 62rem; margin: 2rem auto; padding: 0 1rem; }
h1 { margin-bottom: 0.2rem; } .meta { color: var(--muted); margin-top: 0; }
section { margin: 2rem 0; break-inside: avoid; }
.figure { display: grid; grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr); gap: 1.5rem; align-items: start; }
@media (max-width: 50rem) { .figure { grid-template-columns: 1fr; } }
svg.chart { color: var(--fg); max-width: 100%; height: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { padding: 0.2rem 0.6rem; border-bottom: 1px solid var(--line); text-align: right; }
th[scope="row"], thead th:first-child { text-align: left; }
#definition th, #definition td { text-align: left; }
#definition td { white-space: pre-line; font-family: ui-monospace, monospace; font-size: 13px; }
@media print { body { margin: 0; max-width: none; } .figure { grid-template-columns: 1fr 1fr; } }
`;

export function reportPage(input: ReportPageInput): string {
  const m = input.measures;
  const title = input.journey ?? 'Funnel';
  const conversionTo = new Map(m.conversion.map((c) => [c.to, c.rate]));
  const firstJourneys = m.funnel[0]?.journeys ?? 0;
  const window =
    input.window.from === null && input.window.to === null
      ? 'all journeys'
      : `journeys with a stage-1 date from ${input.window.from ?? 'the start'} to ${input.window.to ?? 'the end'}`;
  const labelOf = new Map(m.funnel.map((f) => [f.stage, f.label]));
  const stageName = (k: number): string => `${k} ${labelOf.get(k) ?? ''}`.trim();

  const rows = input.data.rows;
  const span =
    input.data.earliest === null
      ? 'no records'
      : `records from ${input.data.earliest} to ${input.data.latest ?? ''} (UTC): ${integer(rows.engagement)} engagements, ${integer(rows.lead)} lead, ${integer(rows.contact)} contact and ${integer(rows.opportunity)} opportunity versions`;
  const definition = `<section id="definition"><h2>Definition</h2><p class="meta">${escapeHtml(`${input.definition_file} · ${span}`)}</p>${table(
    'Stages as defined (criteria as written, with their line)',
    ['stage', 'criteria'],
    input.stages.map((s) => [
      `${s.stage} ${s.label}`,
      !s.enabled
        ? 'unused'
        : [
            ...s.criteria.map((c) => `line ${c.line}: ${c.text}`),
            ...(s.date_follows === null ? [] : [`date follows ${s.date_follows}`]),
          ].join('\n') || (s.stage === 1 ? 'an Activation engagement' : s.stage === 4 ? 'an opportunity of the journey' : 'back-filled only'),
    ]),
  )}</section>`;

  const charts: Record<string, Chart> = {};
  const funnel = `<section id="funnel"><h2>Funnel</h2><div class="figure">${chartSlot(charts, 'funnel', {
    kind: 'bars',
    title: 'Journeys reaching each stage',
    valueLabel: 'journeys',
    rows: m.funnel.map((f) => ({ label: stageName(f.stage), value: f.journeys, text: integer(f.journeys) })),
  })}${table(
    'Journeys per stage',
    ['stage', 'journeys', 'inferred', 'conversion'],
    m.funnel.map((f) => [stageName(f.stage), integer(f.journeys), percent(f.journeys === 0 ? null : f.inferred / f.journeys), percent(conversionTo.get(f.stage) ?? null)]),
  )}</div></section>`;

  const velocity = `<section id="velocity"><h2>Velocity (days)</h2><div class="figure">${chartSlot(charts, 'velocity', {
    kind: 'velocity',
    title: 'Days between stages: median (bar) and p90 (tick)',
    rows: m.velocity.map((v) => ({ label: `${v.from} → ${v.to}`, median: v.median_days, p90: v.p90_days })),
  })}${table(
    'Days from stage to stage, over journeys reaching both',
    ['from → to', 'journeys', 'median', 'p90', 'p25', 'p75', 'min', 'max'],
    m.velocity.map((v) => [
      `${stageName(v.from)} → ${stageName(v.to)}`,
      integer(v.journeys),
      ...[v.median_days, v.p90_days, v.p25_days, v.p75_days, v.min_days, v.max_days].map(days),
    ]),
  )}</div></section>`;

  const buckets = (m.velocity[0]?.histogram ?? []).map(bucketName);
  const distribution = `<section id="velocity-distribution"><h2>Velocity distribution (days)</h2><div class="figure">${chartSlot(charts, 'velocity-distribution', {
    kind: 'histogram',
    title: 'Share of each step’s journeys per bucket of days',
    buckets,
    rows: m.velocity.flatMap((v) =>
      v.histogram.map((b) => ({ label: `${v.from} → ${v.to}`, bucket: bucketName(b), journeys: b.journeys, share: v.journeys === 0 ? 0 : b.journeys / v.journeys })),
    ),
  })}${table(
    'Journeys per bucket of days (lower bound inclusive)',
    ['from → to', ...buckets],
    m.velocity.map((v) => [`${v.from} → ${v.to}`, ...v.histogram.map((b) => integer(b.journeys))]),
  )}</div></section>`;

  const stages = m.funnel.map((f) => f.stage);
  const shares = m.cohorts.map((c) => stages.map((k) => (c.journeys === 0 ? 0 : (c.reached[String(k)] ?? 0) / c.journeys)));
  const cohorts = `<section id="cohorts"><h2>Cohorts by stage-1 month (UTC)</h2>${table(
    'Share of each month’s journeys reaching each stage',
    ['month', 'journeys', ...stages.map(stageName)],
    m.cohorts.map((c, r) => [c.month, integer(c.journeys), ...stages.map((_, i) => percent(shares[r]![i]!))]),
    (r, c) => (c >= 2 ? ` style="background: rgba(var(--heat), ${(shares[r]![c - 2]! * 0.6).toFixed(3)})"` : ''),
  )}</section>`;

  const opportunities = `<section id="opportunities"><h2>All opportunities</h2><div class="figure">${chartSlot(charts, 'opportunities', {
    kind: 'bars',
    title: 'Opportunities with each stamp',
    valueLabel: 'opportunities',
    rows: m.opportunities.map((o) => ({ label: stageName(o.stage), value: o.count, text: integer(o.count) })),
  })}${table(
    'Opportunities per stage, attributed to a journey or not',
    ['stage', 'opportunities'],
    m.opportunities.map((o) => [stageName(o.stage), integer(o.count)]),
  )}</div></section>`;

  const owners =
    input.owners === undefined
      ? ''
      : `<section id="owners"><h2>Funnel by stamp owner</h2>${table(
          'Journeys reaching each stage, by the owner of that stage’s stamp',
          ['owner', ...stages.map(stageName)],
          input.owners.map((o) => [o.owner_id ?? '(no owner)', ...stages.map((k) => integer(o.reached[String(k)] ?? 0))]),
        )}</section>`;

  const script = chartBundle();
  // The only script the page may run is this one, allowed by its hash (no 'unsafe-inline').
  const scriptHash = `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src '${scriptHash}'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)} — funnel report</title><style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${escapeHtml(`${integer(firstJourneys)} journeys · ${window} · stamped by the ${input.engine} engine`)}</p>`,
    definition,
    funnel,
    velocity,
    distribution,
    cohorts,
    owners,
    opportunities,
    `<script type="application/json" id="report-data">${jsonForScript({ charts })}</script>`,
    `<script>${script}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
