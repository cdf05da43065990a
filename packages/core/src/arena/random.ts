/**
 * mulberry32: a 32-bit seeded generator, small and fast enough to draw a hundred million
 * bootstrap indices a second, and the same sequence for the same seed on every machine.
 * Not for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One bootstrap resample: draws `from.length` entries of `from` with replacement and counts how
 * often each value comes up (into `counts`, zeroed here). The generator is mulberry32 written
 * into the loop, since this runs a hundred million times for a large leaderboard; it takes and
 * returns the generator's state so rounds continue one seeded sequence.
 */
export function resampleCounts(state: number, from: Int32Array, counts: Int32Array): number {
  const n = from.length;
  counts.fill(0);
  let s = state | 0;
  for (let k = 0; k < n; k++) {
    s = (s + 0x6d2b79f5) | 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = (t ^ (t >>> 14)) >>> 0;
    const p = from[Math.floor((u * n) / 4294967296)] ?? 0;
    counts[p] = (counts[p] ?? 0) + 1;
  }
  return s;
}
