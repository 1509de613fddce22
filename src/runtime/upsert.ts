/**
 * The per-object upsert rules (SPEC §4.2): what a validated record changes in the kept state
 * (`tables.ts`, described in docs/runtime.md). Every record the state keeps stamps for is
 * reported to the `StateObserver` before it changes, so caches and events follow.
 */
import { compareOwners, SourceRank, type Candidate } from './candidate.js';
import type { EngagementRoles, EvaluatorDefinition, ObjectName, OpportunityRoles, PersonRoles } from './definition.js';
import { RecordError } from './errors.js';
import type { Plan, StageCriteria } from './plan.js';
import { Stamped, type StampedKind } from './records.js';
import { EngagementKind, type JourneyTable, type OpportunityTable } from './tables.js';
import { makeShapes, unknownObject, type RecordShape, type RecordShapes } from './validate.js';
import { formatInstant, parseCanonicalInstant, parseDate } from './values.js';

export interface StateObserver {
  /** Record `i` of `kind` is about to change (called before the change, at most a few times per upsert). */
  touch(kind: StampedKind, i: number): void;
  /** A record of `kind` became listed (a new journey or opportunity): the output order changes. */
  listed(kind: StampedKind): void;
}

export class UpsertRules {
  private readonly shapes: RecordShapes;
  private readonly idFields: readonly string[];
  // Role field names, resolved once (a customer schema may name them differently).
  private readonly leadRoles: PersonRoles;
  private readonly contactRoles: PersonRoles;
  private readonly engagementRoles: EngagementRoles;
  private readonly opportunityRoles: OpportunityRoles;
  private readonly activationRecordType: string;
  /** The record-type values that make an Engagement a journey (the ids, or the name itself). */
  private readonly activationValues: ReadonlySet<unknown>;

  constructor(
    private readonly plan: Plan,
    definition: EvaluatorDefinition,
    private readonly journeys: JourneyTable,
    private readonly opps: OpportunityTable,
    private readonly observer: StateObserver,
  ) {
    const { objects } = definition;
    this.shapes = makeShapes(definition);
    this.idFields = [...new Set([objects.Engagement.roles.id, objects.Lead.roles.id, objects.Contact.roles.id, objects.Opportunity.roles.id])];
    this.engagementRoles = objects.Engagement.roles;
    this.leadRoles = objects.Lead.roles;
    this.contactRoles = objects.Contact.roles;
    this.opportunityRoles = objects.Opportunity.roles;
    this.activationRecordType = definition.activationRecordType;
    this.activationValues = new Set(definition.activationRecordTypeIds ?? [definition.activationRecordType]);
  }

  /** Validates `record` completely, then applies it. Throws `RecordError` before changing anything. */
  apply(object: ObjectName, record: object): void {
    switch (object) {
      case 'Lead':
        return this.person(this.shapes.Lead, record, SourceRank.LEAD, this.plan.criteria.Lead, this.leadRoles);
      case 'Contact':
        return this.person(this.shapes.Contact, record, SourceRank.CONTACT, this.plan.criteria.Contact, this.contactRoles);
      case 'Opportunity':
        return this.opportunity(record);
      case 'Engagement':
        return this.engagement(record);
      default:
        throw unknownObject(object, record, this.idFields);
    }
  }

  /** §4.2 stage 2/3 direct candidates of a Lead or Contact version. */
  private person(shape: RecordShape, input: object, rank: number, criteria: StageCriteria, roles: PersonRoles): void {
    const r = shape.normalise(input);
    const activation = r[roles.currentActivation];
    if (typeof activation !== 'string') return; // no journey: no candidate
    const p2 = criteria[2];
    const p3 = criteria[3];
    const meets2 = p2 !== null && p2(r);
    const meets3 = p3 !== null && p3(r);
    if (!meets2 && !meets3) return;
    const t = shape.instant;
    const owner = (r[roles.owner] as string | null | undefined) ?? null;
    const journeys = this.journeys;
    const j = journeys.slot(activation);
    const kind = journeys.kind(j);
    if (kind === EngagementKind.OTHER) return; // Influencing engagement: yields nothing
    if (kind === EngagementKind.UNKNOWN) {
      // The engagement has not arrived: keep the candidates until its CreatedDate is known.
      let list = journeys.pending.get(j);
      if (list === undefined) journeys.pending.set(j, (list = []));
      if (meets2) addPending(list, { t, stage: 2, rank, owner });
      if (meets3) addPending(list, { t, stage: 3, rank, owner });
      return;
    }
    if (t < journeys.created(j)) return; // before the journey: never inside its window
    if (meets2 && this.betterDirect(j, 2, t, rank, owner)) {
      this.observer.touch(Stamped.JOURNEY, j);
      journeys.setCandidate(j, 2, t, rank, owner);
    }
    if (meets3 && this.betterDirect(j, 3, t, rank, owner)) {
      this.observer.touch(Stamped.JOURNEY, j);
      journeys.setCandidate(j, 3, t, rank, owner);
    }
  }

  /** Whether candidate (t, stage, rank, owner) is less than journey j's stored best of that stage. */
  private betterDirect(j: number, stage: 2 | 3, t: number, rank: number, owner: string | null): boolean {
    const js = this.journeys;
    const bt = js.candidateT(j, stage);
    if (Number.isNaN(bt) || t < bt) return true;
    if (t > bt) return false;
    // Equal (t, rank, owner): the same stamp whichever person it came from; keep the stored one.
    const storedRank = js.candidateRank(j, stage);
    if (rank !== storedRank) return rank < storedRank;
    return compareOwners(owner, js.candidateOwner(j, stage)) < 0;
  }

  private engagement(input: object): void {
    const shape = this.shapes.Engagement;
    const r = shape.normalise(input);
    const created = shape.instant;
    const roles = this.engagementRoles;
    const id = r[roles.id] as string;
    const completedValue = r[roles.completed];
    const completion = typeof completedValue === 'string' ? parseCanonicalInstant(completedValue) : Infinity;
    const isActivation = this.activationValues.has(r[roles.recordType]);
    const owner = (r[roles.owner] as string | null | undefined) ?? null;
    const journeys = this.journeys;
    const j = journeys.slot(id);
    const known = journeys.kind(j);
    if (known !== EngagementKind.UNKNOWN) {
      // A re-delivery or an update (the journey completing). What decided which candidates
      // were kept must not change, or the kept state would no longer be exact.
      const wasActivation = known === EngagementKind.ACTIVATION;
      if (wasActivation !== isActivation) {
        throw new RecordError('Engagement', id, roles.recordType, `cannot change between ${JSON.stringify(this.activationRecordType)} and another record type once upserted`);
      }
      if (isActivation && journeys.created(j) !== created) {
        throw new RecordError('Engagement', id, roles.created, `cannot change once upserted (was ${formatInstant(journeys.created(j))})`);
      }
      if (journeys.completion(j) === completion && journeys.owner(j) === owner && journeys.created(j) === created) return;
      this.observer.touch(Stamped.JOURNEY, j);
      journeys.setEngagement(j, known, created, completion, owner);
      return;
    }
    this.observer.touch(Stamped.JOURNEY, j);
    journeys.setEngagement(j, isActivation ? EngagementKind.ACTIVATION : EngagementKind.OTHER, created, completion, owner);
    if (journeys.pending.size > 0) {
      const pending = journeys.pending.get(j);
      if (pending !== undefined) {
        journeys.pending.delete(j);
        if (isActivation) {
          for (const c of pending) {
            const stage = c.stage as 2 | 3;
            if (c.t >= created && this.betterDirect(j, stage, c.t, c.rank, c.owner)) journeys.setCandidate(j, stage, c.t, c.rank, c.owner);
          }
        }
      }
    }
    if (isActivation) this.observer.listed(Stamped.JOURNEY);
  }

  /** §4.2 stages 4–6 of an Opportunity version, and its attribution. */
  private opportunity(input: object): void {
    const shape = this.shapes.Opportunity;
    const r = shape.normalise(input);
    const t = shape.instant;
    const plan = this.plan;
    const roles = this.opportunityRoles;
    const id = r[roles.id] as string;
    const owner = (r[roles.owner] as string | null | undefined) ?? null;
    const activationValue = r[roles.activation];
    const activation = typeof activationValue === 'string' ? activationValue : null;
    const criteria = plan.criteria.Opportunity;
    const p5 = criteria[5];
    const p6 = criteria[6];
    const meets5 = p5 !== null && p5(r);
    const meets6 = p6 !== null && p6(r);
    const follows = plan.dateFollows;
    const opps = this.opps;
    const journeys = this.journeys;
    const observer = this.observer;
    let o = opps.find(id);
    if (o < 0) {
      o = opps.add(id);
      observer.listed(Stamped.OPPORTUNITY);
      observer.touch(Stamped.OPPORTUNITY, o);
      opps.setCandidate(o, 4, t, owner);
      opps.setLatest(o, t, follows === null ? NaN : dateValue(r[follows]));
      if (meets5) opps.setCandidate(o, 5, t, owner);
      if (meets6) opps.setCandidate(o, 6, t, owner);
      if (activation !== null) {
        const j = journeys.slot(activation);
        observer.touch(Stamped.JOURNEY, j);
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
    observer.touch(Stamped.OPPORTUNITY, o);
    if (earlier) {
      const oldJourney = opps.journey(o);
      if (oldJourney >= 0) observer.touch(Stamped.JOURNEY, oldJourney);
      opps.setCandidate(o, 4, t, owner);
      const newJourney = activation === null ? -1 : journeys.slot(activation);
      if (newJourney !== oldJourney) {
        opps.detach(o, journeys);
        if (newJourney >= 0) {
          observer.touch(Stamped.JOURNEY, newJourney);
          opps.attach(o, newJourney, journeys);
        }
      }
    }
    if (later) opps.setLatest(o, t, date);
    if (better5) opps.setCandidate(o, 5, t, owner);
    if (better6) opps.setCandidate(o, 6, t, owner);
  }
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
  if (Number.isNaN(a)) return -1;
  if (Number.isNaN(b)) return 1;
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
  if (Number.isNaN(bt) || t < bt) return true;
  return t === bt && compareOwners(owner, opps.owner(o, stage)) < 0; // the owner is read only on a tie
}
