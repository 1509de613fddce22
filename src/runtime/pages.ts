/**
 * Growable numeric columns stored as fixed-size typed-array pages.
 *
 * Why pages rather than one array doubled on demand: growing never copies (a new page is
 * appended), so no upsert pays for moving the whole state — the p99 latency stays flat — and
 * every allocation is small (≤ 64 KiB), which the allocator serves from memory it already
 * holds instead of fresh pages from the operating system (first touches of fresh memory were
 * a large share of loading a million versions, measured in docs/performance.md).
 *
 * Addresses are flat element indices (record × stride + field); each access finds its page.
 */

/** Elements per page: 8,192 (64 KiB of doubles, 32 KiB of int32). */
export const PAGE_SHIFT = 13;
const PAGE_SIZE = 1 << PAGE_SHIFT;
const PAGE_MASK = PAGE_SIZE - 1;

// Two classes rather than one generic over the array type on purpose: each `get`/`set` then
// sees a single typed-array kind and the engine compiles it to a monomorphic element access.
export class F64Pages {
  private readonly pages: Float64Array[] = [];
  /** Elements available (a multiple of the page size). */
  size = 0;

  /** Makes `end` elements addressable (new pages are filled with `fill`). */
  ensure(end: number, fill: number): void {
    if (end > this.size) this.grow(end, fill); // tiny, so it inlines; growing is the cold path
  }
  private grow(end: number, fill: number): void {
    while (this.size < end) {
      const page = new Float64Array(PAGE_SIZE);
      if (fill !== 0) page.fill(fill);
      this.pages.push(page);
      this.size += PAGE_SIZE;
    }
  }
  get(i: number): number {
    return this.pages[i >>> PAGE_SHIFT][i & PAGE_MASK];
  }
  set(i: number, v: number): void {
    this.pages[i >>> PAGE_SHIFT][i & PAGE_MASK] = v;
  }
}

export class I32Pages {
  private readonly pages: Int32Array[] = [];
  size = 0;

  ensure(end: number, fill: number): void {
    if (end > this.size) this.grow(end, fill); // tiny, so it inlines; growing is the cold path
  }
  private grow(end: number, fill: number): void {
    while (this.size < end) {
      const page = new Int32Array(PAGE_SIZE);
      if (fill !== 0) page.fill(fill);
      this.pages.push(page);
      this.size += PAGE_SIZE;
    }
  }
  get(i: number): number {
    return this.pages[i >>> PAGE_SHIFT][i & PAGE_MASK];
  }
  set(i: number, v: number): void {
    this.pages[i >>> PAGE_SHIFT][i & PAGE_MASK] = v;
  }
}
