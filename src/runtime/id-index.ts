/**
 * Dense indices for string ids, kept off the JavaScript heap.
 *
 * Why not a `Map<string, number>`: the evaluator holds hundreds of thousands of ids for as long
 * as it lives. In a Map every id is a heap string plus a hash-table entry the garbage collector
 * must trace on every major collection, and each growth of the table rehashes all of it into
 * fresh memory. Here an id's code units are copied into 64 KiB byte pages — one byte per unit
 * when every unit is below 256 (ids are ASCII in practice), two otherwise — behind a length
 * header and the id's index, and the hash table is split into 64 shards (by the hash's top
 * bits) of (hash, position + 1) pairs in `Int32Array`s, each rehashed on its own. A lookup reads
 * one table slot and one run of bytes; there is no object per id, nothing for the collector to
 * trace, no large allocation and no pause that grows with the whole index. The input string is
 * not retained.
 *
 * Ids are compared exactly (every UTF-16 code unit, lone surrogates included); `idOf` returns
 * an equal string. Linear probing, load factor at most one half per shard.
 */
import { I32Pages } from './pages.js';

const SHARD_BITS = 6;
const SHARDS = 1 << SHARD_BITS;
const INITIAL_SHARD_SLOTS = 128;
/** Table entries: hash, position + 1 of the id's record (0 = empty slot). */
const ENTRY = 2;
/** Bytes per page (64 KiB); an id longer than a page gets a page of its own. */
const PAGE_SHIFT = 16;
const PAGE = 1 << PAGE_SHIFT;
const PAGE_MASK = PAGE - 1;
/**
 * A record: the id's index (four bytes, little-endian), then a header — one byte
 * `length << 1 | wide` when length < 127, else 255, the length in four bytes and the wide flag
 * in a fifth — then the code units (one byte each, or two when wide).
 */
const SHORT = 127;

/** Per-process seed: ids crafted to collide cannot be prepared in advance (V8's Map is seeded too). */
const SEED = (0x811c9dc5 ^ Math.floor(Math.random() * 0x100000000)) | 0;

/** FNV-1a over the UTF-16 code units, seeded, with a final avalanche so the low and high bits mix well. */
function hashOf(s: string): number {
  let h = SEED;
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
  private readonly pages: Uint8Array[] = [];
  /** Next free byte: page × PAGE + offset. */
  private end = 0;
  /** Per id: the position of its record. */
  private readonly positions = new I32Pages();
  private readonly shards: Int32Array[] = [];
  private readonly shardCounts = new Int32Array(SHARDS);

  // The header of the record last read by `readHeader` (fields, not a returned object, so the
  // lookup path allocates nothing).
  private length = 0;
  private wide = 0;
  /** Offset of the first code unit within its page. */
  private unitsAt = 0;

  constructor() {
    for (let i = 0; i < SHARDS; i++) this.shards.push(new Int32Array(INITIAL_SHARD_SLOTS * ENTRY));
  }

  /** Index of `id`, or -1 when it is not known. */
  find(id: string): number {
    const h = hashOf(id);
    const table = this.shards[h >>> (32 - SHARD_BITS)];
    const mask = table.length / ENTRY - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = s * ENTRY;
      const entry = table[e + 1];
      if (entry === 0) return -1;
      if (table[e] === h && this.equals(entry - 1, id)) return this.indexAt(entry - 1);
    }
  }

  /** Index of `id`, adding it when new (`added` tells which). */
  slot(id: string): number {
    const h = hashOf(id);
    const shard = h >>> (32 - SHARD_BITS);
    const table = this.shards[shard];
    const mask = table.length / ENTRY - 1;
    let e = 0;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      e = s * ENTRY;
      const entry = table[e + 1];
      if (entry === 0) break;
      if (table[e] === h && this.equals(entry - 1, id)) {
        this.added = false;
        return this.indexAt(entry - 1);
      }
    }
    const i = this.count++;
    const position = this.append(id, i);
    this.positions.ensure(i + 1, 0);
    this.positions.set(i, position);
    table[e] = h;
    table[e + 1] = position + 1;
    this.added = true;
    if (2 * ++this.shardCounts[shard] > mask + 1) this.shards[shard] = rehashed(table);
    return i;
  }

  /** The id at index `i`, as a string (built on demand: for output and rare tie-breaks). */
  idOf(i: number): string {
    const position = this.positions.get(i);
    const page = this.pages[position >>> PAGE_SHIFT];
    this.readHeader(page, position);
    const { unitsAt: at, length, wide } = this;
    // fromCharCode over typed-array views, in slices below engines' argument-count limits.
    const SLICE = 4096;
    if (!wide) {
      if (length <= SLICE) return String.fromCharCode.apply(null, page.subarray(at, at + length) as unknown as number[]);
      let out = '';
      for (let k = 0; k < length; k += SLICE) {
        out += String.fromCharCode.apply(null, page.subarray(at + k, at + Math.min(length, k + SLICE)) as unknown as number[]);
      }
      return out;
    }
    let out = '';
    const units = new Uint16Array(Math.min(length, SLICE));
    for (let k = 0; k < length; k += SLICE) {
      const n = Math.min(SLICE, length - k);
      for (let u = 0; u < n; u++) units[u] = page[at + 2 * (k + u)] | (page[at + 2 * (k + u) + 1] << 8);
      out += String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]);
    }
    return out;
  }

  /** Whether the id stored at `position` equals `id`. */
  private equals(position: number, id: string): boolean {
    const page = this.pages[position >>> PAGE_SHIFT];
    this.readHeader(page, position);
    if (this.length !== id.length) return false;
    return this.equalsWide(page, this.unitsAt, id, this.wide);
  }

  /** Decodes the header of the record at `position` (on `page`) into length, wide, unitsAt. */
  private readHeader(page: Uint8Array, position: number): void {
    let at = (position & PAGE_MASK) + 4;
    const head = page[at++];
    let length = head >> 1;
    let wide = head & 1;
    if (length === SHORT) {
      length = page[at] | (page[at + 1] << 8) | (page[at + 2] << 16) | (page[at + 3] << 24);
      wide = page[at + 4];
      at += 5;
    }
    this.length = length;
    this.wide = wide;
    this.unitsAt = at;
  }

  private indexAt(position: number): number {
    const page = this.pages[position >>> PAGE_SHIFT];
    const at = position & PAGE_MASK;
    return page[at] | (page[at + 1] << 8) | (page[at + 2] << 16) | (page[at + 3] << 24);
  }

  private equalsWide(page: Uint8Array, at: number, id: string, wide: number): boolean {
    if (wide) {
      for (let k = 0; k < id.length; k++) if ((page[at + 2 * k] | (page[at + 2 * k + 1] << 8)) !== id.charCodeAt(k)) return false;
    } else {
      for (let k = 0; k < id.length; k++) if (page[at + k] !== id.charCodeAt(k)) return false;
    }
    return true;
  }

  /** Copies `id` (index `i`) into the pages; returns the position of its record. */
  private append(id: string, i: number): number {
    const length = id.length;
    let units = 0;
    for (let k = 0; k < length; k++) units |= id.charCodeAt(k);
    const wide = units > 255 ? 1 : 0;
    const header = length < SHORT ? 1 : 6;
    const size = 4 + header + (wide ? 2 * length : length);
    let position = this.end;
    // Positions are 32-bit (page × 64 KiB + offset) and `position + 1` marks a used slot.
    if (position + Math.max(PAGE, size) >= 0xffff_ffff) throw new RangeError('IdIndex: more than 4 GiB of ids');
    if (position >>> PAGE_SHIFT >= this.pages.length || (position & PAGE_MASK) + size > PAGE) {
      // A new page (an id longer than a page gets one of exactly its size).
      this.pages.push(new Uint8Array(Math.max(PAGE, size)));
      position = (this.pages.length - 1) * PAGE;
    }
    const page = this.pages[position >>> PAGE_SHIFT];
    let at = position & PAGE_MASK;
    page[at++] = i & 255;
    page[at++] = (i >>> 8) & 255;
    page[at++] = (i >>> 16) & 255;
    page[at++] = i >>> 24;
    if (header === 1) {
      page[at++] = (length << 1) | wide;
    } else {
      page[at++] = (SHORT << 1) | 1;
      page[at++] = length & 255;
      page[at++] = (length >>> 8) & 255;
      page[at++] = (length >>> 16) & 255;
      page[at++] = length >>> 24;
      page[at++] = wide;
    }
    if (wide) {
      for (let k = 0; k < length; k++) {
        const unit = id.charCodeAt(k);
        page[at + 2 * k] = unit & 255;
        page[at + 2 * k + 1] = unit >>> 8;
      }
    } else {
      for (let k = 0; k < length; k++) page[at + k] = id.charCodeAt(k);
    }
    // An oversized page is full: the next id starts on a new one.
    this.end = size > PAGE ? this.pages.length * PAGE : position + size;
    return position;
  }
}

/** A shard with four times (small) or twice (large) the slots and the same entries. */
function rehashed(old: Int32Array): Int32Array {
  // Small shards grow fourfold (fewer, cheaper generations), large ones twofold (memory).
  const slots = (old.length / ENTRY) * (old.length < 4096 * ENTRY ? 4 : 2);
  const table = new Int32Array(slots * ENTRY);
  const mask = slots - 1;
  for (let e = 0; e < old.length; e += ENTRY) {
    if (old[e + 1] === 0) continue;
    const h = old[e];
    let t = h & mask;
    while (table[t * ENTRY + 1] !== 0) t = (t + 1) & mask;
    table[t * ENTRY] = h;
    table[t * ENTRY + 1] = old[e + 1];
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
