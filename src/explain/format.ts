/**
 * An explanation as text (for people) or JSON (the SPEC §5 contract: `object`, `record_id`,
 * `stages[]` with `stage`, `label`, `stamped`, `stage_date`, `owner_id`, `inferred`, `source`;
 * the rest are extra keys).
 *
 * Every value in the text comes from data or the definition, so each is passed through
 * `shown`: control characters (C0, DEL, C1) and the bidirectional overrides become visible
 * escapes, so no id or label can move the cursor, recolour or reorder the terminal.
 */
import type { CandidateSource, Explanation, LostOn, RunnerUp, StageExplanation } from './explain.js';

/** A value from data or the definition, safe to print: invisible and terminal-control characters escaped. */
export function shown(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\\]/g, (c) =>
    c === '\\' ? '\\\\' : `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
}

const quoted = (value: string): string => `"${shown(value).replace(/"/g, '\\"')}"`;
const owner = (id: string | null): string => (id === null ? 'no owner' : `owner ${shown(id)}`);

export function explanationJson(x: Explanation): string {
  const stages = x.stages.map((s) => ({
    stage: s.stage,
    label: s.label,
    stamped: s.stamped,
    stage_date: s.stage_date,
    owner_id: s.owner_id,
    inferred: s.inferred,
    source: s.source,
    implied_by: s.implied_by,
    date_follows: s.date_follows,
    reason: s.reason,
    candidates: s.candidates,
    runners_up: s.runners_up,
  }));
  const head =
    x.object === 'engagement'
      ? { window: x.window, lead_id: x.lead_id, contact_id: x.contact_id, primary_opportunity_id: x.primary_opportunity_id }
      : { journey_id: x.journey_id };
  return `${JSON.stringify({ object: x.object, record_id: x.record_id, journey: x.journey, ...head, stages, unused: x.unused }, null, 2)}\n`;
}

const LOST_ON: Record<LostOn, string> = {
  t: 'later',
  source_stage: 'same instant, later source stage',
  source_rank: 'same instant and stage, Contact before Lead',
  owner_id: 'same instant, stage and object, owner id orders after',
  source_id: 'same instant, stage, object and owner, record id orders after',
};

function versionText(s: CandidateSource): string {
  return `${s.object} ${shown(s.record_id)} ${s.object === 'engagement' ? 'created' : 'version'} ${s.valid_from}`;
}

function sourceText(s: CandidateSource): string {
  const criteria = s.line === null ? (s.stage === 1 ? 'every Activation engagement' : 'every new opportunity') : `line ${s.line}: ${shown(s.criteria ?? '')}`;
  return `${versionText(s)}, which met stage ${s.stage} (${criteria})`;
}

function runnerUpText(r: RunnerUp): string {
  const where = r.line === null ? '' : `, line ${r.line}`;
  return `${versionText(r)}, stage ${r.stage}${where}, ${owner(r.owner_id)}: lost, ${LOST_ON[r.lost_on]}`;
}

function stageText(s: StageExplanation): string[] {
  const head = `stage ${s.stage} ${quoted(s.label)}`;
  if (!s.stamped) {
    return [`${head}: not stamped`, `  why: ${shown(s.reason?.message ?? 'no candidate')}`];
  }
  const inferred = s.inferred ? `, inferred from stage ${s.implied_by!.stage}` : '';
  const out = [`${head}: ${s.stage_date}, ${owner(s.owner_id)}${inferred}`, `  from ${sourceText(s.source!)}`];
  if (s.implied_by !== null && s.implied_by.object === 'opportunity' && s.stage <= 3) {
    out.push(`  back-filled from the journey's primary opportunity ${shown(s.implied_by.record_id)} (its creation, stage 4)`);
  } else if (s.implied_by !== null) {
    out.push(`  back-filled: the later stage ${s.implied_by.stage} was met first, so skipped stage ${s.stage} takes its date and owner`);
  }
  const d = s.date_follows;
  if (d !== null) {
    out.push(
      d.used
        ? `  date follows ${shown(d.field)}: ${shown(d.value!)} of the latest version ${d.valid_from} (met at ${s.source!.valid_from})`
        : `  date follows ${shown(d.field)}, but the latest version ${d.valid_from} has none: the date is when the criteria were met`,
    );
  }
  if (s.runners_up.length > 0) {
    const more = s.candidates - 1 - s.runners_up.length;
    out.push(`  runners-up (${s.candidates - 1}${more > 0 ? `, first ${s.runners_up.length} shown` : ''}):`);
    for (const r of s.runners_up) out.push(`    ${runnerUpText(r)}`);
  }
  return out;
}

export function explanationText(x: Explanation): string {
  const lines: string[] = [];
  if (x.object === 'engagement') {
    const w = x.window!;
    lines.push(`journey ${shown(x.record_id)}${x.journey === null ? '' : ` (${quoted(x.journey)})`}`);
    lines.push(`  window [${w.from}, ${w.until ?? 'open'})${w.until === null ? '' : ', completed'}`);
    lines.push(`  lead ${x.lead_id === null ? '-' : shown(x.lead_id)}, contact ${x.contact_id === null ? '-' : shown(x.contact_id)}`);
    lines.push(`  primary opportunity ${x.primary_opportunity_id === null ? 'none' : shown(x.primary_opportunity_id)}${x.primary_opportunity_id === null ? '' : ' (explain it for stages 4-6)'}`);
  } else {
    lines.push(`opportunity ${shown(x.record_id)}${x.journey === null ? '' : ` (${quoted(x.journey)})`}`);
    lines.push(`  journey ${x.journey_id === null ? 'none (unattributed)' : shown(x.journey_id)}`);
  }
  lines.push('');
  for (const s of x.stages) lines.push(...stageText(s));
  for (const u of x.unused) lines.push(`stage ${u.stage} ${quoted(u.label)}: unused (never stamped nor back-filled)`);
  return `${lines.join('\n')}\n`;
}
