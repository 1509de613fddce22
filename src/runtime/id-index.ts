/**
 * Dense indices for string ids, kept off the JavaScript heap.
 *
 * Why not a `Map<string, number>`: the evaluator holds hundreds of thousands of ids for as long
 * as it lives. In a Map every id is a heap string plus a hash-table entry the garbage collector
 * must trace on every major collection, and each growth of the table rehashes all of it into
 * fresh memory. Here an id's UTF-16 code units are copied into 64 KiB character pages, and the
 * hash table is split into 64 shards (by the hash's top bits) of (hash, index + 1) pairs in
 * `Int32Array`s, each rehashed on its own: no object per id, nothing for the collector to
 * trace, no large allocation, no pause that grows with the whole index. The input string is not
 * retained.
 *
 * Ids are compared exactly (every code unit, lone surrogates included); `idOf` returns an equal
 * string. Linear probing, load factor at most one half per shard.
 */
import { I32Pages } from './pages.js';

const SHARD_BITS = 6;
const SHARDS = 1 << SHARD_BITS;
const INITIAL_SHARD_SLOTS = 16;
/** Characters per page (64 KiB); a longer id gets a page of its own. */
const CHAR_PAGE_SHIFT = 15;
const CHAR_PAGE = 1 << CHAR_PAGE_SHIFT;

/** FNV-1a over the UTF-16 code units, with a final avalanche so the low and high bits mix well. */
function hashOf(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

export class IdIndex {
  /** Number of ids; they are 0 … count − 1 in the order they were added. */
  count = 0;
  /** Whether the last `slot` call added the id. */
  added = false;
  private readonly charPages: Uint16Array[] = [];
  /** Next free character: page × CHAR_PAGE + offset. */
  private charEnd = 0;
  /** Per id: its first character's position, and its length. */
  private readonly starts = new I32Pages();
  private readonly lengths = new I32Pages();
  /** Per shard: pairs (hash, index + 1), index + 1 = 0 marking an empty slot. */
  private readonly shards: Int32Array[] = [];
  private readonly shardCounts = new Int32Array(SHARDS);

  constructor() {
    for (let i = 0; i < SHARDS; i++) this.shards.push(new Int32Array(INITIAL_SHARD_SLOTS * 2));
  }

  /** Index of `id`, or -1 when it is not known. */
  find(id: string): number {
    const h = hashOf(id);
    const table = this.shards[h >>> (32 - SHARD_BITS)];
    const mask = (table.length >> 1) - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const entry = table[2 * s + 1];
      if (entry === 0) return -1;
      if (table[2 * s] === h && this.equals(entry - 1, id)) return entry - 1;
    }
  }

  /** Index of `id`, adding it when new (`added` tells which). */
  slot(id: string): number {
    const h = hashOf(id);
    const shard = h >>> (32 - SHARD_BITS);
    const table = this.shards[shard];
    const mask = (table.length >> 1) - 1;
    let s = h & mask;
    for (; ; s = (s + 1) & mask) {
      const entry = table[2 * s + 1];
      if (entry === 0) break;
      if (table[2 * s] === h && this.equals(entry - 1, id)) {
        this.added = false;
        return entry - 1;
      }
    }
    const i = this.append(id);
    table[2 * s] = h;
    table[2 * s + 1] = i + 1;
    this.added = true;
    if (2 * ++this.shardCounts[shard] > mask + 1) this.shards[shard] = rehashed(table);
    return i;
  }

  /** The id at index `i`, as a string (built on demand: for output and rare tie-breaks). */
  idOf(i: number): string {
    const start = this.starts.get(i);
    const length = this.lengths.get(i);
    const page = this.charPages[start >>> CHAR_PAGE_SHIFT];
    const from = start & (CHAR_PAGE - 1);
    // fromCharCode over a typed-array view, in slices that stay below engines' argument limits.
    const SLICE = 8192;
    if (length <= SLICE) return String.fromCharCode.apply(null, page.subarray(from, from + length) as unknown as number[]);
    let out = '';
    for (let at = 0; at < length; at += SLICE) {
      out += String.fromCharCode.apply(null, page.subarray(from + at, from + Math.min(length, at + SLICE)) as unknown as number[]);
    }
    return out;
  }

  private equals(i: number, id: string): boolean {
    if (this.lengths.get(i) !== id.length) return false;
    const start = this.starts.get(i);
    const page = this.charPages[start >>> CHAR_PAGE_SHIFT];
    const from = start & (CHAR_PAGE - 1);
    for (let k = 0; k < id.length; k++) if (page[from + k] !== id.charCodeAt(k)) return false;
    return true;
  }

  private append(id: string): number {
    const i = this.count++;
    this.starts.ensure(i + 1, 0);
    this.lengths.ensure(i + 1, 0);
    let start = this.charEnd;
    let from = start & (CHAR_PAGE - 1);
    if (start >>> CHAR_PAGE_SHIFT >= this.charPages.length || from + id.length > CHAR_PAGE) {
      // Start a new page (an id longer than a page gets one of exactly its size).
      this.charPages.push(new Uint16Array(Math.max(CHAR_PAGE, id.length)));
      start = (this.charPages.length - 1) * CHAR_PAGE;
      from = 0;
    }
    const page = this.charPages[start >>> CHAR_PAGE_SHIFT];
    for (let k = 0; k < id.length; k++) page[from + k] = id.charCodeAt(k);
    // An oversized page is full: the next id starts on a new one.
    this.charEnd = id.length >= CHAR_PAGE ? this.charPages.length * CHAR_PAGE : start + id.length;
    this.starts.set(i, start);
    this.lengths.set(i, id.length);
    return i;
  }
}

/** A shard twice the size with the same entries. */
function rehashed(old: Int32Array): Int32Array {
  const slots = old.length; // pairs → twice the slots
  const table = new Int32Array(slots * 2);
  const mask = slots - 1;
  for (let s = 0; s < old.length; s += 2) {
    const entry = old[s + 1];
    if (entry === 0) continue;
    const h = old[s];
    let t = h & mask;
    while (table[2 * t + 1] !== 0) t = (t + 1) & mask;
    table[2 * t] = h;
    table[2 * t + 1] = entry;
  }
  return table;
}

/**
 * Owner ids (users and queues: few, repeated on every record) as small integers, -1 for null.
 * One shared string per owner; a Map is right here because the set stays small.
 */
export class OwnerTable {
  private readonly index = new Map<string, number>();
  private readonly names: string[] = [];

  intern(owner: string | null): number {
    if (owner === null) return -1;
    const found = this.index.get(owner);
    if (found !== undefined) return found;
    const i = this.names.length;
    this.names.push(owner);
    this.index.set(owner, i);
    return i;
  }

  name(i: number): string | null {
    return i < 0 ? null : this.names[i];
  }
}
