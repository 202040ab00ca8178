import { quantileKeys, quantileLevels, type Histogram } from '../../shared/contract';
import { quoteIdent } from './sql';

export type Kind = 'numeric' | 'date' | 'category';

export interface ProfiledColumn {
  name: string;
  type: string;
  kind: Kind;
  /** The column as SQL, already cast for its kind (DOUBLE, epoch ms, or text). */
  expr: string;
  /**
   * The column uncast where that gives the same min, max and distinct count
   * (integers): DuckDB scans native integers for these several times faster.
   */
  native: string;
}

export const HISTOGRAM_BINS = 40;
export const TOP_VALUES = 10;
/** Up to this many rows, distinct counts and quantiles are exact. */
export const EXACT_ROWS = 1_000_000;
const RESERVOIR = 65_536;

const numericTypes = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;
const integerTypes = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const dateTypes = /^(DATE|TIMESTAMP)/;

export function classify(name: string, type: string): ProfiledColumn {
  const column = quoteIdent(name);
  if (numericTypes.test(type)) {
    const expr = `CAST(${column} AS DOUBLE)`;
    return { name, type, kind: 'numeric', expr, native: integerTypes.test(type) ? column : expr };
  }
  if (dateTypes.test(type)) {
    const expr = `CAST(epoch_ms(CAST(${column} AS TIMESTAMP)) AS DOUBLE)`;
    return { name, type, kind: 'date', expr, native: expr };
  }
  const expr = `CAST(${column} AS VARCHAR)`;
  return { name, type, kind: 'category', expr, native: expr };
}

/** Pass 1: one scan for counts, extremes, moments, distinct counts, quantiles and lengths. */
export function summarySql(relation: string, columns: readonly ProfiledColumn[], exact: boolean): string {
  const levels = `[${quantileLevels.join(', ')}]`;
  const parts = columns.flatMap((c, i) => {
    const distinct = exact ? `count(DISTINCT ${c.native})` : `approx_count_distinct(${c.native})`;
    // Categories get an exact distinct count from their top-values GROUP BY instead.
    const common = c.kind === 'category' ? [`count(${c.expr}) AS n${i}`] : [`count(${c.expr}) AS n${i}`, `${distinct} AS u${i}`];
    if (c.kind === 'numeric') {
      const quantiles = exact ? `quantile_cont(${c.expr}, ${levels})` : `reservoir_quantile(${c.expr}, ${levels}, ${RESERVOIR})`;
      return [...common, `min(${c.native}) AS lo${i}`, `max(${c.native}) AS hi${i}`, `avg(${c.expr}) AS m${i}`, `stddev_samp(${c.expr}) AS s${i}`, `${quantiles} AS q${i}`];
    }
    if (c.kind === 'date') return [...common, `min(${c.expr}) AS lo${i}`, `max(${c.expr}) AS hi${i}`];
    return [...common, `min(length(${c.expr})) AS lo${i}`, `avg(length(${c.expr})) AS m${i}`, `max(length(${c.expr})) AS hi${i}`];
  });
  return `SELECT count(*) AS rows, ${parts.join(', ')} FROM ${relation}`;
}

export interface Summary {
  rows: number;
  get(index: number, key: string): unknown;
}

export function readSummary(columnNames: readonly string[], row: readonly unknown[]): Summary {
  const byName = new Map(columnNames.map((name, index) => [name, row[index]]));
  return { rows: Number(byName.get('rows') ?? 0), get: (index, key) => byName.get(`${key}${index}`) };
}

export function equalWidthEdges(min: number | null, max: number | null): number[] {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) return [min, max];
  const width = (max - min) / HISTOGRAM_BINS;
  return Array.from({ length: HISTOGRAM_BINS + 1 }, (_, k) => (k === HISTOGRAM_BINS ? max : min + k * width));
}

/**
 * Equal-width bins, closed on the left and the last one on both sides, as
 * numpy and pandas count them: bin k holds edges[k] <= x < edges[k+1].
 */
export function histogramSql(expr: string, edges: readonly number[]): string {
  if (edges.length < 2) return 'NULL';
  if (edges[0] === edges.at(-1)) return `count(${expr})`;
  // FILTER: least() skips NULLs, so without it every NULL would land in the last bin.
  return `histogram(${binExpr(expr, edges)}) FILTER (WHERE ${expr} IS NOT NULL)`;
}

/** The bin index of a value: 0 .. bins-1 (a constant column has one bin). */
export function binExpr(expr: string, edges: readonly number[]): string {
  const bins = edges.length - 1;
  const min = edges[0] ?? 0;
  const max = edges[bins] ?? 0;
  if (bins < 1 || min === max) return '0';
  // UTINYINT (bins <= 255): DuckDB groups a one-byte key faster than an INTEGER.
  return `CAST(least(floor((${expr} - ${min}) / ${(max - min) / bins}), ${bins - 1}) AS ${bins <= 255 ? 'UTINYINT' : 'INTEGER'})`;
}

/**
 * All histograms of a table, as (column, bin, count) rows: one small GROUP BY
 * per column, which DuckDB runs faster than map-building histogram() aggregates.
 */
export function histogramsSql(relation: string, columns: readonly { index: number; expr: string; edges: readonly number[] }[]): string {
  return columns
    .map(({ index, expr, edges }) => `(SELECT ${index} AS col, ${binExpr(expr, edges)} AS bin, count(*) AS n FROM ${relation} WHERE ${expr} IS NOT NULL GROUP BY 2)`)
    .join(' UNION ALL ');
}

export function readHistogram(value: unknown, edges: readonly number[]): Histogram {
  if (edges.length < 2) return { edges: [], counts: [] };
  const counts = new Array<number>(edges.length - 1).fill(0);
  if (!Array.isArray(value)) {
    counts[0] = Number(value ?? 0); // a single bin: min == max
    return { edges: [...edges], counts };
  }
  for (const entry of value as { key: number | string; value: string | number }[]) {
    const index = Number(entry.key);
    if (index >= 0 && index < counts.length) counts[index] = (counts[index] ?? 0) + Number(entry.value);
  }
  return { edges: [...edges], counts };
}

/**
 * Top values of each category column with its exact distinct count, by a
 * GROUP BY each (faster than map aggregates, and exact where HyperLogLog is not).
 */
export function topValuesSql(relation: string, columns: readonly ProfiledColumn[]): string {
  return columns
    .map(
      (c, i) =>
        `(SELECT ${i} AS col, v, n, distinct_values FROM (SELECT v, n, count(*) OVER () AS distinct_values, row_number() OVER (ORDER BY n DESC, v) AS r
          FROM (SELECT ${c.expr} AS v, count(*) AS n FROM ${relation} WHERE ${c.expr} IS NOT NULL GROUP BY 1)) WHERE r <= ${TOP_VALUES})`,
    )
    .join(' UNION ALL ');
}

export function quantilesFrom(value: unknown): Record<(typeof quantileKeys)[number], number | null> {
  const list = Array.isArray(value) ? value.map((v) => (v === null ? null : Number(v))) : [];
  return Object.fromEntries(quantileKeys.map((key, i) => [key, list[i] ?? null])) as Record<(typeof quantileKeys)[number], number | null>;
}

export const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function isoFromMs(value: unknown): string | null {
  const ms = num(value);
  return ms === null ? null : new Date(ms).toISOString();
}

