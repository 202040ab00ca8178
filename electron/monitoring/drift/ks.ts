import { kolmogorovSf } from './kolmogorov';

/** SciPy's `ks_2samp(method='auto')` is exact while both samples have at most this many values. */
export const KS_EXACT_MAX_N = 10_000;

export interface KsResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymp';
}

/** The two-sample Kolmogorov–Smirnov test on raw values (NaN removed by the caller), as SciPy 1.10's `ks_2samp`. */
export function ks2samp(reference: ArrayLike<number>, current: ArrayLike<number>): KsResult {
  const a = Float64Array.from(reference).sort();
  const b = Float64Array.from(current).sort();
  if (a.length === 0 || b.length === 0) throw new RangeError('ks2samp needs at least one value on each side');
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length || j < b.length) {
    const x = Math.min(i < a.length ? (a[i] ?? 0) : Infinity, j < b.length ? (b[j] ?? 0) : Infinity);
    while (i < a.length && a[i] === x) i += 1;
    while (j < b.length && b[j] === x) j += 1;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return ksFromStatistic(d, a.length, b.length);
}

/** The p-value for a statistic `d` that was computed elsewhere (in SQL), sample sizes n1 and n2. */
export function ksFromStatistic(d: number, n1: number, n2: number): KsResult {
  if (Math.max(n1, n2) <= KS_EXACT_MAX_N) {
    const exact = exactPValue(d, n1, n2);
    if (exact) return { statistic: exact.d, pValue: exact.p, method: 'exact' };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  return { statistic: d, pValue: Math.min(1, Math.max(0, kolmogorovSf(Math.round(en), d))), method: 'asymp' };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** SciPy's `_attempt_exact_2kssamp`: null when the lattice-path count breaks down, as SciPy then falls back too. */
function exactPValue(d: number, n1: number, n2: number): { d: number; p: number } | null {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = Math.round(d * lcm);
  const snapped = h / lcm;
  if (h === 0) return { d: snapped, p: 1 };
  const p = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  if (!Number.isFinite(p) || p < 0 || p > 1) return null;
  return { d: snapped, p };
}

function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k -= 1) {
    let p1 = 1;
    for (let j = 0; j < h; j += 1) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * The share of lattice paths from (0,0) to (m,n) that leave the band
 * |x/m − y/n| < h/lcm, computed column by column on a sliding window as
 * probabilities (SciPy's `_compute_outer_prob_inside_method`).
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(Math.max(lenA, n + 2)).fill(1);
  for (let j = minj; j < maxj; j += 1) A[j] = 0;
  for (let i = 1; i <= m; i += 1) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj += 1) {
      const j = jj + minj;
      val = ((A[jj + minj - lastminj] ?? 0) * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return (A[maxj - minj - 1] ?? 0);
}
