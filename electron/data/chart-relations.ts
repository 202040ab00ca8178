import { BAR_CATEGORIES, SCATTER_POINTS, type BarChart, type ChartAggregate, type LineChart, type ScatterChart } from '../../shared/contract';
import { frameRows, query, type Frame } from './chart-frame';
import { binSql, combinations, equalEdges, need, num, orNull, seriesKey, type ChartColumn } from './chart-sql';
import { quoteIdent, quoteLiteral } from './sql';

type Part<T> = Omit<T, 'spec' | 'facets' | 'groups' | 'xType' | 'yType' | 'seconds'> & { groups?: string[] };

/** Line buckets: the first unit that gives at most this many buckets over x's range. */
export const LINE_BUCKETS = 500;

const timeUnits = [
  ['second', 1e3],
  ['minute', 6e4],
  ['hour', 3.6e6],
  ['day', 8.64e7],
  ['week', 6.048e8],
  ['month', 2.6298e9],
  ['year', 3.15576e10],
] as const;
type TimeUnit = (typeof timeUnits)[number][0];

export function timeBucket(spanMs: number): TimeUnit {
  return timeUnits.find(([, ms]) => spanMs / ms <= LINE_BUCKETS)?.[0] ?? 'year';
}

export function resolveAggregate(frame: Frame): ChartAggregate {
  return frame.spec.aggregate ?? (frame.columns.y ? 'mean' : 'count');
}

function aggregateSql(aggregate: ChartAggregate, y: ChartColumn | null): string {
  if (!y) return 'count(*)';
  const fn = { count: 'count', mean: 'avg', sum: 'sum', min: 'min', max: 'max' }[aggregate];
  return `${fn}(y)`;
}

/** The most frequent values of x; per facet and group, their count or y's aggregate. */
export async function bar(frame: Frame): Promise<Part<BarChart>> {
  const { x, y } = frame.columns;
  const aggregate = resolveAggregate(frame);
  const top = await query(
    frame,
    `SELECT v, n, count(*) OVER (), sum(n) OVER () FROM (SELECT ${x.label} AS v, count(*) AS n FROM ${frame.source} WHERE ${frame.where} GROUP BY 1) ORDER BY n DESC, v LIMIT ${BAR_CATEGORIES}`,
  );
  const categories = top.map((row) => String(row[0]));
  const distinct = num(top[0]?.[2]) ?? 0;
  const rows = num(top[0]?.[3]) ?? 0;
  if (categories.length === 0) return { kind: 'bar', rows, aggregate, categories, omittedCategories: 0, series: [] };
  const items = [`${x.label} AS xl`, ...(y ? [`${y.expr} AS y`] : [])];
  const answer = await query(
    frame,
    `SELECT f, g, xl, ${aggregateSql(aggregate, y)} FROM ${frameRows(frame, items)} WHERE xl IN (${categories.map(quoteLiteral).join(', ')}) GROUP BY ALL`,
  );
  const index = new Map(categories.map((c, i) => [c, i]));
  const values = new Map<string, (number | null)[]>();
  for (const [f, g, xl, value] of answer) {
    const key = seriesKey(String(f), String(g));
    const list = values.get(key) ?? categories.map(() => null);
    list[index.get(String(xl)) ?? 0] = num(value);
    values.set(key, list);
  }
  const series = combinations(frame.facets, frame.groups).flatMap(({ facet, group }) => {
    const found = values.get(seriesKey(facet, group));
    return found ? [{ facet: orNull(facet), group: orNull(group), values: found }] : [];
  });
  return { kind: 'bar', rows, aggregate, categories, omittedCategories: distinct - categories.length, series };
}

/** The points themselves up to SCATTER_POINTS; past that, counts over a bins × bins grid per facet. */
export async function scatter(frame: Frame): Promise<Part<ScatterChart>> {
  const { x, y } = frame.columns;
  if (!y) throw new Error('a scatter plot needs y');
  const [stats] = await query(frame, `SELECT count(*), min(${x.expr}), max(${x.expr}), min(${y.expr}), max(${y.expr}) FROM ${frame.source} WHERE ${frame.where}`);
  const rows = need(stats?.[0]);
  const empty = { kind: 'scatter' as const, rows, series: [], xEdges: [], yEdges: [], heatmaps: [] };
  if (rows === 0) return { ...empty, binned: false };
  const items = [`${x.expr} AS x`, `${y.expr} AS y`];
  if (rows <= SCATTER_POINTS) {
    const points = new Map<string, { x: number[]; y: number[] }>();
    for (const [px, py, g, f] of await query(frame, `SELECT * FROM ${frameRows(frame, items)}`)) {
      const key = seriesKey(String(f), String(g));
      const list = points.get(key) ?? { x: [], y: [] };
      list.x.push(need(px));
      list.y.push(need(py));
      points.set(key, list);
    }
    const series = combinations(frame.facets, frame.groups).flatMap(({ facet, group }) => {
      const found = points.get(seriesKey(facet, group));
      return found ? [{ facet: orNull(facet), group: orNull(group), ...found }] : [];
    });
    return { ...empty, binned: false, series };
  }
  const bins = frame.spec.bins;
  const xs = equalEdges(need(stats?.[1]), need(stats?.[2]), bins);
  const ys = equalEdges(need(stats?.[3]), need(stats?.[4]), bins);
  const xBins = xs.edges.length - 1;
  const yBins = ys.edges.length - 1;
  const cells = await query(
    frame,
    `SELECT f, ${binSql('x', xs.edges[0] ?? 0, xs.width, xBins)} AS xb, ${binSql('y', ys.edges[0] ?? 0, ys.width, yBins)} AS yb, count(*) FROM ${frameRows(frame, items)} GROUP BY ALL`,
  );
  const grids = new Map<string, number[][]>();
  for (const [f, bx, by, n] of cells) {
    const facet = String(f);
    const grid = grids.get(facet) ?? Array.from({ length: yBins }, () => new Array<number>(xBins).fill(0));
    const row = grid[need(by)];
    if (row) row[need(bx)] = need(n);
    grids.set(facet, grid);
  }
  const facets = frame.facets.length === 0 ? [''] : frame.facets;
  const heatmaps = facets.flatMap((facet) => {
    const counts = grids.get(facet);
    return counts ? [{ facet: orNull(facet), counts }] : [];
  });
  // Colour cannot show on a count grid: the answer says so by listing no groups.
  return { ...empty, binned: true, xEdges: xs.edges, yEdges: ys.edges, heatmaps, groups: [] };
}

/** y aggregated (or rows counted) per time bucket of a date x, or per equal-width bin of a numeric x. */
export async function line(frame: Frame): Promise<Part<LineChart>> {
  const { x, y } = frame.columns;
  const aggregate = resolveAggregate(frame);
  const [stats] = await query(frame, `SELECT count(*), min(${x.expr}), max(${x.expr}) FROM ${frame.source} WHERE ${frame.where}`);
  const rows = need(stats?.[0]);
  const lo = num(stats?.[1]);
  const hi = num(stats?.[2]);
  if (rows === 0 || lo === null || hi === null) return { kind: 'line', rows, aggregate, bucket: x.kind === 'date' ? 'day' : 'bin', series: [] };
  let bucket: LineChart['bucket'];
  let bucketExpr: string;
  let position: (b: number) => number;
  if (x.kind === 'date') {
    bucket = timeBucket(hi - lo);
    bucketExpr = `CAST(epoch_ms(date_trunc(${quoteLiteral(bucket)}, CAST(${quoteIdent(x.name)} AS TIMESTAMP))) AS DOUBLE)`;
    position = (b) => b;
  } else {
    const { edges, width } = equalEdges(lo, hi, frame.spec.bins);
    bucket = 'bin';
    bucketExpr = binSql(x.expr, edges[0] ?? lo, width, edges.length - 1);
    position = (b) => ((edges[b] ?? 0) + (edges[b + 1] ?? 0)) / 2;
  }
  const items = [`${bucketExpr} AS b`, ...(y ? [`${y.expr} AS y`] : [])];
  const answer = await query(frame, `SELECT f, g, b, ${aggregateSql(aggregate, y)} FROM ${frameRows(frame, items)} GROUP BY ALL ORDER BY b`);
  const lines = new Map<string, { x: number[]; y: (number | null)[] }>();
  for (const [f, g, b, value] of answer) {
    const key = seriesKey(String(f), String(g));
    const list = lines.get(key) ?? { x: [], y: [] };
    list.x.push(position(need(b)));
    list.y.push(num(value));
    lines.set(key, list);
  }
  const series = combinations(frame.facets, frame.groups).flatMap(({ facet, group }) => {
    const found = lines.get(seriesKey(facet, group));
    return found ? [{ facet: orNull(facet), group: orNull(group), ...found }] : [];
  });
  return { kind: 'line', rows, aggregate, bucket, series };
}
