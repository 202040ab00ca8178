import { binExpression, double, type Runner } from './queries';
import { binEdge, emptyFineBins, type BinCounts, type FineBins, type Inside, type Numbers, type Refine } from './ecdf';

/**
 * A numeric column counted by DuckDB where it lies, for columns too large to
 * read into memory: `source` is a relation of (v, side), side 0 for the
 * reference.
 */
export function numbersInDuckDB(run: Runner, source: string): Numbers {
  return {
    fineBins: (low, high, count) => fineBins(run, source, low, high, count),
    walk: (bins, refine, nRef, nCur) => walk(run, source, bins, refine, nRef, nCur),
    binCounts: (low, high, bins) => binCounts(run, source, low, high, bins),
  };
}

async function fineBins(run: Runner, source: string, low: number, high: number, count: number): Promise<FineBins> {
  const [bin, side, n, sum] = await run.doubles(
    `SELECT b::DOUBLE, side::DOUBLE, count(*)::DOUBLE, sum(v - ${double(low)}) FROM (SELECT ${binExpression(low, high, count)} AS b, side, v FROM ${source} WHERE v IS NOT NULL) GROUP BY ALL`,
  );
  if (!bin || !side || !n || !sum) throw new Error('the fine-bin query answers four columns');
  const out = emptyFineBins(low, high, count);
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

/**
 * The exact walk inside the refined bins: from the bin's left edge with
 * `before`, a step at each value, to its right edge.
 */
async function walk(run: Runner, source: string, bins: FineBins, refine: Refine[], nRef: number, nCur: number): Promise<Inside> {
  const width = (bins.high - bins.low) / bins.count;
  const edge = (bin: string): string => `CASE WHEN (${bin}) >= ${bins.count} THEN ${double(bins.high)} ELSE ${double(bins.low)} + (${bin}) * ${double(width)} END`;
  // A cheap range test first (refined bins often sit together: the KS peak), a bin's width of margin for rounding at the edges.
  const lowest = binEdge(bins, (refine[0]?.bin ?? 0) - 1);
  const highest = bins.low + ((refine.at(-1)?.bin ?? bins.count) + 2) * width;
  const [row = []] = await run.rows(
    `WITH refine AS (SELECT unnest($1::INTEGER[]) AS b, unnest($2::DOUBLE[]) AS before, unnest($3::INTEGER[]) = 1 AS crosses),
    counted AS (
      SELECT b, v, count(*) FILTER (WHERE side = 0) AS r, count(*) FILTER (WHERE side = 1) AS c
      FROM (SELECT ${binExpression(bins.low, bins.high, bins.count)} AS b, v, side FROM ${source} WHERE v BETWEEN ${double(lowest)} AND ${double(highest)}) WHERE b IN (SELECT b FROM refine) GROUP BY ALL),
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

async function binCounts(run: Runner, source: string, low: number, high: number, bins: number): Promise<BinCounts> {
  const rows = await run.rows(`SELECT ${binExpression(low, high, bins)} AS b, count(*) FILTER (WHERE side = 0), count(*) FILTER (WHERE side = 1) FROM ${source} WHERE v IS NOT NULL GROUP BY b`);
  const out = { reference: new Array<number>(bins).fill(0), current: new Array<number>(bins).fill(0) };
  for (const row of rows) {
    const bin = Number(row[0]);
    out.reference[bin] = Number(row[1]);
    out.current[bin] = Number(row[2]);
  }
  return out;
}
