/**
 * Deterministic pseudo-random numbers for the synthetic dataset: no Date.now, no Math.random,
 * so every run (and every machine) benchmarks exactly the same records.
 */

/** mulberry32: small, fast, good enough for shaping test data. Returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [lo, hi] (inclusive) drawn from `rand`. */
export function intBetween(rand, lo, hi) {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** Picks one element of `items`. */
export function pick(rand, items) {
  return items[Math.floor(rand() * items.length)];
}
