import gammaln from '@stdlib/math-base-special-gammaln';

/**
 * The survival function of the two-sided one-sample Kolmogorov statistic D_n,
 * Pr(D_n > x): what SciPy's `kstwo.sf(x, n)` gives, which `ks_2samp` uses for
 * large samples. No npm library ships it (@stdlib/stats-kstest keeps its
 * Marsaglia–Tsang–Wang code internal and has no survival function), so this
 * follows SciPy 1.10's `_kolmogn` (Simard & L'Ecuyer 2011): the exact Durbin
 * matrix (Marsaglia–Tsang–Wang) for small n·x², Pelz–Good for large n, and
 * 2·smirnov(n, x) in the tail. Where SciPy uses Pomeranz's recursion (n ≤ 140,
 * 0.754693 < n·x² ≤ 4) this uses the Durbin matrix, which is exact too.
 */
export function kolmogorovSf(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    const cdf = n <= 140 ? productCdf(n, t) : Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnov(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 4) return clip(1 - durbin(n, x));
    return clip(2 * smirnov(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnov(n, x));
  if (nx2 >= 18) return 0;
  if (n <= 100_000 && n * x ** 1.5 <= 1.4) return clip(1 - durbin(n, x));
  return clip(1 - pelzGood(n, x));
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}

function productCdf(n: number, t: number): number {
  let p = 1;
  for (let i = 1; i <= n; i += 1) p *= (i / n) * (2 * t - 1);
  return p;
}

const STIRLING = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417, -0.0005952380952380953, 0.0007936507936507937,
  -0.002777777777777778, 0.08333333333333333,
];

function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  const u = rn / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * u + c;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * poly;
}

/** Above this n SciPy approximates the one-sided Smirnov survival instead of summing (SMIRNOV_MAX_COMPUTE_N). */
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;

/**
 * One-sided exact Smirnov survival Pr(D_n^+ ≥ x) (Birnbaum–Tingey), summed in
 * log space so that large n neither overflows nor underflows. As SciPy does,
 * the sum stops once the terms left cannot change it (they fall away after
 * their peak), and n over a million takes the asymptotic form.
 */
export function smirnov(n: number, x: number): number {
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  if (n > SMIRNOV_MAX_COMPUTE_N) return Math.exp(-((6 * n * x + 1) ** 2) / 18 / n);
  const last = Math.floor(n * (1 - x));
  let sum = 0;
  const logNFact = gammaln(n + 1);
  for (let j = 0; j <= last; j += 1) {
    const a = 1 - x - j / n;
    const b = x + j / n;
    if (a <= 0) continue;
    const term = Math.exp(logNFact - gammaln(j + 1) - gammaln(n - j + 1) + (n - j) * Math.log(a) + (j - 1) * Math.log(b));
    sum += term;
    if (term > 0 ? j < last && 4 * (last + 1 - j) * term < Number.EPSILON * sum : j > n / 2) break;
  }
  return x * sum;
}

const E128 = 2 ** 128;

/** Pr(D_n ≤ d) by the Durbin matrix, as Marsaglia, Tsang and Wang (2003) compute it. */
function durbin(n: number, d: number): number {
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j += 1) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i += 1) for (let r = i - 1; r < m; r += 1) H[r * m + i] = (w[r - i + 1] ?? 0);
  for (let r = 0; r < m; r += 1) H[r * m] = (v[r] ?? 0);
  for (let c = 0; c < m; c += 1) H[(m - 1) * m + c] = (v[m - 1 - c] ?? 0);

  let power: Float64Array = identity(m);
  let nn = n;
  let exponent = 0;
  let hExponent = 0;
  while (nn > 0) {
    if (nn % 2) {
      power = multiply(power, H, m);
      exponent += hExponent;
    }
    H = multiply(H, H, m);
    hExponent *= 2;
    if (Math.abs((H[(k - 1) * m + (k - 1)] ?? 0)) > E128) {
      for (let i = 0; i < H.length; i += 1) H[i] = (H[i] ?? 0) / E128;
      hExponent += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = (power[(k - 1) * m + (k - 1)] ?? 0);
  for (let i = 1; i <= n; i += 1) {
    p = (i * p) / n;
    if (Math.abs(p) < 1 / E128) {
      p *= E128;
      exponent -= 128;
    }
  }
  return p * 2 ** exponent;
}

function identity(m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1) out[i * m + i] = 1;
  return out;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1) {
    for (let l = 0; l < m; l += 1) {
      const ail = (a[i * m + l] ?? 0);
      if (ail === 0) continue;
      for (let j = 0; j < m; j += 1) out[i * m + j] = (out[i * m + j] ?? 0) + ail * (b[l * m + j] ?? 0);
    }
  }
  return out;
}

/** The Pelz–Good approximation of Pr(D_n ≤ x) (1976), SciPy's choice for large n. */
function pelzGood(n: number, x: number): number {
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const pi2 = Math.PI ** 2;
  const pi4 = pi2 * pi2;
  const pi6 = pi4 * pi2;
  const qlog = -pi2 / 8 / z2;
  if (qlog < -708) return 0;
  const q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = pi2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * pi2) / 4;
  const k2c = (pi4 * (1 - 2 * z2)) / 16;
  const k3d = (pi6 * (5 - 30 * z2)) / 64;
  const k3c = (pi4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (pi2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k -= 1) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qp = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i += 1) K[i] = (K[i] ?? 0) * qp + (coeffs[i] ?? 0);
  }
  const sqrt2pi = Math.sqrt(2 * Math.PI);
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i += 1) K[i] = ((K[i] ?? 0) * q * sqrt2pi) / (divisors[i] ?? 0);
  const q2 = Math.exp(-pi2 / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let extra2 = 0;
  let extra3 = 0;
  for (let k = maxk; k > 0; k -= 1) {
    const k2 = k * k;
    const qp = q2 ** k2;
    extra2 += k2 * qp;
    const kpi = Math.PI * k;
    extra3 += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qp;
  }
  K[2] = (K[2] ?? 0) + (extra2 * pi2 * sqrt2pi) / (-36 * z ** 3);
  K[3] = (K[3] ?? 0) + (extra3 * pi2 * sqrt2pi) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i += 1) sum += (K[i] ?? 0) / n ** (i / 2);
  return sum;
}
