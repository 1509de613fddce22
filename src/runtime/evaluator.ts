/**
 * `createEvaluator(definition, { restore? })` (SPEC §6): stamps records incrementally as they
 * stream in, in any order and with re-deliveries, and always reports the §4 result for the set
 * of distinct records upserted so far.
 *
 * What is kept (and why it is enough) is described in docs/runtime.md; in short:
 *  - per journey: its engagement, and per direct stage 2/3 only the least candidate with
 *    t >= CreatedDate (`JourneyTable`); versions that arrive before their engagement are kept
 *    as pending candidates until it arrives;
 *  - per opportunity: earliest version (stage 4 + attribution), least stage-5 and stage-6
 *    candidates, latest version's date-follows value (`OpportunityTable`);
 *  - per journey, the list of opportunities attributed to it (primary opportunity).
 * Stamps are resolved from that state on demand (`resolve.ts`).
 */
import { RANK_CONTACT, RANK_LEAD, compareOwners, type Candidate } from './candidate.js';
import type { EngagementRoles, EvaluatorDefinition, ObjectName, OpportunityRoles, PersonRoles, RecordPredicate } from './definition.js';
import { RecordError } from './errors.js';
import { makePlan, type Plan } from './plan.js';
import { journeyStamps, opportunityStamps, sameStamp, type ResolvedStamp } from './resolve.js';
import { restoreSnapshot, takeSnapshot, type EvaluatorSnapshot } from './snapshot.js';
import { compareCodePoints, type StampRow } from './stamp.js';
import { OwnerTable } from './id-index.js';
import { ACTIVATION, JourneyTable, OpportunityTable, OTHER, UNKNOWN } from './tables.js';
import { RecordShape } from './validate.js';
import { formatInstant, parseCanonicalInstant, parseDate } from './values.js';

/** Fired when a stamp appears (`previous` null) or moves (its date, owner or inferred flag changes). */
export type StampListener = (stamp: StampRow, previous: StampRow | null) => void;
/**
 * Fired when a stamp disappears: a journey completing before its stage-2/3 candidate, or the
 * primary opportunity that back-filled a stage leaving the window or the journey.
 */
export type UnstampListener = (previous: StampRow) => void;

export interface EvaluatorOptions {
  /** A value returned by `snapshot()` of an evaluator of the same definition. */
  readonly restore?: EvaluatorSnapshot;
}

export interface Evaluator {
  /**
   * Adds or re-delivers a record (plain object: field → value; instants as ISO strings or
   * `Date`). Throws `RecordError` — leaving the state unchanged — for an invalid record.
   */
  upsert(object: ObjectName, record: object): void;
  /** The `stage_stamps` rows (§4.5) for everything upserted so far, sorted by object, record_id, stage. */
  stamps(): StampRow[];
  on(event: 'stamp', listener: StampListener): () => void;
  on(event: 'unstamp', listener: UnstampListener): () => void;
  /** Plain JSON (JSON.stringify-able) state to restore with `createEvaluator(definition, { restore })`. */
  snapshot(): EvaluatorSnapshot;
}

export function createEvaluator(definition: EvaluatorDefinition, options: EvaluatorOptions = {}): Evaluator {
  return new StreamingEvaluator(definition, options);
}

const EMPTY_ROWS: readonly StampRow[] = [];

class StreamingEvaluator implements Evaluator {
  private readonly plan: Plan;
  /** Owner ids are few and repeated: both tables store them as small integers. */
  private readonly owners = new OwnerTable();
  private readonly journeys = new JourneyTable(this.owners);
  private readonly opps = new OpportunityTable(this.owners);
  private readonly engagementShape: RecordShape;
  private readonly leadShape: RecordShape;
  private readonly contactShape: RecordShape;
  private readonly opportunityShape: RecordShape;

  // Output caches: rows per record (filled by stamps(), cleared when the record is touched).
  private journeyRows: (readonly StampRow[] | undefined)[] = [];
  private opportunityRows: (readonly StampRow[] | undefined)[] = [];
  private journeyOrder: Int32Array | null = null;
  private opportunityOrder: Int32Array | null = null;
  private lastResult: StampRow[] | null = null;

  // Events: stamps of touched records before the upsert, to diff after it.
  private readonly stampListeners: StampListener[] = [];
  private readonly unstampListeners: UnstampListener[] = [];
  private touchedJourneys: number[] = [];
  private journeysBefore: (readonly ResolvedStamp[])[] = [];
  private touchedOpps: number[] = [];
  private oppsBefore: (readonly ResolvedStamp[])[] = [];

  // Role field names, resolved once (a customer schema may name them differently).
  private readonly leadRoles: PersonRoles;
  private readonly contactRoles: PersonRoles;
  private readonly engagementRoles: EngagementRoles;
  private readonly opportunityRoles: OpportunityRoles;
  private readonly activationRecordType: string;

  constructor(definition: EvaluatorDefinition, options: EvaluatorOptions) {
    this.plan = makePlan(definition);
    const { objects } = definition;
    this.engagementRoles = objects.Engagement.roles;
    this.leadRoles = objects.Lead.roles;
    this.contactRoles = objects.Contact.roles;
    this.opportunityRoles = objects.Opportunity.roles;
    this.activationRecordType = definition.activationRecordType;
    const fastPath = (object: ObjectName) => {
      const isNormal = objects[object].isNormal;
      return typeof isNormal === 'function' ? { isNormal } : {};
    };
    this.engagementShape = new RecordShape({
      object: 'Engagement',
      fields: objects.Engagement.fields,
      idField: objects.Engagement.roles.id,
      requiredInstant: objects.Engagement.roles.created,
      ...fastPath('Engagement'),
    });
    const versioned = (object: 'Lead' | 'Contact' | 'Opportunity') =>
      new RecordShape({ object, fields: objects[object].fields, idField: objects[object].roles.id, validFrom: objects[object].roles.validFrom, ...fastPath(object) });
    this.leadShape = versioned('Lead');
    this.contactShape = versioned('Contact');
    this.opportunityShape = versioned('Opportunity');
    if (options.restore !== undefined) {
      restoreSnapshot(options.restore, this.plan, this.journeys, this.opps);
    }
  }

  // ---------------------------------------------------------------- upsert

  upsert(object: ObjectName, record: object): void {
    switch (object) {
      case 'Lead':
        this.upsertPerson(this.leadShape, record, RANK_LEAD, this.plan.lead2, this.plan.lead3, this.leadRoles);
        break;
      case 'Contact':
        this.upsertPerson(this.contactShape, record, RANK_CONTACT, this.plan.contact2, this.plan.contact3, this.contactRoles);
        break;
      case 'Opportunity':
        this.upsertOpportunity(record);
        break;
      case 'Engagement':
        this.upsertEngagement(record);
        break;
      default: {
        const id = typeof record === 'object' && record !== null ? (record as Record<string, unknown>).Id : undefined;
        throw new RecordError(String(object), typeof id === 'string' ? id : null, null, `unknown object (expected one of Engagement, Lead, Contact, Opportunity)`);
      }
    }
    if (this.touchedJourneys.length > 0 || this.touchedOpps.length > 0) this.emit();
  }

  /** §4.2 stage 2/3 direct candidates of a Lead or Contact version. */
  private upsertPerson(
    shape: RecordShape,
    input: object,
    rank: number,
    p2: RecordPredicate | null,
    p3: RecordPredicate | null,
    roles: PersonRoles,
  ): void {
    const r = shape.normalise(input);
    const activation = r[roles.currentActivation];
    if (typeof activation !== 'string') return; // no journey: no candidate
    const meets2 = p2 !== null && p2(r);
    const meets3 = p3 !== null && p3(r);
    if (!meets2 && !meets3) return;
    const t = shape.instant;
    const owner = (r[roles.owner] as string | null | undefined) ?? null;
    const journeys = this.journeys;
    const j = journeys.slot(activation);
    const kind = journeys.kind(j);
    if (kind === OTHER) return; // Influencing engagement: yields nothing
    if (kind === UNKNOWN) {
      // The engagement has not arrived: keep the candidates until its CreatedDate is known.
      let list = journeys.pending.get(j);
      if (list === undefined) journeys.pending.set(j, (list = []));
      if (meets2) addPending(list, { t, stage: 2, rank, owner });
      if (meets3) addPending(list, { t, stage: 3, rank, owner });
      return;
    }
    if (t < journeys.created(j)) return; // before the journey: never inside its window
    if (meets2 && this.betterDirect(j, 2, t, rank, owner)) {
      this.touchJourney(j);
      this.setDirect(j, 2, t, rank, owner);
    }
    if (meets3 && this.betterDirect(j, 3, t, rank, owner)) {
      this.touchJourney(j);
      this.setDirect(j, 3, t, rank, owner);
    }
  }

  /** Whether candidate (t, stage, rank, owner) is less than journey j's stored best of that stage. */
  private betterDirect(j: number, stage: 2 | 3, t: number, rank: number, owner: string | null): boolean {
    const js = this.journeys;
    const bt = js.candidateT(j, stage);
    if (bt !== bt || t < bt) return true;
    if (t > bt) return false;
    // Equal (t, rank, owner): the same stamp whichever person it came from; keep the stored one.
    const storedRank = js.candidateRank(j, stage);
    if (rank !== storedRank) return rank < storedRank;
    return compareOwners(owner, js.candidateOwner(j, stage)) < 0;
  }

  private setDirect(j: number, stage: 2 | 3, t: number, rank: number, owner: string | null): void {
    this.journeys.setCandidate(j, stage, t, rank, owner);
  }

  private upsertEngagement(input: object): void {
    const shape = this.engagementShape;
    const r = shape.normalise(input);
    const created = shape.instant;
    const roles = this.engagementRoles;
    const id = r[roles.id] as string;
    const completedValue = r[roles.completed];
    const completion = typeof completedValue === 'string' ? parseCanonicalInstant(completedValue) : Infinity;
    const isActivation = r[roles.recordType] === this.activationRecordType;
    const owner = (r[roles.owner] as string | null | undefined) ?? null;
    const journeys = this.journeys;
    const j = journeys.slot(id);
    if (journeys.kind(j) !== UNKNOWN) {
      // A re-delivery or an update (the journey completing). What decided which candidates
      // were kept must not change, or the kept state would no longer be exact.
      const wasActivation = journeys.kind(j) === ACTIVATION;
      if (wasActivation !== isActivation) {
        throw new RecordError('Engagement', id, roles.recordType, `cannot change between ${JSON.stringify(this.activationRecordType)} and another record type once upserted`);
      }
      if (isActivation && journeys.created(j) !== created) {
        throw new RecordError('Engagement', id, roles.created, `cannot change once upserted (was ${formatInstant(journeys.created(j))})`);
      }
      if (journeys.completion(j) === completion && journeys.owner(j) === owner && journeys.created(j) === created) return;
      this.touchJourney(j);
      journeys.setEngagement(j, journeys.kind(j), created, completion, owner);
      return;
    }
    this.touchJourney(j);
    journeys.setEngagement(j, isActivation ? ACTIVATION : OTHER, created, completion, owner);
    if (journeys.pending.size > 0) {
      const pending = journeys.pending.get(j);
      if (pending !== undefined) {
        journeys.pending.delete(j);
        if (isActivation) {
          for (const c of pending) {
            if (c.t >= created && this.betterDirect(j, c.stage as 2 | 3, c.t, c.rank, c.owner)) {
              this.setDirect(j, c.stage as 2 | 3, c.t, c.rank, c.owner);
            }
          }
        }
      }
    }
    if (isActivation) this.journeyOrder = null;
  }

  /** §4.2 stages 4–6 of an Opportunity version, and its attribution. */
  private upsertOpportunity(input: object): void {
    const shape = this.opportunityShape;
    const r = shape.normalise(input);
    const t = shape.instant;
    const plan = this.plan;
    const roles = this.opportunityRoles;
    const id = r[roles.id] as string;
    const owner = (r[roles.owner] as string | null | undefined) ?? null;
    const activationValue = r[roles.activation];
    const activation = typeof activationValue === 'string' ? activationValue : null;
    const meets5 = plan.opportunity5 !== null && plan.opportunity5(r);
    const meets6 = plan.opportunity6 !== null && plan.opportunity6(r);
    const follows = plan.dateFollows;
    const opps = this.opps;
    const journeys = this.journeys;
    let o = opps.find(id);
    if (o < 0) {
      o = opps.add(id);
      this.opportunityOrder = null;
      this.touchOpportunity(o);
      opps.setCandidate(o, 4, t, owner);
      opps.setLatest(o, t, follows === null ? NaN : dateValue(r[follows]));
      if (meets5) opps.setCandidate(o, 5, t, owner);
      if (meets6) opps.setCandidate(o, 6, t, owner);
      if (activation !== null) {
        const j = journeys.slot(activation);
        this.touchJourney(j);
        opps.attach(o, j, journeys);
      }
      return;
    }
    // Earliest version: stage 4 and the attribution (a late earlier version can move both).
    const t4 = opps.t(o, 4);
    const earlier = t < t4 || (t === t4 && compareFirstVersion(owner, activation, opps.owner(o, 4), attributedId(opps.journey(o), journeys)) < 0);
    // Latest version: its date-follows value (§4.4). Read only when it can matter.
    const latestT = opps.latestT(o);
    let date = NaN;
    let later = false;
    if (follows === null) later = t > latestT;
    else if (t >= latestT) {
      date = dateValue(r[follows]);
      later = t > latestT || compareDates(date, opps.latestDate(o)) > 0;
    }
    const better5 = meets5 && betterOwn(t, owner, opps, o, 5);
    const better6 = meets6 && betterOwn(t, owner, opps, o, 6);
    if (!earlier && !later && !better5 && !better6) return; // nothing this version can change
    this.touchOpportunity(o);
    if (earlier) {
      const oldJourney = opps.journey(o);
      if (oldJourney >= 0) this.touchJourney(oldJourney);
      opps.setCandidate(o, 4, t, owner);
      const newJourney = activation === null ? -1 : journeys.slot(activation);
      if (newJourney !== oldJourney) {
        opps.detach(o, journeys);
        if (newJourney >= 0) {
          this.touchJourney(newJourney);
          opps.attach(o, newJourney, journeys);
        }
      }
    }
    if (later) opps.setLatest(o, t, date);
    if (better5) opps.setCandidate(o, 5, t, owner);
    if (better6) opps.setCandidate(o, 6, t, owner);
  }

  // ---------------------------------------------------------------- events and caches

  private touchJourney(j: number): void {
    this.lastResult = null;
    if (j < this.journeyRows.length) this.journeyRows[j] = undefined;
    if (this.stampListeners.length + this.unstampListeners.length === 0) return;
    if (this.touchedJourneys.includes(j)) return;
    this.touchedJourneys.push(j);
    this.journeysBefore.push(journeyStamps(this.plan, j, this.journeys, this.opps));
  }

  private touchOpportunity(o: number): void {
    this.lastResult = null;
    if (o < this.opportunityRows.length) this.opportunityRows[o] = undefined;
    if (this.stampListeners.length + this.unstampListeners.length === 0) return;
    if (this.touchedOpps.includes(o)) return;
    this.touchedOpps.push(o);
    this.oppsBefore.push(opportunityStamps(this.plan, o, this.opps));
  }

  /** Diffs the touched records' stamps and notifies listeners (after the state is updated). */
  private emit(): void {
    const changes: [StampRow | null, StampRow | null][] = [];
    const journeys = this.touchedJourneys;
    const opps = this.touchedOpps;
    for (let i = 0; i < journeys.length; i++) {
      const j = journeys[i];
      diff('engagement', this.journeys.id(j), this.plan, this.journeysBefore[i], journeyStamps(this.plan, j, this.journeys, this.opps), changes);
    }
    for (let i = 0; i < opps.length; i++) {
      const o = opps[i];
      diff('opportunity', this.opps.id(o), this.plan, this.oppsBefore[i], opportunityStamps(this.plan, o, this.opps), changes);
    }
    this.touchedJourneys = [];
    this.journeysBefore = [];
    this.touchedOpps = [];
    this.oppsBefore = [];
    // Every listener hears every change even if one throws; the first error is rethrown after.
    let failure: { error: unknown } | null = null;
    for (const [now, previous] of changes) {
      if (now !== null) {
        for (const listener of [...this.stampListeners]) {
          try {
            listener(now, previous);
          } catch (error) {
            failure ??= { error };
          }
        }
      } else if (previous !== null) {
        for (const listener of [...this.unstampListeners]) {
          try {
            listener(previous);
          } catch (error) {
            failure ??= { error };
          }
        }
      }
    }
    if (failure !== null) throw failure.error;
  }

  on(event: 'stamp', listener: StampListener): () => void;
  on(event: 'unstamp', listener: UnstampListener): () => void;
  on(event: 'stamp' | 'unstamp', listener: StampListener | UnstampListener): () => void {
    const list: (StampListener | UnstampListener)[] =
      event === 'stamp' ? this.stampListeners : event === 'unstamp' ? this.unstampListeners : badEvent(event);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    list.push(listener);
    return () => {
      const at = list.indexOf(listener);
      if (at >= 0) list.splice(at, 1);
    };
  }

  // ---------------------------------------------------------------- output

  stamps(): StampRow[] {
    if (this.lastResult !== null) return this.lastResult.slice();
    const journeys = this.journeys;
    const opps = this.opps;
    this.journeyOrder ??= sortedIndices((j) => journeys.id(j), journeys.count, (j) => journeys.kind(j) === ACTIVATION);
    this.opportunityOrder ??= sortedIndices((o) => opps.id(o), opps.count, () => true);
    if (this.journeyRows.length < journeys.count) this.journeyRows.length = journeys.count;
    if (this.opportunityRows.length < opps.count) this.opportunityRows.length = opps.count;
    const out: StampRow[] = [];
    for (const j of this.journeyOrder) {
      let rows = this.journeyRows[j];
      if (rows === undefined) {
        rows = toRows('engagement', journeys.id(j), this.plan, journeyStamps(this.plan, j, journeys, opps));
        this.journeyRows[j] = rows;
      }
      for (const row of rows) out.push(row);
    }
    for (const o of this.opportunityOrder) {
      let rows = this.opportunityRows[o];
      if (rows === undefined) {
        rows = toRows('opportunity', opps.id(o), this.plan, opportunityStamps(this.plan, o, opps));
        this.opportunityRows[o] = rows;
      }
      for (const row of rows) out.push(row);
    }
    this.lastResult = out;
    return out.slice();
  }

  snapshot(): EvaluatorSnapshot {
    return takeSnapshot(this.plan, this.journeys, this.opps);
  }
}

function badEvent(event: unknown): never {
  throw new TypeError(`unknown event ${JSON.stringify(event)} (expected 'stamp' or 'unstamp')`);
}

function addPending(list: Candidate[], c: Candidate): void {
  for (const p of list) {
    if (p.t === c.t && p.stage === c.stage && p.rank === c.rank && p.owner === c.owner) return;
  }
  list.push(c);
}

/** Epoch ms of a normalised date-follows value (a `date` or `datetime` field), NaN for null. */
function dateValue(v: unknown): number {
  if (typeof v !== 'string') return NaN;
  return v.length === 10 ? parseDate(v) : parseCanonicalInstant(v);
}

/** NaN (null) sorts lowest. */
function compareDates(a: number, b: number): number {
  if (a === b) return 0;
  if (a !== a) return -1;
  if (b !== b) return 1;
  return a < b ? -1 : 1;
}

function attributedId(j: number, journeys: JourneyTable): string | null {
  return j < 0 ? null : journeys.id(j);
}

/**
 * Two versions of one opportunity with the same valid_from are bad data (§3); should they
 * arrive, the earliest version is chosen by owner then attribution (nulls last) so the
 * result still does not depend on arrival order.
 */
function compareFirstVersion(ownerA: string | null, actA: string | null, ownerB: string | null, actB: string | null): number {
  const byOwner = compareOwners(ownerA, ownerB);
  if (byOwner !== 0) return byOwner;
  return compareOwners(actA, actB);
}

/** Whether (t, owner) is less than the stored candidate (bt NaN = none) of the opportunity's own stage. */
function betterOwn(t: number, owner: string | null, opps: OpportunityTable, o: number, stage: 5 | 6): boolean {
  const bt = opps.t(o, stage);
  if (bt !== bt || t < bt) return true;
  return t === bt && compareOwners(owner, opps.owner(o, stage)) < 0; // the owner is read only on a tie
}

/** Surrogates and U+E000–U+FFFF: the only code units where UTF-16 order differs from code point order. */
const UTF16_ORDER_DIFFERS = /[\uD800-\uFFFF]/;

/** Indices of the chosen records sorted by id in code point order (§4.5). */
function sortedIndices(idOf: (i: number) => string, count: number, include: (i: number) => boolean): Int32Array {
  const chosen: number[] = [];
  const ids: string[] = [];
  let plain = true;
  for (let i = 0; i < count; i++) {
    if (!include(i)) {
      ids.push('');
      continue;
    }
    ids.push(idOf(i));
    chosen.push(i);
    if (plain && UTF16_ORDER_DIFFERS.test(ids[i])) plain = false;
  }
  // Native `<` agrees with code point order unless an id holds a surrogate or U+E000–U+FFFF,
  // and is much faster than comparing in a JavaScript loop.
  chosen.sort(plain ? (a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0) : (a, b) => compareCodePoints(ids[a], ids[b]));
  return Int32Array.from(chosen);
}

function toRows(object: StampRow['object'], recordId: string, plan: Plan, stamps: readonly ResolvedStamp[]): readonly StampRow[] {
  if (stamps.length === 0) return EMPTY_ROWS;
  return stamps.map((s) => ({
    object,
    record_id: recordId,
    stage: s.stage,
    label: plan.labels[s.stage],
    stage_date: formatInstant(s.t),
    owner_id: s.owner,
    inferred: s.inferred,
  }));
}

function diff(
  object: StampRow['object'],
  recordId: string,
  plan: Plan,
  before: readonly ResolvedStamp[],
  after: readonly ResolvedStamp[],
  changes: [StampRow | null, StampRow | null][],
): void {
  const row = (s: ResolvedStamp): StampRow => toRows(object, recordId, plan, [s])[0];
  for (const a of after) {
    const b = before.find((x) => x.stage === a.stage);
    if (b === undefined) changes.push([row(a), null]);
    else if (!sameStamp(a, b)) changes.push([row(a), row(b)]);
  }
  for (const b of before) {
    if (!after.some((x) => x.stage === b.stage)) changes.push([null, row(b)]);
  }
}
