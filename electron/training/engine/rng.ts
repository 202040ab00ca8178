/**
 * The engine's one source of randomness: a seeded generator (mulberry32), so
 * the same seed draws the same initial weights, batch orders and dropout masks.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next: () => number;
  /** A whole number in [0, 2^31), to seed TF.js's own generators. */
  seed: () => number;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  return { next, seed: () => Math.floor(next() * 2 ** 31) };
}

/** 0..n-1 in a random order (Fisher-Yates). */
export function shuffledIndices(n: number, rng: Rng): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const held = order[i] ?? i;
    order[i] = order[j] ?? j;
    order[j] = held;
  }
  return order;
}
