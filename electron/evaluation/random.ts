/**
 * Seeded randomness for splits, folds and permutations. Mulberry32: 32 bits of
 * state, fast, and good enough for shuffling; the same seed always gives the
 * same sequence on every platform, which is what makes a split reproducible.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates, in place. */
export function shuffleInPlace(values: Int32Array, random: () => number): Int32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = values[i] ?? 0;
    values[i] = values[j] ?? 0;
    values[j] = swap;
  }
  return values;
}

/** 0..n-1 in a random order. */
export function randomPermutation(n: number, random: () => number): Int32Array {
  const values = new Int32Array(n);
  for (let i = 0; i < n; i++) values[i] = i;
  return shuffleInPlace(values, random);
}
