/**
 * The `stage_stamps` rows (§4.5) from the stored state, with caches that make repeated
 * `stamps()` calls cheap: rows per record (dropped when an upsert touches the record), the sort
 * order per kind (dropped when a record of that kind appears), and the last whole result.
 * `eachStamp()` walks the same rows without building or caching them.
 */
import type { Plan } from './plan.js';
import { toRow, type StampedKind, type StampedKinds, type StampedRecords } from './records.js';
import { compareCodePoints, type StampRow } from './stamp.js';

const EMPTY_ROWS: readonly StampRow[] = [];

/** Cached rows of one kind of record. */
interface KindCache {
  /** By record index; undefined = not formatted since the record was last touched. */
  rows: (readonly StampRow[] | undefined)[];
  /** Listed records sorted by id; null = a record appeared since it was computed. */
  order: Int32Array | null;
}

export class OutputCache {
  private readonly caches: readonly KindCache[];
  private lastResult: StampRow[] | null = null;
  /** Counts upserts that changed a stamp during a walk, so an `eachStamp()` walk can tell. */
  private generation = 0;
  /** `eachStamp()` walks not yet ended. */
  private walks = 0;

  constructor(
    private readonly plan: Plan,
    private readonly kinds: StampedKinds,
  ) {
    this.caches = kinds.map(() => ({ rows: [], order: null }));
  }

  /** Record `i` of `kind` may have changed stamps (called before it changes). */
  invalidate(kind: StampedKind, i: number): void {
    this.lastResult = null;
    const rows = this.caches[kind].rows;
    if (i < rows.length) rows[i] = undefined;
  }

  /** A record of `kind` became listed (it has a stamp now): the sort order must be recomputed. */
  reorder(kind: StampedKind): void {
    this.caches[kind].order = null;
    this.generation++;
  }

  /** Whether an `eachStamp()` walk is under way: then the upserts' stamp changes must be told (`stampsMoved`). */
  walking(): boolean {
    return this.walks > 0;
  }

  /** An upsert changed a stamp: a walk under way ends at its next step. */
  stampsMoved(): void {
    this.generation++;
  }

  stamps(): StampRow[] {
    if (this.lastResult !== null) return this.lastResult.slice();
    const out: StampRow[] = [];
    for (let kind = 0; kind < this.kinds.length; kind++) {
      const records = this.kinds[kind];
      const cache = this.caches[kind];
      const order = (cache.order ??= sortedIndices(records));
      const cached = cache.rows;
      if (cached.length < records.count()) cached.length = records.count();
      for (const i of order) {
        let rows = cached[i];
        if (rows === undefined) cached[i] = rows = this.rowsOf(records, i);
        for (const row of rows) out.push(row);
      }
    }
    this.lastResult = out;
    return out.slice();
  }

  /**
   * The rows of `stamps()`, in its order, one at a time: what is cached is reused, nothing is
   * added to the caches, so memory stays bounded by the state (plus one sort order) however
   * many rows there are. Throws if the evaluator changes before the walk ends, since the order
   * and the rows already yielded would no longer describe one state.
   */
  eachStamp(): IterableIterator<StampRow> {
    const rows = this.rowsInOrder();
    let open = true;
    const end = (): void => {
      if (!open) return;
      open = false;
      this.walks--;
      WALKS_LEFT.unregister(walk);
    };
    const walk: IterableIterator<StampRow> = {
      next: () => {
        if (!open) return { done: true, value: undefined };
        try {
          const step = rows.next();
          if (step.done === true) end();
          return step;
        } catch (e) {
          end();
          throw e;
        }
      },
      return: (value?: unknown) => {
        end();
        rows.return?.();
        return { done: true, value: value as StampRow };
      },
      [Symbol.iterator]: () => walk,
    };
    this.walks++;
    // A walk dropped before its end (never finished nor returned) stops counting once collected.
    WALKS_LEFT.register(walk, this, walk);
    return walk;
  }

  /** A walk dropped unfinished was collected. */
  walkCollected(): void {
    this.walks--;
  }

  private *rowsInOrder(): Generator<StampRow, void, undefined> {
    const generation = this.generation;
    const changed = () => {
      if (this.generation !== generation) throw new Error('the evaluator changed while eachStamp() was iterating (an upsert during the walk)');
    };
    for (let kind = 0; kind < this.kinds.length; kind++) {
      const records = this.kinds[kind];
      const cache = this.caches[kind];
      const order = cache.order ?? sortedIndices(records);
      for (let k = 0; k < order.length; k++) {
        const i = order[k];
        const rows = cache.rows[i];
        if (rows !== undefined) {
          for (const row of rows) {
            yield row;
            changed();
          }
          continue;
        }
        const stamps = records.stamps(i);
        if (stamps.length === 0) continue;
        const id = records.id(i);
        for (const s of stamps) {
          yield Object.freeze(toRow(records.object, id, this.plan, s));
          changed();
        }
      }
    }
  }

  /**
   * Formatted rows of record `i`, frozen: `stamps()` hands out the cached rows themselves, so a
   * caller changing one (`row.stage_date = new Date(…)` in plain JavaScript) must not change
   * what later calls return.
   */
  rowsOf(records: StampedRecords, i: number): readonly StampRow[] {
    const stamps = records.stamps(i);
    if (stamps.length === 0) return EMPTY_ROWS;
    const id = records.id(i);
    return stamps.map((s) => Object.freeze(toRow(records.object, id, this.plan, s)));
  }
}

/** Counts down `walks` of a cache whose unfinished `eachStamp()` walk was garbage-collected. */
const WALKS_LEFT = new FinalizationRegistry<OutputCache>((cache) => cache.walkCollected());

/** Surrogates and U+E000–U+FFFF: the only code units where UTF-16 order differs from code point order. */
const UTF16_ORDER_DIFFERS = /[\uD800-\uFFFF]/;

/** Indices of the listed records sorted by id in code point order (§4.5). */
function sortedIndices(records: StampedRecords): Int32Array {
  const count = records.count();
  const chosen: number[] = [];
  const ids: string[] = [];
  let plain = true;
  for (let i = 0; i < count; i++) {
    if (!records.listed(i)) {
      ids.push('');
      continue;
    }
    ids.push(records.id(i));
    chosen.push(i);
    if (plain && UTF16_ORDER_DIFFERS.test(ids[i])) plain = false;
  }
  // Native `<` agrees with code point order unless an id holds a surrogate or U+E000–U+FFFF,
  // and is much faster than comparing in a JavaScript loop.
  chosen.sort(plain ? (a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0) : (a, b) => compareCodePoints(ids[a], ids[b]));
  return Int32Array.from(chosen);
}
