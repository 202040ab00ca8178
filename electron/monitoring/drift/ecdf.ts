/**
 * The two-sample KS statistic (the largest gap between the two ECDFs) and the
 * Wasserstein distance (∫|F_ref − F_cur| dx), exact, without sorting the
 * values. Written by hand: no library computes these inside DuckDB, and a
 * sort of every column is what makes SciPy slow.
 *
 * 1. Count and sum every value in one of K equal-width bins, per side.
 *    Binning is monotone, so each bin holds a run of the sorted values, and
 *    F − G is known exactly at every bin edge.
 * 2. Inside bin k, F − G stays within [before − cur share, before + ref
 *    share]. Where that range does not cross zero, ∫|F − G| over the bin is
 *    |∫(F − G)|, which its counts and sums give exactly:
 *    w·before + Σref(e_{k+1} − v)/N_ref − Σcur(e_{k+1} − v)/N_cur.
 *    The KS statistic can only grow inside a bin that holds both sides and
 *    whose range reaches past the largest gap at the edges.
 * 3. The few bins left (sign changes, KS candidates) are walked value by
 *    value, starting from their `before`.
 *
 * The counting and the walk run where the values are: in DuckDB
 * (numbers-in-duckdb.ts) or, for a column that fits, in memory
 * (numbers-in-memory.ts). This file is the part both share.
 */

export interface EcdfGaps {
  ks: number;
  wasserstein: number;
  /** Bins walked value by value: a measure of the work, for tests. */
  refinedBins: number;
}

/** BinCounts and sums (of v − low, for precision) per bin and side, dense over the K bins. */
export interface FineBins {
  count: number;
  low: number;
  high: number;
  rc: Float64Array;
  cc: Float64Array;
  rs: Float64Array;
  cs: Float64Array;
  nonEmpty: number;
}

/** A bin to walk value by value: the gap F − G at its left edge, and whether its |F − G| integral is wanted. */
export interface Refine {
  bin: number;
  before: number;
  crosses: boolean;
}

/** What the walk inside the refined bins found: the largest gap after any value, and ∫|F − G| over the crossing bins. */
export interface Inside {
  ks: number;
  wasserstein: number;
}

export interface BinCounts {
  reference: number[];
  current: number[];
}

/** A numeric column's non-missing values on both sides, wherever they are counted. */
export interface Numbers {
  fineBins(low: number, high: number, count: number): Promise<FineBins>;
  /** `refine` is in bin order. */
  walk(bins: FineBins, refine: Refine[], nRef: number, nCur: number): Promise<Inside>;
  /** BinCounts per equal-width bin between `low` and `high` on each side. */
  binCounts(low: number, high: number, bins: number): Promise<BinCounts>;
}

export function emptyFineBins(low: number, high: number, count: number): FineBins {
  return { count, low, high, rc: new Float64Array(count), cc: new Float64Array(count), rs: new Float64Array(count), cs: new Float64Array(count), nonEmpty: 0 };
}

/** Enough bins that few hold a sign change; few enough that DuckDB's hash table stays small. */
export function fineBinCount(values: number, displayBins: number): number {
  const target = Math.min(1 << 16, Math.max(1024, values / 16));
  return displayBins * Math.max(1, 2 ** Math.round(Math.log2(target / displayBins)));
}

/** The left edge of bin k (k = count: the right edge of the last bin). */
export function binEdge(bins: FineBins, k: number): number {
  return k >= bins.count ? bins.high : bins.low + k * ((bins.high - bins.low) / bins.count);
}

export interface Wanted {
  ks: boolean;
  wasserstein: boolean;
}

/** Walks the bins; refines only the bins whose inside matters for what is wanted. */
export async function ecdfGaps(numbers: Numbers, bins: FineBins, nRef: number, nCur: number, wanted: Wanted): Promise<EcdfGaps> {
  const { count, rc, cc, rs, cs } = bins;
  const width = (bins.high - bins.low) / count;
  let gap = 0;
  let ks = 0;
  for (let k = 0; k < count; k++) {
    gap += (rc[k] as number) / nRef - (cc[k] as number) / nCur;
    ks = Math.max(ks, Math.abs(gap));
  }
  let wasserstein = 0;
  const refine: Refine[] = [];
  let before = 0;
  for (let k = 0; k < count; k++) {
    const refShare = (rc[k] as number) / nRef;
    const curShare = (cc[k] as number) / nCur;
    const crosses = wanted.wasserstein && before - curShare < 0 && before + refShare > 0;
    const ksCandidate = wanted.ks && refShare > 0 && curShare > 0 && Math.max(Math.abs(before - curShare), Math.abs(before + refShare)) > ks;
    if (wanted.wasserstein && !crosses) {
      // Σ(e_{k+1} − v) over a side's values = n·(e_{k+1} − low) − Σ(v − low).
      const right = k === count - 1 ? bins.high - bins.low : (k + 1) * width;
      wasserstein += Math.abs(width * before + ((rc[k] as number) * right - (rs[k] as number)) / nRef - ((cc[k] as number) * right - (cs[k] as number)) / nCur);
    }
    if (crosses || ksCandidate) refine.push({ bin: k, before, crosses });
    before += refShare - curShare;
  }
  if (refine.length > 0) {
    const inside = await numbers.walk(bins, refine, nRef, nCur);
    wasserstein += inside.wasserstein;
    ks = Math.max(ks, inside.ks);
  }
  return { ks, wasserstein, refinedBins: refine.length };
}
