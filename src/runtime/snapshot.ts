/**
 * `snapshot()` / `restore`: the evaluator's state as plain JSON. Instants are epoch
 * milliseconds (null for none / open), records are tuples to keep large snapshots small.
 * Format (version 1):
 *
 * ```
 * { "format": "stagecraft-evaluator-snapshot", "version": 1, "fingerprint": "<definition>",
 *   "journeys": [[id, kind, created, completion, owner,
 *                 t2, rank2, owner2, source2, t3, rank3, owner3, source3], …],
 *   "pending": [[journeyIndex, t, stage, rank, owner, sourceId], …],
 *   "opportunities": [[id, journeyIndex, t4, owner4, t5, owner5, t6, owner6, latestT, latestDate], …] }
 * ```
 * `kind` is 0 (referenced, not upserted yet), 1 (Activation) or 2 (other record type);
 * indices point into `journeys`; -1 = no journey. `source2`/`source3` ("" beside a candidate,
 * null without one) and a pending `sourceId` ("") are ignored on restore: the evaluator does not
 * keep the person id of a candidate, which can only decide between candidates giving the same
 * stamp.
 */
import { SnapshotError } from './errors.js';
import { checkFingerprint, type Plan } from './plan.js';
import { SourceRank } from './candidate.js';
import { EngagementKind, JourneyTable, OpportunityTable } from './tables.js';
import { MAX_INSTANT, MIN_INSTANT } from './values.js';

export type SnapshotInstant = number | null;

export type JourneyTuple = [
  id: string, kind: number, created: SnapshotInstant, completion: SnapshotInstant, owner: string | null,
  t2: SnapshotInstant, rank2: number, owner2: string | null, source2: string | null,
  t3: SnapshotInstant, rank3: number, owner3: string | null, source3: string | null,
];
export type PendingTuple = [journey: number, t: number, stage: number, rank: number, owner: string | null, sourceId: string];
export type OpportunityTuple = [
  id: string, journey: number, t4: number, owner4: string | null, t5: SnapshotInstant, owner5: string | null,
  t6: SnapshotInstant, owner6: string | null, latestT: number, latestDate: SnapshotInstant,
];

export interface EvaluatorSnapshot {
  readonly format: 'stagecraft-evaluator-snapshot';
  readonly version: 1;
  readonly fingerprint: string;
  readonly journeys: readonly JourneyTuple[];
  readonly pending: readonly PendingTuple[];
  readonly opportunities: readonly OpportunityTuple[];
}

const toJson = (t: number): SnapshotInstant => (Number.isFinite(t) ? t : null);
/**
 * "" beside a stored candidate, null without one: version-1 readers require a source string beside
 * every candidate instant, so snapshots stay readable by every build of the format.
 */
const placeholderSource = (t: number): string | null => (Number.isNaN(t) ? null : '');

export function takeSnapshot(plan: Plan, journeys: JourneyTable, opps: OpportunityTable): EvaluatorSnapshot {
  const js: JourneyTuple[] = [];
  for (let j = 0; j < journeys.count; j++) {
    js.push([
      journeys.id(j), journeys.kind(j), toJson(journeys.created(j)), toJson(journeys.completion(j)), journeys.owner(j),
      toJson(journeys.candidateT(j, 2)), journeys.candidateRank(j, 2), journeys.candidateOwner(j, 2), placeholderSource(journeys.candidateT(j, 2)),
      toJson(journeys.candidateT(j, 3)), journeys.candidateRank(j, 3), journeys.candidateOwner(j, 3), placeholderSource(journeys.candidateT(j, 3)),
    ]);
  }
  const pending: PendingTuple[] = [];
  for (const [j, list] of journeys.pending) {
    for (const c of list) pending.push([j, c.t, c.stage, c.rank, c.owner, '']);
  }
  const os: OpportunityTuple[] = [];
  for (let o = 0; o < opps.count; o++) {
    os.push([
      opps.id(o), opps.journey(o), opps.t(o, 4), opps.owner(o, 4), toJson(opps.t(o, 5)), opps.owner(o, 5),
      toJson(opps.t(o, 6)), opps.owner(o, 6), opps.latestT(o), toJson(opps.latestDate(o)),
    ]);
  }
  return { format: 'stagecraft-evaluator-snapshot', version: 1, fingerprint: plan.definition.fingerprint, journeys: js, pending, opportunities: os };
}

function fail(what: string): never {
  throw new SnapshotError(`malformed snapshot: ${what}`);
}

// What `upsert` could have stored, no more: a restored state must be one some stream of valid
// records produces, or its stamps could be impossible (an instant outside years 0001–9999, a
// stage-6 date that is not a day, a record with an empty id).
const MS_PER_DAY = 86_400_000;
/** A non-empty string: ids and owners (empty text is null in every record). */
const isStr = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isStrOrNull = (v: unknown): v is string | null => v === null || isStr(v);
/** Epoch ms of an instant `upsert` accepts: a whole millisecond in years 0001–9999. */
const isInstant = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= MIN_INSTANT && (v as number) <= MAX_INSTANT;
const isInt = (v: unknown, lo: number, hi: number): v is number => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
const instant = (v: unknown, none: number, what: string): number => (v === null ? none : isInstant(v) ? v : fail(`${what} must be null or epoch ms in years 0001-9999`));

/** Loads `snapshot` into empty tables. Throws `SnapshotError`. */
export function restoreSnapshot(snapshot: unknown, plan: Plan, journeys: JourneyTable, opps: OpportunityTable): void {
  if (typeof snapshot !== 'object' || snapshot === null) fail('expected an object');
  const s = snapshot as Partial<Record<keyof EvaluatorSnapshot, unknown>>;
  if (s.format !== 'stagecraft-evaluator-snapshot' || s.version !== 1) fail('not a version-1 stagecraft evaluator snapshot');
  checkFingerprint(plan, s.fingerprint);
  if (!Array.isArray(s.journeys) || !Array.isArray(s.pending) || !Array.isArray(s.opportunities)) fail('journeys, pending and opportunities must be arrays');
  s.journeys.forEach((row: unknown, i) => {
    const at = `journeys[${i}]`;
    if (!Array.isArray(row) || row.length !== 13) fail(`${at} must be a 13-element array`);
    const [id, kind, created, completion, owner, t2, rank2, owner2, source2, t3, rank3, owner3, source3] = row as unknown[];
    if (!isStr(id) || journeys.has(id)) fail(`${at}: id missing, empty or repeated`);
    if (!isInt(kind, EngagementKind.UNKNOWN, EngagementKind.OTHER) || !isInt(rank2, SourceRank.CONTACT, SourceRank.ENGAGEMENT) || !isInt(rank3, SourceRank.CONTACT, SourceRank.ENGAGEMENT)) fail(`${at}: kind/rank out of range`);
    if (![owner, owner2, owner3].every(isStrOrNull)) fail(`${at}: owners must be non-empty strings or null`);
    if (![source2, source3].every((v) => v === null || typeof v === 'string')) fail(`${at}: sources must be strings or null`);
    const c2 = instant(t2, NaN, `${at}: t2`);
    const c3 = instant(t3, NaN, `${at}: t3`);
    const start = instant(created, NaN, `${at}: created`);
    // A journey the stream has not delivered yet is only referenced: no instants of its own.
    if ((kind === EngagementKind.UNKNOWN) !== Number.isNaN(start)) fail(`${at}: created must be given exactly when the engagement was upserted`);
    // Only an Activation journey keeps candidates, and never one before its start.
    const hasCandidate = !Number.isNaN(c2) || !Number.isNaN(c3);
    if (hasCandidate && kind !== EngagementKind.ACTIVATION) fail(`${at}: candidates of an engagement that is not an Activation journey`);
    if (c2 < start || c3 < start) fail(`${at}: a candidate before the journey's CreatedDate`);
    const j = journeys.slot(id);
    journeys.setEngagement(j, kind, start, instant(completion, Infinity, `${at}: completion`), owner as string | null);
    journeys.setCandidate(j, 2, c2, rank2, owner2 as string | null);
    journeys.setCandidate(j, 3, c3, rank3, owner3 as string | null);
  });
  s.pending.forEach((row: unknown, i) => {
    const at = `pending[${i}]`;
    if (!Array.isArray(row) || row.length !== 6) fail(`${at} must be a 6-element array`);
    const [j, t, stage, rank, owner, sourceId] = row as unknown[];
    if (!isInt(j, 0, journeys.count - 1) || !isInstant(t) || !isInt(stage, 2, 3) || !isInt(rank, SourceRank.CONTACT, SourceRank.LEAD) || !isStrOrNull(owner) || typeof sourceId !== 'string') {
      fail(`${at}: bad field`);
    }
    if (journeys.kind(j) !== EngagementKind.UNKNOWN) fail(`${at}: pending candidates of a journey already upserted`);
    let list = journeys.pending.get(j);
    if (list === undefined) journeys.pending.set(j, (list = []));
    list.push({ t, stage, rank, owner });
  });
  s.opportunities.forEach((row: unknown, i) => {
    const at = `opportunities[${i}]`;
    if (!Array.isArray(row) || row.length !== 10) fail(`${at} must be a 10-element array`);
    const [id, j, t4, owner4, t5, owner5, t6, owner6, latestT, latestDate] = row as unknown[];
    if (!isStr(id) || opps.find(id) >= 0) fail(`${at}: id missing or repeated`);
    if (!isInt(j, -1, journeys.count - 1) || !isInstant(t4) || !isInstant(latestT)) fail(`${at}: bad journey index or instant`);
    if (![owner4, owner5, owner6].every(isStrOrNull)) fail(`${at}: owners must be non-empty strings or null`);
    const c5 = instant(t5, NaN, `${at}: t5`);
    const c6 = instant(t6, NaN, `${at}: t6`);
    const date = instant(latestDate, NaN, `${at}: latestDate`);
    if (date % MS_PER_DAY !== 0 && !Number.isNaN(date)) fail(`${at}: latestDate must be a day (UTC midnight)`);
    // Stage 4 is the earliest version, the latest one is last: every other instant lies between.
    if (c5 < t4 || c6 < t4 || latestT < t4 || c5 > latestT || c6 > latestT) fail(`${at}: instants out of order (t4 ≤ t5, t6 ≤ latestT)`);
    const o = opps.add(id);
    opps.setCandidate(o, 4, t4, owner4 as string | null);
    opps.setCandidate(o, 5, c5, owner5 as string | null);
    opps.setCandidate(o, 6, c6, owner6 as string | null);
    opps.setLatest(o, latestT, date);
    if (j >= 0) opps.attach(o, j, journeys);
  });
}
