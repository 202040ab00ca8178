import type { Domain } from './distributions';
import { snap } from './distributions';
import { categoricalParzen, logDensityNumeric, numericParzen, sampleCategorical, sampleNumeric } from './parzen';
import { drawRandom, type FinishedTrial, type Sampler } from './random-sampler';
import { createRng, type Rng } from './rng';

/**
 * Tree-structured Parzen Estimator (Bergstra et al. 2011), after Optuna's
 * default TPESampler: independent per parameter, its bandwidth rule, prior and
 * weights (parzen.ts), and 24 candidates drawn from l(x) of which the one with
 * the highest l(x) / g(x) wins.
 *
 * Hand-written: the only JavaScript TPE on npm (`hyperparameters`, two
 * releases, untyped) has no seeding, no pruned-trial handling and is not kept
 * up, and the algorithm is a few hundred lines.
 */

const candidates = 24;

/** Optuna's default split: the best 10% (rounded up, at most 25) are "good". */
export function goodCount(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/** Random trials before TPE takes over: 10, or a quarter of the budget when that is smaller, but at least 2. */
export function startupTrials(trials: number): number {
  return Math.max(2, Math.min(10, Math.floor(trials / 4)));
}

/**
 * Best first: complete trials by value, then pruned ones, those that got
 * further first (as Optuna ranks them), then by the value where they stopped.
 */
function rank(finished: readonly FinishedTrial[], direction: 'maximize' | 'minimize'): FinishedTrial[] {
  const sign = direction === 'minimize' ? 1 : -1;
  const score = (t: FinishedTrial): number => (t.value === null || !Number.isFinite(t.value) ? Infinity : sign * t.value);
  return [...finished].sort((a, b) => {
    if (a.state !== b.state) return a.state === 'complete' ? -1 : 1;
    if (a.state === 'pruned' && a.lastStep !== b.lastStep) return b.lastStep - a.lastStep;
    return score(a) - score(b) || a.number - b.number;
  });
}

function proposeOne(domain: Domain, good: readonly number[], bad: readonly number[], rng: Rng): number {
  if (domain.kind === 'categorical') {
    const l = categoricalParzen(good, domain.size);
    const g = categoricalParzen(bad, domain.size);
    const score = (c: number): number => Math.log(l[c] ?? 0) - Math.log(g[c] ?? 0);
    let best = sampleCategorical(l, rng);
    for (let i = 1; i < candidates; i += 1) {
      const c = sampleCategorical(l, rng);
      if (score(c) > score(best)) best = c;
    }
    return best;
  }
  const l = numericParzen(good, domain.low, domain.high);
  const g = numericParzen(bad, domain.low, domain.high);
  let best = 0;
  let bestScore = -Infinity;
  for (let i = 0; i < candidates; i += 1) {
    // Integers are scored where they land, so candidates that round alike score alike.
    const x = snap(domain, sampleNumeric(l, rng));
    const score = logDensityNumeric(l, x) - logDensityNumeric(g, x);
    if (score > bestScore || i === 0) {
      best = x;
      bestScore = score;
    }
  }
  return best;
}

export function createTpeSampler(options: {
  domains: ReadonlyMap<string, Domain>;
  seed: number;
  direction: 'maximize' | 'minimize';
  trials: number;
}): Sampler {
  const startup = startupTrials(options.trials);
  return {
    propose(number, finished) {
      // Until enough trials finished, the same draws as random search.
      if (finished.length < startup) return drawRandom(options.domains, options.seed, number);
      const ranked = rank(finished, options.direction);
      const cut = goodCount(ranked.length);
      const byNumber = (a: FinishedTrial, b: FinishedTrial): number => a.number - b.number;
      const good = ranked.slice(0, cut).sort(byNumber);
      const bad = ranked.slice(cut).sort(byNumber);
      const rng = createRng(options.seed, number, 1);
      const internal: Record<string, number> = {};
      for (const [name, domain] of options.domains) {
        const values = (group: FinishedTrial[]): number[] => group.flatMap((t) => (t.internal[name] === undefined ? [] : [t.internal[name]]));
        internal[name] = proposeOne(domain, values(good), values(bad), rng);
      }
      return internal;
    },
  };
}
