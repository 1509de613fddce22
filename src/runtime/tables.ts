/**
 * The evaluator's state, laid out as columns of typed-array pages (`pages.ts`): a journey or an
 * opportunity is an index into a column of instants (unboxed doubles) and a column of small
 * integers (flags, links, interned owners), each with a fixed stride. Ids live
 * in `IdIndex`es, owners in an `OwnerTable`. Nothing per record or per version is a JavaScript
 * object, so the state costs the garbage collector nothing to trace, and it grows a page at a
 * time without ever copying.
 */
import type { Candidate } from './candidate.js';
import { IdIndex, OwnerTable } from './id-index.js';
import { F64Pages, I32Pages } from './pages.js';

/** What an engagement id is known to be. */
export const UNKNOWN = 0; // referenced (by a version or an opportunity) but not upserted yet
export const ACTIVATION = 1; // a journey
export const OTHER = 2; // an Influencing (or other non-Activation) engagement: never stamped

// JourneyTable: instants (stride 4) and integers (stride 5; flags: kind | rank2 << 2 | rank3 << 3).
const J_TIMES = 4;
const J_CREATED = 0;
const J_COMPLETION = 1;
const J_T2 = 2;
const J_T3 = 3;
const J_INTS = 5;
const J_FLAGS = 0;
const J_FIRST_OPPORTUNITY = 1;
const J_OWNER = 2;
const J_OWNER2 = 3;
const J_OWNER3 = 4;
const KIND_MASK = 3;

/**
 * One row per engagement id seen (upserted or referenced). For a journey it keeps, per
 * direct stage 2 and 3, only the least candidate with `t >= CreatedDate` (SPEC §4.2/§4.3):
 * the order key starts with t, so whatever `CompletionDate` is or becomes, the least candidate
 * inside the window is that one when its `t < CompletionDate`, and there is none otherwise.
 * Of the candidate it keeps t, source rank and owner, not the source id: the key's last part
 * only decides between candidates equal in everything a stamp reports (docs/semantics.md).
 */
export class JourneyTable {
  private readonly ids = new IdIndex();
  private readonly times = new F64Pages();
  private readonly ints = new I32Pages();
  /**
   * Direct candidates (stages 2/3) of versions that arrived before their engagement, by
   * journey index. Kept whole: which of them count depends on the CreatedDate still to come.
   */
  readonly pending = new Map<number, Candidate[]>();

  constructor(private readonly owners: OwnerTable) {}

  get count(): number {
    return this.ids.count;
  }

  has(id: string): boolean {
    return this.ids.find(id) >= 0;
  }

  /** Index of `id`, adding an UNKNOWN row when new. */
  slot(id: string): number {
    const j = this.ids.slot(id);
    if (!this.ids.added) return j;
    const b = j * J_TIMES;
    const times = this.times;
    times.ensure(b + J_TIMES, NaN);
    times.set(b + J_COMPLETION, Infinity);
    // New integer pages are filled with -1 (no owner, source, opportunity); flags 0 = UNKNOWN.
    const i = j * J_INTS;
    this.ints.ensure(i + J_INTS, -1);
    this.ints.set(i + J_FLAGS, UNKNOWN);
    return j;
  }

  id(j: number): string {
    return this.ids.idOf(j);
  }
  kind(j: number): number {
    return this.ints.get(j * J_INTS + J_FLAGS) & KIND_MASK;
  }
  created(j: number): number {
    return this.times.get(j * J_TIMES + J_CREATED);
  }
  /** `CompletionDate` in epoch ms; Infinity while the journey is open. */
  completion(j: number): number {
    return this.times.get(j * J_TIMES + J_COMPLETION);
  }
  owner(j: number): string | null {
    return this.owners.name(this.ints.get(j * J_INTS + J_OWNER));
  }

  /** Records the engagement itself (kind, window, owner). */
  setEngagement(j: number, kind: number, created: number, completion: number, owner: string | null): void {
    const i = j * J_INTS;
    this.ints.set(i + J_FLAGS, (this.ints.get(i + J_FLAGS) & ~KIND_MASK) | kind);
    this.ints.set(i + J_OWNER, this.owners.intern(owner));
    this.times.set(j * J_TIMES + J_CREATED, created);
    this.times.set(j * J_TIMES + J_COMPLETION, completion);
  }

  /** Best direct candidate of stage 2 or 3: its instant (NaN = none). */
  candidateT(j: number, stage: 2 | 3): number {
    return this.times.get(j * J_TIMES + (stage === 2 ? J_T2 : J_T3));
  }
  candidateRank(j: number, stage: 2 | 3): number {
    return (this.ints.get(j * J_INTS + J_FLAGS) >> (stage === 2 ? 2 : 3)) & 1;
  }
  candidateOwner(j: number, stage: 2 | 3): string | null {
    return this.owners.name(this.ints.get(j * J_INTS + (stage === 2 ? J_OWNER2 : J_OWNER3)));
  }
  /** Stores a stage 2/3 candidate (`t` NaN clears it). */
  setCandidate(j: number, stage: 2 | 3, t: number, rank: number, owner: string | null): void {
    const bit = stage === 2 ? 4 : 8;
    const i = j * J_INTS;
    const flags = this.ints.get(i + J_FLAGS);
    this.ints.set(i + J_FLAGS, rank === 0 ? flags & ~bit : flags | bit);
    this.times.set(j * J_TIMES + (stage === 2 ? J_T2 : J_T3), t);
    this.ints.set(i + (stage === 2 ? J_OWNER2 : J_OWNER3), this.owners.intern(owner));
  }

  firstOpportunity(j: number): number {
    return this.ints.get(j * J_INTS + J_FIRST_OPPORTUNITY);
  }
  setFirstOpportunity(j: number, o: number): void {
    this.ints.set(j * J_INTS + J_FIRST_OPPORTUNITY, o);
  }
}

// OpportunityTable: instants (stride 5) and integers (stride 5).
const O_TIMES = 5;
const O_T4 = 0;
const O_T5 = 1;
const O_T6 = 2;
const O_LATEST_T = 3;
const O_LATEST_DATE = 4;
const O_INTS = 5;
/** Journey index of the earliest version's ActivationId (-1 when null). */
const O_JOURNEY = 0;
/** The next opportunity attributed to the same journey (-1 = none). */
const O_NEXT = 1;
const O_OWNER4 = 2;
const O_OWNER5 = 3;
const O_OWNER6 = 4;

/**
 * One row per opportunity: its earliest version (stage 4 and attribution), its least stage-5
 * and stage-6 candidates, and its latest version's instant and date-follows value (§4.4).
 */
export class OpportunityTable {
  private readonly ids = new IdIndex();
  private readonly times = new F64Pages();
  private readonly ints = new I32Pages();

  constructor(private readonly owners: OwnerTable) {}

  get count(): number {
    return this.ids.count;
  }

  /** Index of the opportunity `id`, or -1 when none was upserted. */
  find(id: string): number {
    return this.ids.find(id);
  }

  /** Adds a new opportunity (its id must not be known yet). */
  add(id: string): number {
    const o = this.ids.slot(id);
    // New pages: instants NaN (no candidate, no version yet), integers -1 (no journey, link, owner).
    this.times.ensure((o + 1) * O_TIMES, NaN);
    this.ints.ensure((o + 1) * O_INTS, -1);
    return o;
  }

  id(o: number): string {
    return this.ids.idOf(o);
  }
  /** Stage k ∈ 4..6 candidate instant (NaN = none) and owner. */
  t(o: number, stage: 4 | 5 | 6): number {
    return this.times.get(o * O_TIMES + (stage === 4 ? O_T4 : stage === 5 ? O_T5 : O_T6));
  }
  owner(o: number, stage: 4 | 5 | 6): string | null {
    return this.owners.name(this.ints.get(o * O_INTS + (stage === 4 ? O_OWNER4 : stage === 5 ? O_OWNER5 : O_OWNER6)));
  }
  setCandidate(o: number, stage: 4 | 5 | 6, t: number, owner: string | null): void {
    this.times.set(o * O_TIMES + (stage === 4 ? O_T4 : stage === 5 ? O_T5 : O_T6), t);
    this.ints.set(o * O_INTS + (stage === 4 ? O_OWNER4 : stage === 5 ? O_OWNER5 : O_OWNER6), this.owners.intern(owner));
  }
  /** Greatest valid_from seen, and that version's date-follows value (epoch ms; NaN = null). */
  latestT(o: number): number {
    return this.times.get(o * O_TIMES + O_LATEST_T);
  }
  latestDate(o: number): number {
    return this.times.get(o * O_TIMES + O_LATEST_DATE);
  }
  setLatest(o: number, t: number, date: number): void {
    this.times.set(o * O_TIMES + O_LATEST_T, t);
    this.times.set(o * O_TIMES + O_LATEST_DATE, date);
  }
  journey(o: number): number {
    return this.ints.get(o * O_INTS + O_JOURNEY);
  }
  next(o: number): number {
    return this.ints.get(o * O_INTS + O_NEXT);
  }

  /** Links opportunity `o` into the attribution list of journey `j`. */
  attach(o: number, j: number, journeys: JourneyTable): void {
    this.ints.set(o * O_INTS + O_JOURNEY, j);
    this.ints.set(o * O_INTS + O_NEXT, journeys.firstOpportunity(j));
    journeys.setFirstOpportunity(j, o);
  }

  /** Unlinks opportunity `o` from its journey's list (lists are short: a journey's opportunities). */
  detach(o: number, journeys: JourneyTable): void {
    const j = this.journey(o);
    if (j < 0) return;
    let prev = -1;
    let cur = journeys.firstOpportunity(j);
    while (cur !== o && cur >= 0) {
      prev = cur;
      cur = this.next(cur);
    }
    if (cur === o) {
      if (prev < 0) journeys.setFirstOpportunity(j, this.next(o));
      else this.ints.set(prev * O_INTS + O_NEXT, this.next(o));
    }
    this.ints.set(o * O_INTS + O_JOURNEY, -1);
    this.ints.set(o * O_INTS + O_NEXT, -1);
  }
}
