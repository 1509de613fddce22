/**
 * The evaluator's state, laid out as columns to stay compact and cheap to grow: a journey or
 * an opportunity is an index into a few typed arrays (instants as unboxed doubles, with a fixed
 * stride per record) and one plain array of shared strings — no per-record objects, no
 * per-version objects. Adding a record touches four arrays, not one per attribute.
 */
import type { Candidate } from './candidate.js';

/** What an engagement id is known to be. */
export const UNKNOWN = 0; // referenced (by a version or an opportunity) but not upserted yet
export const ACTIVATION = 1; // a journey
export const OTHER = 2; // an Influencing (or other non-Activation) engagement: never stamped

const INITIAL = 64;

function grownF64(a: Float64Array<ArrayBuffer>, need: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function grownU8(a: Uint8Array<ArrayBuffer>, need: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

function grownI32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

// JourneyTable columns. times: stride 4; strings: stride 6; flags: kind | rank2 << 2 | rank3 << 3.
const J_TIMES = 4;
const J_CREATED = 0;
const J_COMPLETION = 1;
const J_T2 = 2;
const J_T3 = 3;
const J_STRINGS = 6;
const J_ID = 0;
const J_OWNER = 1;
const J_OWNER2 = 2;
const J_SOURCE2 = 3;
const J_OWNER3 = 4;
const J_SOURCE3 = 5;
const KIND_MASK = 3;

/**
 * One row per engagement id seen (upserted or referenced). For a journey it keeps, per
 * direct stage 2 and 3, only the least candidate with `t >= CreatedDate` (SPEC §4.2/§4.3):
 * the order key starts with t, so whatever `CompletionDate` is or becomes, the least candidate
 * inside the window is that one when its `t < CompletionDate`, and there is none otherwise.
 */
export class JourneyTable {
  count = 0;
  readonly index = new Map<string, number>();
  private capacity = INITIAL;
  private times = new Float64Array(INITIAL * J_TIMES);
  private flags = new Uint8Array(INITIAL);
  /** Head of the list of opportunities attributed to this id (index into OpportunityTable; -1 = none). */
  private firstOpportunities = new Int32Array(INITIAL);
  private readonly strings: (string | null)[] = [];
  /**
   * Direct candidates (stages 2/3) of versions that arrived before their engagement, by
   * journey index. Kept whole: which of them count depends on the CreatedDate still to come.
   */
  readonly pending = new Map<number, Candidate[]>();

  /** Index of `id`, adding an UNKNOWN row when new. */
  slot(id: string): number {
    const found = this.index.get(id);
    if (found !== undefined) return found;
    const j = this.count++;
    if (j >= this.capacity) {
      this.capacity *= 2;
      this.times = grownF64(this.times, this.capacity * J_TIMES);
      this.flags = grownU8(this.flags, this.capacity);
      this.firstOpportunities = grownI32(this.firstOpportunities, this.capacity);
    }
    this.index.set(id, j);
    const b = j * J_TIMES;
    const times = this.times;
    times[b + J_CREATED] = NaN;
    times[b + J_COMPLETION] = Infinity;
    times[b + J_T2] = NaN;
    times[b + J_T3] = NaN;
    this.flags[j] = UNKNOWN;
    this.firstOpportunities[j] = -1;
    this.strings.push(id, null, null, null, null, null);
    return j;
  }

  id(j: number): string {
    return this.strings[j * J_STRINGS + J_ID] as string;
  }
  kind(j: number): number {
    return this.flags[j] & KIND_MASK;
  }
  created(j: number): number {
    return this.times[j * J_TIMES + J_CREATED];
  }
  /** `CompletionDate` in epoch ms; Infinity while the journey is open. */
  completion(j: number): number {
    return this.times[j * J_TIMES + J_COMPLETION];
  }
  owner(j: number): string | null {
    return this.strings[j * J_STRINGS + J_OWNER];
  }

  /** Records the engagement itself (kind, window, owner). */
  setEngagement(j: number, kind: number, created: number, completion: number, owner: string | null): void {
    this.flags[j] = (this.flags[j] & ~KIND_MASK) | kind;
    this.times[j * J_TIMES + J_CREATED] = created;
    this.times[j * J_TIMES + J_COMPLETION] = completion;
    this.strings[j * J_STRINGS + J_OWNER] = owner;
  }

  /** Best direct candidate of stage 2 or 3: its instant (NaN = none). */
  candidateT(j: number, stage: 2 | 3): number {
    return this.times[j * J_TIMES + (stage === 2 ? J_T2 : J_T3)];
  }
  candidateRank(j: number, stage: 2 | 3): number {
    return (this.flags[j] >> (stage === 2 ? 2 : 3)) & 1;
  }
  candidateOwner(j: number, stage: 2 | 3): string | null {
    return this.strings[j * J_STRINGS + (stage === 2 ? J_OWNER2 : J_OWNER3)];
  }
  candidateSource(j: number, stage: 2 | 3): string | null {
    return this.strings[j * J_STRINGS + (stage === 2 ? J_SOURCE2 : J_SOURCE3)];
  }

  setCandidate(j: number, stage: 2 | 3, t: number, rank: number, owner: string | null, source: string | null): void {
    const bit = stage === 2 ? 4 : 8;
    this.flags[j] = rank === 0 ? this.flags[j] & ~bit : this.flags[j] | bit;
    this.times[j * J_TIMES + (stage === 2 ? J_T2 : J_T3)] = t;
    const s = j * J_STRINGS;
    this.strings[s + (stage === 2 ? J_OWNER2 : J_OWNER3)] = owner;
    // Share the string when the other stage already holds the same source id.
    const other = this.strings[s + (stage === 2 ? J_SOURCE3 : J_SOURCE2)];
    this.strings[s + (stage === 2 ? J_SOURCE2 : J_SOURCE3)] = other === source ? other : source;
  }

  firstOpportunity(j: number): number {
    return this.firstOpportunities[j];
  }
  setFirstOpportunity(j: number, o: number): void {
    this.firstOpportunities[j] = o;
  }
}

// OpportunityTable columns. times: stride 5; links: stride 2; strings: stride 4.
const O_TIMES = 5;
const O_T4 = 0;
const O_T5 = 1;
const O_T6 = 2;
const O_LATEST_T = 3;
const O_LATEST_DATE = 4;
const O_LINKS = 2;
const O_JOURNEY = 0;
const O_NEXT = 1;
const O_STRINGS = 4;
const O_ID = 0;
const O_OWNER4 = 1;
const O_OWNER5 = 2;
const O_OWNER6 = 3;

/**
 * One row per opportunity: its earliest version (stage 4 and attribution), its least stage-5
 * and stage-6 candidates, and its latest version's instant and date-follows value (§4.4).
 */
export class OpportunityTable {
  count = 0;
  readonly index = new Map<string, number>();
  private capacity = INITIAL;
  private times = new Float64Array(INITIAL * O_TIMES);
  /** Journey index of the earliest version's ActivationId (-1 when null), and the next opportunity of that journey. */
  private links = new Int32Array(INITIAL * O_LINKS);
  private readonly strings: (string | null)[] = [];

  add(id: string): number {
    const o = this.count++;
    if (o >= this.capacity) {
      this.capacity *= 2;
      this.times = grownF64(this.times, this.capacity * O_TIMES);
      this.links = grownI32(this.links, this.capacity * O_LINKS);
    }
    this.index.set(id, o);
    const times = this.times;
    const b = o * O_TIMES;
    times[b + O_T4] = NaN;
    times[b + O_T5] = NaN;
    times[b + O_T6] = NaN;
    times[b + O_LATEST_T] = NaN;
    times[b + O_LATEST_DATE] = NaN;
    this.links[o * O_LINKS + O_JOURNEY] = -1;
    this.links[o * O_LINKS + O_NEXT] = -1;
    this.strings.push(id, null, null, null);
    return o;
  }

  id(o: number): string {
    return this.strings[o * O_STRINGS + O_ID] as string;
  }
  /** Stage k ∈ 4..6 candidate instant (NaN = none) and owner. */
  t(o: number, stage: 4 | 5 | 6): number {
    return this.times[o * O_TIMES + (stage === 4 ? O_T4 : stage === 5 ? O_T5 : O_T6)];
  }
  owner(o: number, stage: 4 | 5 | 6): string | null {
    return this.strings[o * O_STRINGS + (stage === 4 ? O_OWNER4 : stage === 5 ? O_OWNER5 : O_OWNER6)];
  }
  setCandidate(o: number, stage: 4 | 5 | 6, t: number, owner: string | null): void {
    this.times[o * O_TIMES + (stage === 4 ? O_T4 : stage === 5 ? O_T5 : O_T6)] = t;
    this.strings[o * O_STRINGS + (stage === 4 ? O_OWNER4 : stage === 5 ? O_OWNER5 : O_OWNER6)] = owner;
  }
  /** Greatest valid_from seen, and that version's date-follows value (epoch ms; NaN = null). */
  latestT(o: number): number {
    return this.times[o * O_TIMES + O_LATEST_T];
  }
  latestDate(o: number): number {
    return this.times[o * O_TIMES + O_LATEST_DATE];
  }
  setLatest(o: number, t: number, date: number): void {
    this.times[o * O_TIMES + O_LATEST_T] = t;
    this.times[o * O_TIMES + O_LATEST_DATE] = date;
  }
  journey(o: number): number {
    return this.links[o * O_LINKS + O_JOURNEY];
  }
  next(o: number): number {
    return this.links[o * O_LINKS + O_NEXT];
  }

  /** Links opportunity `o` into the attribution list of journey `j`. */
  attach(o: number, j: number, journeys: JourneyTable): void {
    this.links[o * O_LINKS + O_JOURNEY] = j;
    this.links[o * O_LINKS + O_NEXT] = journeys.firstOpportunity(j);
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
      else this.links[prev * O_LINKS + O_NEXT] = this.next(o);
    }
    this.links[o * O_LINKS + O_JOURNEY] = -1;
    this.links[o * O_LINKS + O_NEXT] = -1;
  }
}
