import { quoteIdent, type Engine } from '../../data';
import type { ColumnKind } from './choose';

/**
 * The SQL behind the drift report. Every pass aggregates inside DuckDB: what
 * comes back to JS is a few numbers per column, counts per category or bin,
 * never the million values.
 */

export interface ColumnInput {
  name: string;
  kind: ColumnKind;
}

export type Run = (sql: string) => Promise<unknown[][]>;

/** Runs every statement on one connection of the engine, so that the per-column temp table lives across them. */
export async function withRunner<T>(engine: Engine, signal: AbortSignal | undefined, work: (run: Run) => Promise<T>): Promise<T> {
  return engine.connect(async (connection) => work(async (sql) => (await connection.runAndReadAll(sql)).getRowsJson()), signal ? { signal } : {});
}

/** The value as the statistics see it: numbers as DOUBLE (NaN as missing), everything else as text. */
export function valueExpression(column: ColumnInput): string {
  const id = quoteIdent(column.name);
  return column.kind === 'numeric' ? `CASE WHEN isnan(${id}::DOUBLE) THEN NULL ELSE ${id}::DOUBLE END` : `${id}::VARCHAR`;
}

const num = (value: unknown): number => Number(value);
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export interface ColumnGroups {
  refRows: number;
  curRows: number;
  refNonNull: number;
  curNonNull: number;
  /** Distinct non-missing values over both sides. */
  distinct: number;
  min: number | null;
  max: number | null;
  /** The reference's population standard deviation (numbers only). */
  refStd: number | null;
}

const GROUPS = 'drift_groups';

/**
 * The one scan of a column: counts per distinct value (missing included) on
 * each side, kept in a temp table. Everything else (distinct count, shares,
 * bins, ECDF gaps) is read from these groups, which are far fewer than the rows
 * whenever values repeat.
 */
export async function groupColumn(run: Run, reference: string, current: string, column: ColumnInput): Promise<ColumnGroups> {
  const value = valueExpression(column);
  await run(`CREATE OR REPLACE TEMP TABLE ${GROUPS} AS
    SELECT v, count(*) FILTER (WHERE side = 0)::DOUBLE AS r, count(*) FILTER (WHERE side = 1)::DOUBLE AS c
    FROM (SELECT ${value} AS v, 0 AS side FROM ${reference} UNION ALL SELECT ${value}, 1 FROM ${current}) GROUP BY v`);
  const numeric = column.kind === 'numeric';
  const [row = []] = await run(`WITH t AS (SELECT sum(r) AS nr, sum(c) AS nc, sum(r) FILTER (WHERE v IS NOT NULL) AS vr, sum(c) FILTER (WHERE v IS NOT NULL) AS vc,
      count(v)::DOUBLE AS d ${numeric ? ', min(v) AS lo, max(v) AS hi, sum(r * v) / sum(r) FILTER (WHERE v IS NOT NULL) AS mean' : ''} FROM ${GROUPS})
    SELECT coalesce(nr, 0), coalesce(nc, 0), coalesce(vr, 0), coalesce(vc, 0), d, ${numeric ? `lo, hi, (SELECT sqrt(sum(r * (v - mean) * (v - mean)) / vr) FROM ${GROUPS} WHERE v IS NOT NULL)` : 'NULL, NULL, NULL'} FROM t`);
  return {
    refRows: num(row[0]),
    curRows: num(row[1]),
    refNonNull: num(row[2]),
    curNonNull: num(row[3]),
    distinct: num(row[4]),
    min: numOrNull(row[5]),
    max: numOrNull(row[6]),
    refStd: numOrNull(row[7]),
  };
}

export interface Counts {
  keys: string[];
  reference: number[];
  current: number[];
}

/** Counts per distinct value on each side, values in order. */
export async function valueCounts(run: Run): Promise<Counts> {
  const rows = await run(`SELECT v::VARCHAR, r, c FROM ${GROUPS} WHERE v IS NOT NULL ORDER BY v`);
  return { keys: rows.map((row) => String(row[0])), reference: rows.map((row) => num(row[1])), current: rows.map((row) => num(row[2])) };
}

/**
 * Counts per equal-width bin between `low` and `high` (numpy.histogram's
 * bins: the last one closed), for every bin count asked, in one scan.
 */
export async function binCounts(
  run: Run,
  low: number,
  high: number,
  binCountsWanted: number[],
): Promise<{ reference: number[]; current: number[] }[]> {
  const span = high - low;
  const indexOf = (bins: number): string => (span > 0 ? `least(floor((v - ${low}) * ${bins} / ${span}), ${bins - 1})::INTEGER` : '0');
  const selects = binCountsWanted.map((bins, i) => `${indexOf(bins)} AS b${i}`).join(', ');
  const rows = await run(
    `SELECT ${binCountsWanted.map((_, i) => `b${i}`).join(', ')}, sum(r), sum(c) FROM (SELECT ${selects}, r, c FROM ${GROUPS} WHERE v IS NOT NULL) GROUP BY GROUPING SETS (${binCountsWanted.map((_, i) => `(b${i})`).join(', ')})`,
  );
  const out = binCountsWanted.map((bins) => ({ reference: new Array<number>(bins).fill(0), current: new Array<number>(bins).fill(0) }));
  for (const row of rows) {
    const [refCount, curCount] = [num(row.at(-2)), num(row.at(-1))];
    out.forEach((target, i) => {
      if (row[i] === null || row[i] === undefined) return;
      const bin = num(row[i]);
      target.reference[bin] = (target.reference[bin] ?? 0) + refCount;
      target.current[bin] = (target.current[bin] ?? 0) + curCount;
    });
  }
  return out;
}

/**
 * The two-sample KS statistic (the largest gap between the ECDFs) and the
 * Wasserstein distance (∫|F_ref − F_cur| dx), exactly, from one sort of the
 * merged distinct values with running counts.
 */
export async function ecdfGaps(run: Run, nRef: number, nCur: number): Promise<{ ks: number; wasserstein: number }> {
  const [row = []] = await run(`WITH f AS (
      SELECT v, abs(sum(r) OVER w / ${nRef} - sum(c) OVER w / ${nCur}) AS gap, lead(v) OVER (ORDER BY v) AS next
      FROM ${GROUPS} WHERE v IS NOT NULL WINDOW w AS (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
    SELECT max(gap), coalesce(sum(gap * (next - v)), 0) FROM f`);
  return { ks: num(row[0]), wasserstein: num(row[1]) };
}
