import { drawFromPrior, type Domain } from './distributions';
import { createRng } from './rng';

/** A trial the samplers learn from: finished, with its params in the internal space (see distributions.ts). */
export interface FinishedTrial {
  readonly number: number;
  readonly internal: Readonly<Record<string, number>>;
  readonly state: 'complete' | 'pruned';
  /** The objective's value; for a pruned trial, its value at its last reported step (null when it had none). */
  readonly value: number | null;
  /** The last step it reported, -1 when none. */
  readonly lastStep: number;
}

export interface Sampler {
  /** The params of trial `number`, in the internal space, given the trials finished so far. */
  propose(number: number, finished: readonly FinishedTrial[]): Record<string, number>;
}

/** The random draws of trial `number`: a stream of its own, so the same seed gives the same trials in any order. */
export function drawRandom(domains: ReadonlyMap<string, Domain>, seed: number, number: number): Record<string, number> {
  const rng = createRng(seed, number, 0);
  const internal: Record<string, number> = {};
  for (const [name, domain] of domains) internal[name] = drawFromPrior(domain, rng);
  return internal;
}

export function createRandomSampler(domains: ReadonlyMap<string, Domain>, seed: number): Sampler {
  return { propose: (number) => drawRandom(domains, seed, number) };
}
