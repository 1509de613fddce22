/**
 * The evaluator's state, laid out as columns of typed-array pages (`pages.ts`): a journey or an
 * opportunity is an index into a column of instants (unboxed doubles) and a column of small
 * integers (flags, links, interned owners), each with a fixed stride. Ids live
 * in `IdIndex`es, owners in an `OwnerTable`. Nothing per record or per version is a JavaScript
 * object, so the state costs the garbage collector nothing to trace, and it grows a page at a
 * time without ever copying.
 */
import { SourceRank, type Candidate } from './candidate.js';
import { IdIndex, OwnerTable } from './id-index.js';
import { F64Pages, I32Pages } from './pages.js';

/** What an engagement id is known to be (stored in the low bits of a journey's flags; snapshots carry it as is). */
export const EngagementKind = {
  /** Referenced (by a version or an opportunity) but not upserted yet. */
  UNKNOWN: 0,
  /** A journey. */
  ACTIVATION: 1,
  /** An Influencing (or other non-Activation) engagement: never stamped. */
  OTHER: 2,
} as const;

/** A journey's row of instants: offsets, and the row length. */
const JourneyTime = { CREATED: 0, COMPLETION: 1, T2: 2, T3: 3, STRIDE: 4 } as const;
/** A journey's row of integers: offsets (owners are `OwnerTable` numbers), and the row length. */
const JourneyInt = { FLAGS: 0, FIRST_OPPORTUNITY: 1, OWNER: 2, OWNER2: 3, OWNER3: 4, STRIDE: 5 } as const;
/**
 * The flags integer: the engagement kind in the low two bits, then one bit per direct stage
 * holding its candidate's source rank — only Contact (0) and Lead (1) produce stage 2/3 candidates.
 */
const JourneyFlag = { KIND_MASK: 0b11, RANK2_SHIFT: 2, RANK3_SHIFT: 3 } as const;

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

  /** Index of `id`, or -1 when it was never upserted nor referenced. */
  find(id: string): number {
    return this.ids.find(id);
  }

  /** Index of `id`, adding an UNKNOWN row when new. */
  slot(id: string): number {
    const j = this.ids.slot(id);
    if (!this.ids.added) return j;
    const b = j * JourneyTime.STRIDE;
    const times = this.times;
    times.ensure(b + JourneyTime.STRIDE, NaN);
    times.set(b + JourneyTime.COMPLETION, Infinity);
    // New integer pages are filled with -1 (no owner, source, opportunity); flags 0 = UNKNOWN.
    const i = j * JourneyInt.STRIDE;
    this.ints.ensure(i + JourneyInt.STRIDE, -1);
    this.ints.set(i + JourneyInt.FLAGS, EngagementKind.UNKNOWN);
    return j;
  }

  id(j: number): string {
    return this.ids.idOf(j);
  }
  kind(j: number): number {
    return this.ints.get(j * JourneyInt.STRIDE + JourneyInt.FLAGS) & JourneyFlag.KIND_MASK;
  }
  created(j: number): number {
    return this.times.get(j * JourneyTime.STRIDE + JourneyTime.CREATED);
  }
  /** `CompletionDate` in epoch ms; Infinity while the journey is open. */
  completion(j: number): number {
    return this.times.get(j * JourneyTime.STRIDE + JourneyTime.COMPLETION);
  }
  owner(j: number): string | null {
    return this.owners.name(this.ints.get(j * JourneyInt.STRIDE + JourneyInt.OWNER));
  }

  /** Records the engagement itself (kind, window, owner). */
  setEngagement(j: number, kind: number, created: number, completion: number, owner: string | null): void {
    const i = j * JourneyInt.STRIDE;
    this.ints.set(i + JourneyInt.FLAGS, (this.ints.get(i + JourneyInt.FLAGS) & ~JourneyFlag.KIND_MASK) | kind);
    this.ints.set(i + JourneyInt.OWNER, this.owners.intern(owner));
    this.times.set(j * JourneyTime.STRIDE + JourneyTime.CREATED, created);
    this.times.set(j * JourneyTime.STRIDE + JourneyTime.COMPLETION, completion);
  }

  /** Best direct candidate of stage 2 or 3: its instant (NaN = none). */
  candidateT(j: number, stage: 2 | 3): number {
    return this.times.get(j * JourneyTime.STRIDE + (stage === 2 ? JourneyTime.T2 : JourneyTime.T3));
  }
  candidateRank(j: number, stage: 2 | 3): number {
    return (this.ints.get(j * JourneyInt.STRIDE + JourneyInt.FLAGS) >> (stage === 2 ? JourneyFlag.RANK2_SHIFT : JourneyFlag.RANK3_SHIFT)) & 1;
  }
  candidateOwner(j: number, stage: 2 | 3): string | null {
    return this.owners.name(this.ints.get(j * JourneyInt.STRIDE + (stage === 2 ? JourneyInt.OWNER2 : JourneyInt.OWNER3)));
  }
  /** Stores a stage 2/3 candidate (`t` NaN clears it). */
  setCandidate(j: number, stage: 2 | 3, t: number, rank: number, owner: string | null): void {
    const bit = 1 << (stage === 2 ? JourneyFlag.RANK2_SHIFT : JourneyFlag.RANK3_SHIFT);
    const i = j * JourneyInt.STRIDE;
    const flags = this.ints.get(i + JourneyInt.FLAGS);
    this.ints.set(i + JourneyInt.FLAGS, rank === SourceRank.CONTACT ? flags & ~bit : flags | bit);
    this.times.set(j * JourneyTime.STRIDE + (stage === 2 ? JourneyTime.T2 : JourneyTime.T3), t);
    this.ints.set(i + (stage === 2 ? JourneyInt.OWNER2 : JourneyInt.OWNER3), this.owners.intern(owner));
  }

  firstOpportunity(j: number): number {
    return this.ints.get(j * JourneyInt.STRIDE + JourneyInt.FIRST_OPPORTUNITY);
  }
  setFirstOpportunity(j: number, o: number): void {
    this.ints.set(j * JourneyInt.STRIDE + JourneyInt.FIRST_OPPORTUNITY, o);
  }
}

/** An opportunity's row of instants: offsets, and the row length. */
const OpportunityTime = { T4: 0, T5: 1, T6: 2, LATEST_T: 3, LATEST_DATE: 4, STRIDE: 5 } as const;
/** An opportunity's row of integers: offsets, and the row length. */
const OpportunityInt = {
  /** Journey index of the earliest version's ActivationId (-1 when null). */
  JOURNEY: 0,
  /** The next opportunity attributed to the same journey (-1 = none). */
  NEXT: 1,
  OWNER4: 2,
  OWNER5: 3,
  OWNER6: 4,
  STRIDE: 5,
} as const;

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
    this.times.ensure((o + 1) * OpportunityTime.STRIDE, NaN);
    this.ints.ensure((o + 1) * OpportunityInt.STRIDE, -1);
    return o;
  }

  id(o: number): string {
    return this.ids.idOf(o);
  }
  /** Stage k ∈ 4..6 candidate instant (NaN = none) and owner. */
  t(o: number, stage: 4 | 5 | 6): number {
    return this.times.get(o * OpportunityTime.STRIDE + (stage === 4 ? OpportunityTime.T4 : stage === 5 ? OpportunityTime.T5 : OpportunityTime.T6));
  }
  owner(o: number, stage: 4 | 5 | 6): string | null {
    return this.owners.name(this.ints.get(o * OpportunityInt.STRIDE + (stage === 4 ? OpportunityInt.OWNER4 : stage === 5 ? OpportunityInt.OWNER5 : OpportunityInt.OWNER6)));
  }
  setCandidate(o: number, stage: 4 | 5 | 6, t: number, owner: string | null): void {
    this.times.set(o * OpportunityTime.STRIDE + (stage === 4 ? OpportunityTime.T4 : stage === 5 ? OpportunityTime.T5 : OpportunityTime.T6), t);
    this.ints.set(o * OpportunityInt.STRIDE + (stage === 4 ? OpportunityInt.OWNER4 : stage === 5 ? OpportunityInt.OWNER5 : OpportunityInt.OWNER6), this.owners.intern(owner));
  }
  /** Greatest valid_from seen, and that version's date-follows value (epoch ms; NaN = null). */
  latestT(o: number): number {
    return this.times.get(o * OpportunityTime.STRIDE + OpportunityTime.LATEST_T);
  }
  latestDate(o: number): number {
    return this.times.get(o * OpportunityTime.STRIDE + OpportunityTime.LATEST_DATE);
  }
  setLatest(o: number, t: number, date: number): void {
    this.times.set(o * OpportunityTime.STRIDE + OpportunityTime.LATEST_T, t);
    this.times.set(o * OpportunityTime.STRIDE + OpportunityTime.LATEST_DATE, date);
  }
  journey(o: number): number {
    return this.ints.get(o * OpportunityInt.STRIDE + OpportunityInt.JOURNEY);
  }
  next(o: number): number {
    return this.ints.get(o * OpportunityInt.STRIDE + OpportunityInt.NEXT);
  }

  /** Links opportunity `o` into the attribution list of journey `j`. */
  attach(o: number, j: number, journeys: JourneyTable): void {
    this.ints.set(o * OpportunityInt.STRIDE + OpportunityInt.JOURNEY, j);
    this.ints.set(o * OpportunityInt.STRIDE + OpportunityInt.NEXT, journeys.firstOpportunity(j));
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
      else this.ints.set(prev * OpportunityInt.STRIDE + OpportunityInt.NEXT, this.next(o));
    }
    this.ints.set(o * OpportunityInt.STRIDE + OpportunityInt.JOURNEY, -1);
    this.ints.set(o * OpportunityInt.STRIDE + OpportunityInt.NEXT, -1);
  }
}
