import { binExpression, double, type Runner } from './queries';

/**
 * The two-sample KS statistic (the largest gap between the two ECDFs) and the
 * Wasserstein distance (∫|F_ref − F_cur| dx), exact, without sorting the
 * values. Written by hand: no library computes these inside DuckDB, and a
 * sort of every column is what makes SciPy slow.
 *
 * 1. One GROUP BY counts and sums every value in one of K equal-width bins,
 *    per side. Binning is monotone, so each bin holds a run of the sorted
 *    values, and F − G is known exactly at every bin edge.
 * 2. Inside bin k, F − G stays within [before − cur share, before + ref
 *    share]. Where that range does not cross zero, ∫|F − G| over the bin is
 *    |∫(F − G)|, which its counts and sums give exactly:
 *    w·before + Σref(e_{k+1} − v)/N_ref − Σcur(e_{k+1} − v)/N_cur.
 *    The KS statistic can only grow inside a bin that holds both sides and
 *    whose range reaches past the largest gap at the edges.
 * 3. The few bins left (sign changes, KS candidates) are walked value by
 *    value in DuckDB, starting from their `before`.
 */

export interface EcdfGaps {
  ks: number;
  wasserstein: number;
  /** Bins walked value by value: a measure of the work, for tests. */
  refinedBins: number;
}

/** Counts and sums (of v − low, for precision) per bin and side, dense over the K bins. */
export interface FineBins {
  count: number;
  low: number;
  high: number;
  rc: Float64Array;
  cc: Float64Array;
  rs: Float64Array;
  cs: Float64Array;
  nonEmpty: number;
  expression: string;
}

/** Enough bins that few hold a sign change; few enough that DuckDB's hash table stays small. */
export function fineBinCount(values: number, displayBins: number): number {
  const target = Math.min(1 << 16, Math.max(1024, values / 16));
  return displayBins * Math.max(1, 2 ** Math.round(Math.log2(target / displayBins)));
}

export async function fineBins(run: Runner, source: string, low: number, high: number, count: number): Promise<FineBins> {
  const expression = binExpression(low, high, count);
  const [bin, side, n, sum] = await run.doubles(
    `SELECT b::DOUBLE, side::DOUBLE, count(*)::DOUBLE, sum(v - ${double(low)}) FROM (SELECT ${expression} AS b, side, v FROM ${source} WHERE v IS NOT NULL) GROUP BY ALL`,
  );
  if (!bin || !side || !n || !sum) throw new Error('the fine-bin query answers four columns');
  const out: FineBins = { count, low, high, rc: new Float64Array(count), cc: new Float64Array(count), rs: new Float64Array(count), cs: new Float64Array(count), nonEmpty: 0, expression };
  for (let i = 0; i < bin.length; i++) {
    const k = bin[i] as number;
    if ((out.rc[k] as number) === 0 && (out.cc[k] as number) === 0) out.nonEmpty++;
    if (side[i] === 0) {
      out.rc[k] = n[i] as number;
      out.rs[k] = sum[i] as number;
    } else {
      out.cc[k] = n[i] as number;
      out.cs[k] = sum[i] as number;
    }
  }
  return out;
}

export interface Wanted {
  ks: boolean;
  wasserstein: boolean;
}

interface Refine {
  bin: number;
  before: number;
  crosses: boolean;
}

/** Walks the bins; refines in DuckDB only the bins whose inside matters for what is wanted. */
export async function ecdfGaps(run: Runner, source: string, bins: FineBins, nRef: number, nCur: number, wanted: Wanted): Promise<EcdfGaps> {
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
    const inside = await refineBins(run, source, bins, refine, nRef, nCur);
    wasserstein += inside.wasserstein;
    ks = Math.max(ks, inside.ks);
  }
  return { ks, wasserstein, refinedBins: refine.length };
}

/**
 * The exact walk inside the refined bins: from the bin's left edge with
 * `before`, a step at each value, to its right edge.
 */
async function refineBins(run: Runner, source: string, bins: FineBins, refine: Refine[], nRef: number, nCur: number): Promise<{ ks: number; wasserstein: number }> {
  const width = (bins.high - bins.low) / bins.count;
  const edge = (bin: string): string => `CASE WHEN (${bin}) >= ${bins.count} THEN ${double(bins.high)} ELSE ${double(bins.low)} + (${bin}) * ${double(width)} END`;
  // A cheap range test first (refined bins often sit together: the KS peak), a bin's width of margin for rounding at the edges.
  const lowest = bins.low + ((refine[0]?.bin ?? 0) - 1) * width;
  const highest = bins.low + ((refine.at(-1)?.bin ?? bins.count) + 2) * width;
  const [row = []] = await run.rows(
    `WITH refine AS (SELECT unnest($1::INTEGER[]) AS b, unnest($2::DOUBLE[]) AS before, unnest($3::INTEGER[]) = 1 AS crosses),
    counted AS (
      SELECT b, v, count(*) FILTER (WHERE side = 0) AS r, count(*) FILTER (WHERE side = 1) AS c
      FROM (SELECT ${bins.expression} AS b, v, side FROM ${source} WHERE v BETWEEN ${double(lowest)} AND ${double(highest)}) WHERE b IN (SELECT b FROM refine) GROUP BY ALL),
    walked AS (
      SELECT b, crosses, v, before, before + sum(r) OVER running / ${double(nRef)} - sum(c) OVER running / ${double(nCur)} AS gap,
        coalesce(lead(v) OVER ordered, ${edge('b + 1')}) AS next, row_number() OVER ordered = 1 AS first
      FROM counted JOIN refine USING (b)
      WINDOW ordered AS (PARTITION BY b ORDER BY v), running AS (ordered ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
    SELECT coalesce(max(abs(gap)), 0),
      coalesce(sum(abs(gap) * (next - v) + CASE WHEN first THEN abs(before) * (v - ${edge('b')}) ELSE 0 END) FILTER (WHERE crosses), 0)
    FROM walked`,
    [refine.map((r) => r.bin), refine.map((r) => r.before), refine.map((r) => (r.crosses ? 1 : 0))],
  );
  return { ks: Number(row[0] ?? 0), wasserstein: Number(row[1] ?? 0) };
}
