/** Timing and summary helpers: every figure is a median of several runs after warm-up. */

export function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(sortedValues, q) {
  if (sortedValues.length === 0) return Number.NaN;
  const i = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil(q * sortedValues.length) - 1));
  return sortedValues[i];
}

/**
 * Runs `once` (which returns the milliseconds of its timed part, so set-up is excluded)
 * `warmup` times unrecorded, then `runs` times (its argument: the run, negative while warming
 * up); returns the samples with median/min/max.
 * Every run starts after a full GC (untimed), so no run pays for collecting the garbage of the
 * one before it — which would otherwise land on whichever run happens to trigger it.
 */
export async function sample(runs, warmup, once) {
  return (await rounds(runs, warmup, { once })).once;
}

/**
 * Several measurements interleaved round by round: after `warmup` unrecorded rounds, `count`
 * rounds each run every measurement once (after a full GC, like `sample`). A slow spell of a
 * noisy machine then lands on all of them alike, so ratios are taken per round — between runs
 * made seconds apart — and their median reported (`pairedRatio`). Returns a summary per name.
 * With `budgetMs`, no new round starts once that much time has passed since the first warm-up.
 */
/**
 * @template {string} K
 * @param {number} count
 * @param {number} warmup
 * @param {Record<K, (round: number) => number | Promise<number>>} measurements
 * @param {{ budgetMs?: number }} [options]
 * @returns {Promise<Record<K, Summary>>}
 */
export async function rounds(count, warmup, measurements, { budgetMs = Infinity } = {}) {
  const collect = async () => {
    if (typeof globalThis.gc !== 'function') return;
    globalThis.gc();
    await settle();
  };
  const names = /** @type {K[]} */ (Object.keys(measurements));
  /** @type {Record<string, number[]>} */
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const start = nowMs();
  for (let round = -warmup; round < count; round++) {
    for (const name of names) {
      await collect();
      const ms = await measurements[name](round);
      if (round >= 0) samples[name].push(ms);
    }
    // A slow measurement stops repeating once the budget is spent (after one measured round).
    if (round >= 0 && nowMs() - start > budgetMs) break;
  }
  return /** @type {Record<K, Summary>} */ (Object.fromEntries(names.map((n) => [n, summarize(samples[n])])));
}

/**
 * Waits while V8 finishes, on its background threads, the sweeping and freeing a forced full GC
 * leaves behind. Started at once, the next measurement paid for it: right after the
 * json-rules-engine pass (which leaves much garbage) a warm 100k-version evaluator pass took
 * 66–90 ms instead of 34–40 ms. The wait grows with the heap (full mode holds gigabytes of rows).
 */
function settle() {
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  return new Promise((resolve) => setTimeout(resolve, 50 + Math.min(450, heapMb / 20)));
}

/**
 * `numerator[i] / denominator[i]` per round (two summaries from one `rounds` call), summarised.
 * @param {Summary} numerator
 * @param {Summary} denominator
 */
export function pairedRatio(numerator, denominator, scale = 1) {
  return summarize(numerator.samples.map((x, i) => (scale * x) / denominator.samples[i]));
}

/**
 * @typedef {{ median: number, min: number, max: number, samples: number[] }} Summary
 */

/**
 * @param {number[]} samples
 * @returns {Summary}
 */
export function summarize(samples) {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), samples };
}

export function gc() {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
}
