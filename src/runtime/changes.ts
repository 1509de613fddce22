/**
 * Stamp events (`on('stamp' | 'unstamp')`): the stamps of each record an upsert touches are
 * resolved before the state changes and again after, and the differences are told to the
 * listeners, and to whoever else asked (`watching`: an `eachStamp()` walk, which must end when
 * a stamp moves). With no one listening or watching nothing is resolved, so upserts pay nothing.
 */
import type { Plan } from './plan.js';
import { sameStamp, type ResolvedStamp } from './resolve.js';
import { toRow, type StampedKind, type StampedKinds, type StampedRecords } from './records.js';
import type { StampRow } from './stamp.js';

/** Fired when a stamp appears (`previous` null) or moves (its date, owner or inferred flag changes). */
export type StampListener = (stamp: StampRow, previous: StampRow | null) => void;
/**
 * Fired when a stamp disappears: a journey completing before its stage-2/3 candidate, or the
 * primary opportunity that back-filled a stage leaving the window or the journey.
 */
export type UnstampListener = (previous: StampRow) => void;

/** A change: the stamp now and before (null where there is none). */
type Change = [now: StampRow | null, previous: StampRow | null];

/** The records of one kind touched by the current upsert, with their stamps before it. */
interface Touched {
  indices: number[];
  before: (readonly ResolvedStamp[])[];
}

export class ChangeTracker {
  private readonly stampListeners: StampListener[] = [];
  private readonly unstampListeners: UnstampListener[] = [];
  private readonly touched: readonly Touched[];
  /** Whether any record was touched since the last `emit()`: most upserts return at this test. */
  private anyTouched = false;

  constructor(
    private readonly plan: Plan,
    private readonly kinds: StampedKinds,
    /** Whether the stamps must be compared even without listeners. */
    private readonly watching: () => boolean = () => false,
  ) {
    this.touched = kinds.map(() => ({ indices: [], before: [] }));
  }

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

  /** Record `i` of `kind` is about to change: remembers its stamps (once per upsert) when anyone listens or watches. */
  touch(kind: StampedKind, i: number): void {
    if (this.stampListeners.length + this.unstampListeners.length === 0 && !this.watching()) return;
    const touched = this.touched[kind];
    if (touched.indices.includes(i)) return;
    touched.indices.push(i);
    touched.before.push(this.kinds[kind].stamps(i));
    this.anyTouched = true;
  }

  /**
   * Diffs the touched records' stamps (call after the state is updated): `moved` is called when
   * any stamp changed, then the listeners hear each change.
   */
  emit(moved: () => void = () => undefined): void {
    if (!this.anyTouched) return;
    this.anyTouched = false;
    const changes: Change[] = [];
    for (let kind = 0; kind < this.kinds.length; kind++) {
      const { indices, before } = this.touched[kind];
      const records = this.kinds[kind];
      for (let k = 0; k < indices.length; k++) diff(records, indices[k], this.plan, before[k], records.stamps(indices[k]), changes);
      indices.length = 0;
      before.length = 0;
    }
    if (changes.length > 0) moved();
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
}

function badEvent(event: unknown): never {
  throw new TypeError(`unknown event ${JSON.stringify(event)} (expected 'stamp' or 'unstamp')`);
}

function diff(records: StampedRecords, i: number, plan: Plan, before: readonly ResolvedStamp[], after: readonly ResolvedStamp[], changes: Change[]): void {
  const id = records.id(i);
  const row = (s: ResolvedStamp): StampRow => toRow(records.object, id, plan, s);
  for (const a of after) {
    const b = before.find((x) => x.stage === a.stage);
    if (b === undefined) changes.push([row(a), null]);
    else if (!sameStamp(a, b)) changes.push([row(a), row(b)]);
  }
  for (const b of before) {
    if (!after.some((x) => x.stage === b.stage)) changes.push([null, row(b)]);
  }
}
