import type { BoxChart, HistogramChart, ViolinChart } from '../../shared/contract';
import { frameRows, query, type Frame } from './chart-frame';
import { addCorrected, combinations, equalEdges, need, num, orNull, rawBinSql, seriesKey } from './chart-sql';
import { EXACT_ROWS } from './profile-sql';

/** Violins are drawn from counts over this many fine bins, then smoothed. */
export const VIOLIN_GRID = 100;

type Part<T> = Omit<T, 'spec' | 'facets' | 'groups' | 'xType' | 'yType' | 'seconds'>;

async function range(frame: Frame): Promise<{ rows: number; lo: number | null; hi: number | null }> {
  const { x } = frame.columns;
  const [row] = await query(frame, `SELECT count(*), min(${x.expr}), max(${x.expr}) FROM ${frame.source} WHERE ${frame.where}`);
  return { rows: need(row?.[0]), lo: num(row?.[1]), hi: num(row?.[2]) };
}

/** Counts per facet, group and bin; bins over [lo, lo + bins * width) as `binSql` assigns them. */
async function binCounts(frame: Frame, lo: number, width: number, bins: number): Promise<Map<string, number[]>> {
  const rows = frameRows(frame, [`${frame.columns.x.expr} AS x`]);
  const { k, down, up } = rawBinSql('x', lo, width);
  // A chart without colour or facet has constant labels: grouping by them too costs a sixth more.
  const label = (name: 'f' | 'g', expr: string): { select: string; group: string[] } =>
    expr === "''" ? { select: `'' AS ${name}`, group: [] } : { select: name, group: [name] };
  const f = label('f', frame.facetExpr);
  const g = label('g', frame.groupExpr);
  const counted = await query(frame, `SELECT ${f.select}, ${g.select}, ${k} AS k, count(*), ${down}, ${up} FROM ${rows} GROUP BY ${[...f.group, ...g.group, 'k'].join(', ')}`);
  const byKey = new Map<string, number[]>();
  for (const [f, g, raw, n, movedDown, movedUp] of counted) {
    const key = seriesKey(String(f), String(g));
    const counts = byKey.get(key) ?? new Array<number>(bins).fill(0);
    addCorrected(counts, need(raw), need(n), need(movedDown), need(movedUp));
    byKey.set(key, counts);
  }
  return byKey;
}

/** Counts of x over shared equal-width bins, per facet and colour group. */
export async function histogram(frame: Frame): Promise<Part<HistogramChart>> {
  const { rows, lo, hi } = await histogramRange(frame);
  if (rows === 0 || lo === null || hi === null) return { kind: 'histogram', rows: rows ?? 0, edges: [], series: [] };
  const { edges, width } = equalEdges(lo, hi, frame.spec.bins);
  const start = edges[0] ?? lo;
  // With a finite min and max every value is finite: a NULL test is the cheaper filter.
  const drawnFrame = rows === null ? { ...frame, where: `${frame.columns.x.expr} IS NOT NULL` } : frame;
  const counts = await binCounts(drawnFrame, start, width, edges.length - 1);
  const series = combinations(frame.facets, frame.groups).flatMap(({ facet, group }) => {
    const found = counts.get(seriesKey(facet, group));
    return found ? [{ facet: orNull(facet), group: orNull(group), counts: found }] : [];
  });
  const drawn = rows ?? series.reduce((sum, { counts: c }) => c.reduce((a, b) => a + b, sum), 0);
  return { kind: 'histogram', rows: drawn, edges, series };
}

/**
 * The range of x. Unfiltered, DuckDB answers min and max from Parquet and
 * table statistics without a scan; when both are finite they are the range of
 * the drawn (finite) values too, and the row count is the sum of the bins
 * (`rows` null). Otherwise (NaN or infinities present) a filtered scan.
 */
async function histogramRange(frame: Frame): Promise<{ rows: number | null; lo: number | null; hi: number | null }> {
  const { x } = frame.columns;
  const [row] = await query(frame, `SELECT min(${x.expr}), max(${x.expr}) FROM ${frame.source}`);
  const lo = num(row?.[0]);
  const hi = num(row?.[1]);
  if (lo === null || hi === null) return { rows: 0, lo, hi };
  if (Number.isFinite(lo) && Number.isFinite(hi)) return { rows: null, lo, hi };
  return range(frame);
}

interface GroupStats {
  facet: string;
  group: string;
  n: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  q1: number;
  median: number;
  q3: number;
}

/** Exact quantiles hold every value in memory; past EXACT_ROWS a reservoir sample is as good for a picture and far faster. */
const RESERVOIR = 65_536;

const statsSelect = (x: string, exact: boolean): string => {
  const quartiles = exact ? `quantile_cont(${x}, [0.25, 0.5, 0.75])` : `reservoir_quantile(${x}, [0.25, 0.5, 0.75], ${RESERVOIR})`;
  return `count(*) AS n, min(${x}) AS lo, max(${x}) AS hi, avg(${x}) AS mean, coalesce(stddev_samp(${x}), 0) AS sd, ${quartiles} AS q`;
};

function readStats(row: unknown[]): GroupStats {
  const quartiles = (row[7] as unknown[]).map(need);
  return {
    facet: String(row[0]),
    group: String(row[1]),
    n: need(row[2]),
    min: need(row[3]),
    max: need(row[4]),
    mean: need(row[5]),
    std: need(row[6]),
    q1: quartiles[0] ?? 0,
    median: quartiles[1] ?? 0,
    q3: quartiles[2] ?? 0,
  };
}

function inOrder<T extends { facet: string; group: string }>(frame: Frame, items: T[]): T[] {
  const byKey = new Map(items.map((item) => [seriesKey(item.facet, item.group), item]));
  return combinations(frame.facets, frame.groups).flatMap(({ facet, group }) => byKey.get(seriesKey(facet, group)) ?? []);
}

/**
 * Quartiles (exact, interpolated like numpy's default), mean, whiskers at the
 * furthest values within 1.5 IQR of the box, and how many values lie beyond.
 */
export async function box(frame: Frame): Promise<Part<BoxChart>> {
  const exact = (await range(frame)).rows <= EXACT_ROWS;
  const rows = frameRows(frame, [`${frame.columns.x.expr} AS x`]);
  const answer = await query(
    frame,
    `WITH r AS ${rows},
      s AS (SELECT f, g, ${statsSelect('x', exact)} FROM r GROUP BY f, g),
      fences AS (SELECT *, q[1] - 1.5 * (q[3] - q[1]) AS lf, q[3] + 1.5 * (q[3] - q[1]) AS uf FROM s)
    SELECT f, g, any_value(n), any_value(lo), any_value(hi), any_value(mean), any_value(sd), any_value(q),
      min(r.x) FILTER (WHERE r.x >= lf), max(r.x) FILTER (WHERE r.x <= uf), count(*) FILTER (WHERE r.x < lf OR r.x > uf)
    FROM r JOIN fences USING (f, g) GROUP BY f, g`,
  );
  const series = inOrder(
    frame,
    answer.map((row) => ({ stats: readStats(row), lower: need(row[8]), upper: need(row[9]), outliers: need(row[10]), facet: String(row[0]), group: String(row[1]) })),
  ).map(({ stats, lower, upper, outliers }) => ({
    facet: orNull(stats.facet),
    group: orNull(stats.group),
    n: stats.n,
    min: stats.min,
    q1: stats.q1,
    median: stats.median,
    q3: stats.q3,
    max: stats.max,
    mean: stats.mean,
    lowerWhisker: lower,
    upperWhisker: upper,
    outliers,
  }));
  return { kind: 'box', rows: series.reduce((sum, s) => sum + s.n, 0), quantileMethod: exact ? 'exact' : 'reservoir', series };
}

/**
 * A density per group: counts over VIOLIN_GRID fine bins shared by all groups
 * (one scan in DuckDB), smoothed with a Gaussian kernel of Silverman's bandwidth.
 */
export async function violin(frame: Frame): Promise<Part<ViolinChart>> {
  const exact = (await range(frame)).rows <= EXACT_ROWS;
  const quantileMethod = exact ? ('exact' as const) : ('reservoir' as const);
  const rows = frameRows(frame, [`${frame.columns.x.expr} AS x`]);
  const stats = inOrder(frame, (await query(frame, `SELECT f, g, ${statsSelect('x', exact)} FROM ${rows} GROUP BY f, g`)).map(readStats));
  if (stats.length === 0) return { kind: 'violin', rows: 0, quantileMethod, grid: [], series: [] };
  const lo = Math.min(...stats.map((s) => s.min));
  const hi = Math.max(...stats.map((s) => s.max));
  const { edges, width } = equalEdges(lo, hi, VIOLIN_GRID);
  const start = edges[0] ?? lo;
  const bins = edges.length - 1;
  const counts = await binCounts(frame, start, width, bins);
  const grid = edges.slice(0, -1).map((edge, k) => (edge + (edges[k + 1] ?? edge)) / 2);
  const binOf = (value: number): number => Math.min(bins - 1, Math.max(0, Math.floor((value - start) / width)));
  const series = stats.map((s) => {
    const density = smoothDensity(counts.get(seriesKey(s.facet, s.group)) ?? [], width, s.n, bandwidth(s));
    const first = binOf(s.min);
    const last = binOf(s.max);
    return {
      facet: orNull(s.facet),
      group: orNull(s.group),
      n: s.n,
      min: s.min,
      q1: s.q1,
      median: s.median,
      q3: s.q3,
      max: s.max,
      mean: s.mean,
      density: density.map((d, k) => (k < first || k > last ? 0 : d)),
    };
  });
  return { kind: 'violin', rows: series.reduce((sum, s) => sum + s.n, 0), quantileMethod, grid, series };
}

/** Silverman's rule of thumb; falls back to the spread there is when the IQR or deviation is zero. */
export function bandwidth(stats: { n: number; std: number; q1: number; q3: number }): number {
  const iqr = (stats.q3 - stats.q1) / 1.34;
  const spread = Math.min(stats.std, iqr) > 0 ? Math.min(stats.std, iqr) : Math.max(stats.std, iqr);
  return 0.9 * spread * Math.max(stats.n, 1) ** -0.2;
}

/**
 * Binned counts convolved with a Gaussian kernel (in bins), divided by n and
 * the bin width: a density in x's units. A kernel narrower than half a bin
 * leaves the histogram as it is.
 */
export function smoothDensity(counts: readonly number[], width: number, n: number, h: number): number[] {
  if (n === 0) return counts.map(() => 0);
  const scale = h / width;
  if (!(scale > 0.5)) return counts.map((c) => c / (n * width));
  const reach = Math.ceil(3 * scale);
  const weights = Array.from({ length: 2 * reach + 1 }, (_, i) => Math.exp(-0.5 * ((i - reach) / scale) ** 2));
  const total = weights.reduce((a, b) => a + b, 0);
  return counts.map((_, k) => {
    let sum = 0;
    for (let d = -reach; d <= reach; d++) sum += (counts[k + d] ?? 0) * (weights[d + reach] ?? 0);
    return sum / total / (n * width);
  });
}
