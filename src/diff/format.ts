/**
 * The three faces of a `DiffReport`: a terminal table (text), a GitHub-flavoured comment for a
 * pull request (markdown, the samples folded in a `<details>` block) and JSON (SPEC §5 keys
 * plus extras). Labels and ids come from definitions and data: every value is escaped for
 * where it lands — control characters shown as escapes on a terminal, markdown and HTML
 * syntax neutralised in a comment — so a hostile value reads as text and never runs.
 */
import type { DiffReport, DiffSample, FunnelDiff, SampleCategory, StageDiff } from './compare.js';

export type DiffFormat = 'text' | 'json' | 'markdown';

export interface DiffHeading {
  readonly old: string;
  readonly new: string;
  readonly data: string;
  readonly engine: string;
  readonly seconds: number;
}

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const days = (x: number | null): string => (x === null ? '' : `${x > 0 ? '+' : ''}${x.toFixed(1)} d`);

/** Terminal-safe text: control characters (which could move the cursor or recolour) as escapes. */
export function terminalText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Markdown table cell text: HTML and markdown syntax escaped, line breaks as spaces. */
export function markdownText(value: string): string {
  return terminalText(value.replace(/[\r\n]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
    // No @mention pings a team and no scheme turns into a link in a pull-request comment.
    .replace(/@/g, '&#64;')
    .replace(/:/g, '&#58;');
}

function label(s: { old_label: string; new_label: string }, escape: (v: string) => string): string {
  return s.old_label === s.new_label ? escape(s.new_label) : `${escape(s.old_label)} → ${escape(s.new_label)}`;
}

function moved(n: number, median: number | null): string {
  return n === 0 ? '0' : `${count(n)} (${days(median)})`;
}

const STAGE_HEADER = ['object', 'stage', 'label', 'old', 'new', 'added', 'removed', 'earlier (median)', 'later (median)', 'owner changed', 'unchanged', 'inferred flips'];

function stageCells(s: StageDiff, escape: (v: string) => string): string[] {
  return [
    s.object,
    String(s.stage),
    label(s, escape) + (s.old_enabled === s.new_enabled ? (s.new_enabled ? '' : ' (unused)') : s.new_enabled ? ' (now used)' : ' (now unused)'),
    count(s.old_count),
    count(s.new_count),
    count(s.added),
    count(s.removed),
    moved(s.earlier, s.earlier_median_days),
    moved(s.later, s.later_median_days),
    count(s.owner_changed),
    count(s.unchanged),
    count(s.inferred_flips),
  ];
}

const FUNNEL_HEADER = ['stage', 'label', 'journeys old', 'journeys new', 'conversion old', 'conversion new'];

function funnelCells(f: FunnelDiff, escape: (v: string) => string): string[] {
  const journeys = (n: number | null): string => (n === null ? 'unused' : count(n));
  return [String(f.stage), label(f, escape), journeys(f.old_journeys), journeys(f.new_journeys), percent(f.old_conversion), percent(f.new_conversion)];
}

const CATEGORY_TITLES: Record<SampleCategory, string> = {
  added: 'added',
  removed: 'removed',
  earlier: 'moved earlier',
  later: 'moved later',
  owner_changed: 'owner changed',
  inferred: 'inferred flag flipped',
};

function sampleText(s: DiffSample, escape: (v: string) => string): string {
  const side = (date: string | null, owner: string | null): string => (date === null ? '—' : `${date} ${owner === null ? '(no owner)' : escape(owner)}`);
  return `${s.object} ${escape(s.record_id)} stage ${s.stage}: ${side(s.old_date, s.old_owner_id)} → ${side(s.new_date, s.new_owner_id)}`;
}

function table(rows: readonly (readonly string[])[], rightAligned: (col: number) => boolean): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => [...r[col]!].length)));
  return rows.map((r) =>
    r
      .map((cell, col) => {
        const pad = ' '.repeat(widths[col]! - [...cell].length);
        return rightAligned(col) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

function summaryLine(report: DiffReport): string {
  if (!report.changed) return 'no stamp changes';
  const moved = report.stages.reduce((n, s) => n + s.added + s.removed + s.earlier + s.later + s.owner_changed, 0);
  const flips = report.stages.reduce((n, s) => n + s.inferred_flips, 0);
  const relabelled = report.stages.filter((s) => s.old_label !== s.new_label).reduce((n, s) => n + Math.max(s.old_count, s.new_count), 0);
  const parts = [`${count(moved)} stamp rows change`];
  if (flips > 0) parts.push(`${count(flips)} inferred flips`);
  if (relabelled > 0) parts.push(`new labels on ${count(relabelled)} stamp rows`);
  return parts.join(', ');
}

export function formatDiffText(report: DiffReport, heading: DiffHeading): string {
  const out = [
    `${terminalText(heading.old)} → ${terminalText(heading.new)} on ${terminalText(heading.data)} (${heading.engine}, ${heading.seconds.toFixed(1)} s): ${summaryLine(report)}`,
    '',
    ...table([STAGE_HEADER, ...report.stages.map((s) => stageCells(s, terminalText))], (col) => col >= 3),
    '',
    'funnel (journeys reaching each stage, SPEC §4.7)',
    ...table([FUNNEL_HEADER, ...report.funnel.map((f) => funnelCells(f, terminalText))], (col) => col >= 2),
  ];
  const groups = groupSamples(report.samples);
  if (groups.length > 0) out.push('', 'samples');
  for (const [category, samples] of groups) {
    out.push(`  ${CATEGORY_TITLES[category]}:`);
    for (const s of samples) out.push(`    ${sampleText(s, terminalText)}`);
  }
  return `${out.join('\n')}\n`;
}

export function formatDiffMarkdown(report: DiffReport, heading: DiffHeading): string {
  const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  const align = (n: number, left: number): string => row(Array.from({ length: n }, (_, i) => (i < left ? ':---' : '---:')));
  const code = (v: string): string => `\`${terminalText(v.replace(/[\r\n]+/g, ' ')).replace(/`/g, "'")}\``;
  const out = [
    `### Stage stamps: ${code(heading.old)} → ${code(heading.new)}`,
    '',
    `On ${code(heading.data)} (${heading.engine}): **${summaryLine(report)}**.`,
    '',
    row(STAGE_HEADER),
    align(STAGE_HEADER.length, 3),
    ...report.stages.map((s) => row(stageCells(s, markdownText))),
    '',
    row(FUNNEL_HEADER),
    align(FUNNEL_HEADER.length, 2),
    ...report.funnel.map((f) => row(funnelCells(f, markdownText))),
  ];
  const groups = groupSamples(report.samples);
  if (groups.length > 0) {
    out.push('', '<details><summary>Samples of changed records</summary>', '');
    for (const [category, samples] of groups) {
      out.push(`**${CATEGORY_TITLES[category]}**`, '');
      for (const s of samples) out.push(`- ${sampleText(s, markdownText)}`);
      out.push('');
    }
    out.push('</details>');
  }
  return `${out.join('\n')}\n`;
}

export function formatDiffJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function groupSamples(samples: readonly DiffSample[]): [SampleCategory, DiffSample[]][] {
  const order: SampleCategory[] = ['added', 'removed', 'earlier', 'later', 'owner_changed', 'inferred'];
  return order.map((c) => [c, samples.filter((s) => s.category === c)] as [SampleCategory, DiffSample[]]).filter(([, list]) => list.length > 0);
}
