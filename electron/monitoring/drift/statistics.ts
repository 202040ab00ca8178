import gammainc from '@stdlib/math-base-special-gammainc';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/**
 * The drift statistics on counts and shares, each as Evidently 0.7 computes it
 * on top of SciPy 1.10. Counts are aligned arrays: index i is the same
 * category or bin on both sides.
 */

export interface PValueResult {
  statistic: number;
  pValue: number;
}

/**
 * Chi-square goodness of fit of the current counts against the reference
 * proportions scaled to the current size (`scipy.stats.chisquare(f_obs,
 * f_exp)`, Evidently's `chi_stat_test`). A category that only the current side
 * has expects 0 and gives an infinite statistic: p = 0.
 */
export function chisquareTest(reference: readonly number[], current: readonly number[]): PValueResult {
  const refTotal = sum(reference);
  const curTotal = sum(current);
  const scale = curTotal / refTotal;
  let statistic = 0;
  for (let i = 0; i < reference.length; i += 1) {
    const expected = (reference[i] ?? 0) * scale;
    const diff = (current[i] ?? 0) - expected;
    statistic += expected === 0 ? (diff === 0 ? Number.NaN : Infinity) : (diff * diff) / expected;
  }
  const df = reference.length - 1;
  if (df < 1 || Number.isNaN(statistic)) return { statistic, pValue: Number.NaN };
  if (statistic === Infinity) return { statistic, pValue: 0 };
  // The regularized upper incomplete gamma is the chi-square survival function, without 1 − cdf's cancellation.
  return { statistic, pValue: gammainc(statistic / 2, df / 2, true, true) };
}

/**
 * Two-proportion Z-test (Evidently's `z_stat_test`): the share of the first
 * category on each side, pooled variance, p = 2·(1 − Φ(|z|)). Both sides
 * holding the same single value gives p = 1, as Evidently returns.
 */
export function zTest(reference: readonly number[], current: readonly number[]): PValueResult {
  if (reference.length > 2 || current.length > 2) throw new RangeError('the Z-test compares two categories at most');
  const n1 = sum(reference);
  const n2 = sum(current);
  const p1 = (reference[0] ?? 0) / n1;
  const p2 = (current[0] ?? 0) / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  if (pooled === 0 || pooled === 1) return { statistic: 0, pValue: 1 };
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { statistic: z, pValue: 2 * (1 - normalCdf(Math.abs(z), 0, 1)) };
}

/**
 * The first Wasserstein distance divided by the reference's population
 * standard deviation, floored at 0.001 (Evidently's `wasserstein_distance_norm`).
 */
export function wassersteinNormed(reference: ArrayLike<number>, current: ArrayLike<number>): number {
  const a = Float64Array.from(reference).sort();
  const b = Float64Array.from(current).sort();
  return wassersteinSorted(a, b) / Math.max(populationStd(a), 0.001);
}

/** ∫|F_a − F_b| over the merged sorted values, as `scipy.stats.wasserstein_distance`. */
export function wassersteinSorted(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let total = 0;
  let previous = Math.min((a[0] ?? 0), (b[0] ?? 0));
  while (i < a.length || j < b.length) {
    const x = Math.min(i < a.length ? (a[i] ?? 0) : Infinity, j < b.length ? (b[j] ?? 0) : Infinity);
    total += Math.abs(i / a.length - j / b.length) * (x - previous);
    previous = x;
    while (i < a.length && a[i] === x) i += 1;
    while (j < b.length && b[j] === x) j += 1;
  }
  return total;
}

export function populationStd(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i += 1) mean += (values[i] ?? 0);
  mean /= values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i += 1) squares += ((values[i] ?? 0) - mean) ** 2;
  return Math.sqrt(squares / values.length);
}

/** Jensen–Shannon distance, natural log (`scipy.spatial.distance.jensenshannon`, which normalizes both sides). */
export function jensenShannon(reference: readonly number[], current: readonly number[]): number {
  const p = normalize(reference);
  const q = normalize(current);
  let divergence = 0;
  for (let i = 0; i < p.length; i += 1) {
    const m = ((p[i] ?? 0) + (q[i] ?? 0)) / 2;
    divergence += relEntr((p[i] ?? 0), m) + relEntr((q[i] ?? 0), m);
  }
  return Math.sqrt(Math.max(0, divergence / 2));
}

/** Population stability index on shares: Σ (ref − cur)·ln(ref / cur). */
export function psi(reference: readonly number[], current: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < reference.length; i += 1) total += ((reference[i] ?? 0) - (current[i] ?? 0)) * Math.log((reference[i] ?? 0) / (current[i] ?? 0));
  return total;
}

/** KL divergence of the reference from the current, natural log (`scipy.stats.entropy(ref, cur)`). */
export function kl(reference: readonly number[], current: readonly number[]): number {
  const p = normalize(reference);
  const q = normalize(current);
  let total = 0;
  for (let i = 0; i < p.length; i += 1) total += relEntr((p[i] ?? 0), (q[i] ?? 0));
  return total;
}

/** Hellinger distance on shares: √(Σ(√ref − √cur)²) / √2 (Evidently's, without epsilon for empty bins). */
export function hellinger(reference: readonly number[], current: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < reference.length; i += 1) total += (Math.sqrt((reference[i] ?? 0)) - Math.sqrt((current[i] ?? 0))) ** 2;
  return Math.sqrt(total) / Math.SQRT2;
}

/**
 * Counts to shares, with Evidently's epsilon for empty bins: a zero share
 * becomes min(nonzero)/10⁶ when that minimum is ≤ 0.0001, else 0.0001.
 */
export function sharesWithEpsilon(counts: readonly number[], total: number): number[] {
  const shares = counts.map((count) => count / total);
  const nonzero = shares.filter((share) => share !== 0);
  if (nonzero.length === shares.length || nonzero.length === 0) return shares;
  const smallest = Math.min(...nonzero);
  const epsilon = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
  return shares.map((share) => (share === 0 ? epsilon : share));
}

function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Infinity;
}

function normalize(values: readonly number[]): number[] {
  const total = sum(values);
  return values.map((value) => value / total);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
