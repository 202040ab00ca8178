import { normal, type Rng } from './rng';

/**
 * Parzen estimators as Optuna's univariate TPESampler builds them (Bergstra
 * et al. 2011, with Optuna's bandwidth rule and prior): a weighted mixture of
 * Gaussians truncated to the domain for numbers, a smoothed histogram for
 * choices. Both include the prior as one more component, so a region nobody
 * tried keeps some probability.
 */

const priorWeight = 1;
const logSqrt2Pi = 0.5 * Math.log(2 * Math.PI);

/**
 * Optuna's default weights: equal up to 25 observations; past that, the older
 * ones weigh less (a ramp from 1/n to 1), the newest 25 fully. Observations in
 * trial order.
 */
export function observationWeights(n: number): number[] {
  if (n < 25) return Array.from({ length: n }, () => 1);
  const ramp = n - 25;
  return Array.from({ length: n }, (_, i) => (i >= ramp ? 1 : ramp === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (ramp - 1)));
}

/** Mixture weights of the observations, then the prior's, summing to 1. */
function mixtureWeights(n: number): number[] {
  const weights = [...observationWeights(n), priorWeight];
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => w / total);
}

interface Kernel {
  readonly mu: number;
  readonly sigma: number;
  readonly logWeight: number;
  /** log of the kernel's mass inside [low, high], to renormalise it once truncated. */
  readonly logMass: number;
  readonly weight: number;
}

export interface NumericParzen {
  readonly low: number;
  readonly high: number;
  readonly kernels: readonly Kernel[];
}

/**
 * Each kernel is as wide as the larger gap to its neighbours (sorted, the
 * prior's centre among them and the domain's ends beyond them, except that the
 * outermost look inward only), clipped to [range / min(100, n + 2), range]; the
 * prior sits at the centre with the whole range as its width.
 */
export function numericParzen(observations: readonly number[], low: number, high: number): NumericParzen {
  const range = high - low;
  const centre = 0.5 * (low + high);
  const points = [...observations, centre].map((mu, index) => ({ mu, index, gap: 0 }));
  const sorted = [...points].sort((a, b) => a.mu - b.mu);
  const position = (k: number): number => (k < 0 ? low : k >= sorted.length ? high : (sorted[k]?.mu ?? centre));
  sorted.forEach((point, k) => {
    const left = point.mu - position(k - 1);
    const right = position(k + 1) - point.mu;
    point.gap = sorted.length >= 2 && k === 0 ? right : sorted.length >= 2 && k === sorted.length - 1 ? left : Math.max(left, right);
  });
  const minSigma = range / Math.min(100, observations.length + 2);
  const weights = mixtureWeights(observations.length);
  const kernels = points.map(({ mu, index, gap }): Kernel => {
    const isPrior = index === observations.length;
    const sigma = isPrior ? range : Math.min(range, Math.max(minSigma, gap));
    const weight = weights[index] ?? 0;
    const mass = normalCdf((high - mu) / sigma) - normalCdf((low - mu) / sigma);
    return { mu, sigma, weight, logWeight: Math.log(weight), logMass: Math.log(Math.max(1e-12, mass)) };
  });
  return { low, high, kernels };
}

function pick<T extends { readonly weight: number }>(items: readonly T[], rng: Rng): T {
  let u = rng();
  for (const item of items) {
    u -= item.weight;
    if (u < 0) return item;
  }
  const last = items.at(-1);
  if (last === undefined) throw new Error('nothing to pick from');
  return last;
}

export function sampleNumeric(parzen: NumericParzen, rng: Rng): number {
  const { mu, sigma } = pick(parzen.kernels, rng);
  // Every kernel's centre lies in the domain and its width is at most the range, so at least a third of its mass is inside: rejection is cheap.
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const x = mu + sigma * normal(rng);
    if (x >= parzen.low && x <= parzen.high) return x;
  }
  return mu;
}

export function logDensityNumeric(parzen: NumericParzen, x: number): number {
  return logSumExp(
    parzen.kernels.map(({ mu, sigma, logWeight, logMass }) => {
      const z = (x - mu) / sigma;
      return logWeight - Math.log(sigma) - logSqrt2Pi - 0.5 * z * z - logMass;
    }),
  );
}

/**
 * A choice's estimator: each observation's kernel puts 1 on its category plus
 * prior / (n + 1) on every category, normalised; the prior's kernel is
 * uniform. Their mixture is one probability per category.
 */
export function categoricalParzen(observations: readonly number[], size: number): number[] {
  const weights = mixtureWeights(observations.length);
  const smoothing = priorWeight / (observations.length + 1);
  const rowTotal = 1 + smoothing * size;
  const priorShare = (weights.at(-1) ?? 0) / size;
  const probabilities = Array.from({ length: size }, () => priorShare);
  observations.forEach((category, i) => {
    const weight = weights[i] ?? 0;
    for (let c = 0; c < size; c += 1) probabilities[c] = (probabilities[c] ?? 0) + (weight * (smoothing + (c === category ? 1 : 0))) / rowTotal;
  });
  return probabilities;
}

export function sampleCategorical(probabilities: readonly number[], rng: Rng): number {
  return pick(
    probabilities.map((weight, index) => ({ weight, index })),
    rng,
  ).index;
}

function logSumExp(terms: readonly number[]): number {
  const max = Math.max(...terms);
  if (!Number.isFinite(max)) return max;
  return max + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - max), 0));
}

/** Φ through erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7: ample for kernel masses of at least a third). */
function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}
