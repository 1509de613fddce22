/**
 * SPEC §4 by brute force over all candidates, for hand-built definitions: the oracle the
 * incremental evaluator is compared with in these tests (the team's reference model in
 * test/reference works on the compiler IR instead).
 */
import { compareCodePoints, compareStampRows, type EvaluatorDefinition, type EvaluatorRecord, type StampRow } from '../../src/runtime/index.js';

type Rec = Record<string, unknown>;
export interface Data {
  Engagement: Rec[];
  Lead: Rec[];
  Contact: Rec[];
  Opportunity: Rec[];
}
interface Cand {
  t: number;
  stage: number;
  rank: number;
  owner: string | null;
  id: string;
}

function cmp(a: Cand, b: Cand): number {
  if (a.t !== b.t) return a.t - b.t;
  if (a.stage !== b.stage) return a.stage - b.stage;
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.owner !== b.owner) {
    if (a.owner === null) return 1;
    if (b.owner === null) return -1;
    return compareCodePoints(a.owner, b.owner);
  }
  return compareCodePoints(a.id, b.id);
}
const least = (cs: Cand[]): Cand | null => (cs.length === 0 ? null : cs.reduce((a, b) => (cmp(b, a) < 0 ? b : a)));
const ms = (v: unknown): number => Date.parse(String(v));
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function bruteStamps(def: EvaluatorDefinition, data: Data): StampRow[] {
  return bruteForce(def, data).stamps;
}

/** The stamps, and each journey's primary opportunity (§4.2; null when it has none). */
export function bruteForce(def: EvaluatorDefinition, data: Data): { stamps: StampRow[]; primaries: Map<string, string | null> } {
  const primaries = new Map<string, string | null>();
  const en = (k: number) => def.stages[k - 1].enabled;
  const pred = (k: number, o: 'Lead' | 'Contact' | 'Opportunity') => (en(k) ? def.stages[k - 1].predicates[o] : undefined);
  const label = (k: number) => def.stages[k - 1].label;
  const out: StampRow[] = [];
  const push = (object: StampRow['object'], id: string, k: number, c: Cand | null, date?: number) => {
    if (c === null) return;
    out.push({
      object, record_id: id, stage: k as StampRow['stage'], label: label(k),
      stage_date: new Date(date ?? c.t).toISOString(), owner_id: c.owner, inferred: c.stage !== k,
    });
  };
  // Distinct records: last engagement per Id; versions per (Id, valid_from).
  const engagements = new Map<string, Rec>();
  for (const e of data.Engagement) engagements.set(String(e.Id), e);
  const distinct = (rows: Rec[]) => [...new Map(rows.map((r) => [`${String(r.Id)}|${ms(r.valid_from)}`, r])).values()];
  const persons: [Rec, number][] = [...distinct(data.Contact).map((r) => [r, 0] as [Rec, number]), ...distinct(data.Lead).map((r) => [r, 1] as [Rec, number])];
  const oppVersions = distinct(data.Opportunity);
  const oppIds = [...new Set(oppVersions.map((v) => String(v.Id)))];
  const opp = new Map<string, { first: Rec; last: Rec; versions: Rec[] }>();
  for (const id of oppIds) {
    const vs = oppVersions.filter((v) => v.Id === id).sort((a, b) => ms(a.valid_from) - ms(b.valid_from));
    opp.set(id, { first: vs[0], last: vs[vs.length - 1], versions: vs });
  }
  const c4 = (id: string): Cand => {
    const f = opp.get(id)!.first;
    return { t: ms(f.valid_from), stage: 4, rank: 2, owner: str(f.OwnerId), id };
  };
  for (const [id, e] of engagements) {
    if (e.RecordType !== 'Activation') continue;
    const from = ms(e.CreatedDate);
    const until = str(e.CompletionDate) === null ? Infinity : ms(e.CompletionDate);
    const inside = (t: number) => t >= from && t < until;
    const cands: Cand[] = [{ t: from, stage: 1, rank: 3, owner: str(e.OwnerId), id }];
    for (const [v, rank] of persons) {
      if (v.CurrentActivationId !== id || !inside(ms(v.valid_from))) continue;
      for (const k of [2, 3]) {
        const p = pred(k, rank === 0 ? 'Contact' : 'Lead');
        if (p !== undefined && p(v as EvaluatorRecord)) cands.push({ t: ms(v.valid_from), stage: k, rank, owner: str(v.OwnerId), id: String(v.Id) });
      }
    }
    const attributed = oppIds.filter((o) => opp.get(o)!.first.ActivationId === id && inside(c4(o).t));
    attributed.sort((a, b) => c4(a).t - c4(b).t || compareCodePoints(a, b));
    const primary = attributed.length > 0 ? c4(attributed[0]) : null;
    primaries.set(id, primary === null ? null : primary.id);
    for (const k of [1, 2, 3]) {
      if (!en(k)) continue;
      const pool = cands.filter((c) => c.stage >= k && en(c.stage));
      if (k > 1 && primary !== null) pool.push(primary);
      push('engagement', id, k, least(pool));
    }
  }
  for (const [id, o] of opp) {
    const cands: Cand[] = [c4(id)];
    for (const v of o.versions) {
      for (const k of [5, 6]) {
        const p = pred(k, 'Opportunity');
        if (p !== undefined && p(v as EvaluatorRecord)) cands.push({ t: ms(v.valid_from), stage: k, rank: 2, owner: str(v.OwnerId), id });
      }
    }
    for (const k of [4, 5, 6]) {
      if (!en(k)) continue;
      const c = least(cands.filter((x) => x.stage >= k && en(x.stage)));
      const follows = def.stages[5].dateFollows;
      const synced = k === 6 && follows ? str(o.last[follows]) : null;
      push('opportunity', id, k, c, synced === null ? undefined : ms(synced.length === 10 ? `${synced}T00:00:00.000Z` : synced));
    }
  }
  return { stamps: out.sort(compareStampRows), primaries };
}
