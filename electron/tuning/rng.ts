/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** Mixes 32-bit words into one seed (a murmur3-style finaliser), so nearby seeds give unrelated streams. */
function mix(seeds: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const seed of seeds) {
    let k = Math.imul(seed >>> 0, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * sfc32 seeded from the given words. Each trial draws from its own stream
 * (search seed, trial number, purpose), so what a trial gets does not depend on
 * how many numbers other trials drew or in which order they ran.
 */
export function createRng(...seeds: number[]): Rng {
  let a = mix([...seeds, 1]);
  let b = mix([...seeds, 2]);
  let c = mix([...seeds, 3]);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i += 1) next();
  return next;
}

/** A standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
