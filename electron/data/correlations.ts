import type { Matrix } from '../../shared/contract';
import type { Engine, RunOptions } from './engine';
import type { ProfiledColumn } from './profile-sql';
import { quoteIdent } from './sql';

/** Category columns with more values than this get no Cramér's V (their tables say little). */
export const MAX_CATEGORY_VALUES = 100;

/** Every (i, j) with i < j below n. */
const pairs = (n: number): [number, number][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n - i - 1 }, (__, k): [number, number] => [i, i + 1 + k])).flat();

const exprOf = (columns: readonly ProfiledColumn[], index: number): string => {
  const column = columns[index];
  if (!column) throw new Error(`no column ${index}`);
  return column.expr;
};

function square(columns: readonly ProfiledColumn[], values: Map<string, number | null>): Matrix {
  return {
    columns: columns.map((c) => c.name),
    values: columns.map((a, i) => columns.map((b, j) => (i === j ? 1 : (values.get(`${Math.min(i, j)}:${Math.max(i, j)}`) ?? null)))),
  };
}

/** Pearson's r between every pair of numeric columns. */
export async function pearson(engine: Engine, relation: string, columns: readonly ProfiledColumn[], options: RunOptions): Promise<Matrix> {
  const all = pairs(columns.length);
  if (all.length === 0) return square(columns, new Map());
  const { rows } = await engine.query(`SELECT ${all.map(([i, j]) => `corr(${exprOf(columns, i)}, ${exprOf(columns, j)})`).join(', ')} FROM ${relation}`, options);
  return square(columns, new Map(all.map(([i, j], k) => [`${i}:${j}`, finite(rows[0]?.[k])])));
}

/** Spearman's rho: Pearson's r on average ranks (ties share the mean of their ranks). */
export async function spearman(engine: Engine, relation: string, columns: readonly ProfiledColumn[], options: RunOptions): Promise<Matrix> {
  if (columns.length < 2) return square(columns, new Map());
  const ranked = columns
    // Average rank = (first rank + last rank) / 2; the last is cume_dist * N. Both come
    // from one sort per column, half the work of a second PARTITION BY window.
    .map((c, i) => {
      const order = `OVER (ORDER BY ${c.expr} NULLS LAST)`;
      return `CASE WHEN ${c.expr} IS NULL THEN NULL ELSE (rank() ${order} + cume_dist() ${order} * count(*) OVER ()) / 2.0 END AS r${i}`;
    })
    .join(', ');
  const rankedColumns = columns.map((c, i) => ({ ...c, expr: quoteIdent(`r${i}`) }));
  return pearson(engine, `(SELECT ${ranked} FROM ${relation})`, rankedColumns, options);
}

/**
 * Cramér's V between category columns, from chi-squared computed as
 * N * (sum of n_ab^2 / (n_a * n_b) - 1), which counts the empty cells too.
 */
export async function cramersV(engine: Engine, relation: string, columns: readonly ProfiledColumn[], distinct: readonly number[], options: RunOptions): Promise<Matrix> {
  const usable = pairs(columns.length).filter(([i, j]) => (distinct[i] ?? 0) <= MAX_CATEGORY_VALUES && (distinct[j] ?? 0) <= MAX_CATEGORY_VALUES);
  if (usable.length === 0) return square(columns, new Map());
  const queries = usable.map(([i, j]) => `(${contingencySql(relation, exprOf(columns, i), exprOf(columns, j), `${i}:${j}`)})`);
  const { rows } = await engine.query(queries.join(' UNION ALL '), options);
  const values = new Map(rows.map(([pair, ...sums]) => [String(pair), cramersFrom(sums)]));
  return square(columns, values);
}

/** The sums Cramér's V needs for columns a and b, as one row: tag, N, rows, columns, sum of n_ab^2/(n_a n_b). */
export function contingencySql(relation: string, a: string, b: string, tag: string): string {
  return `WITH cells AS (SELECT ${a} AS a, ${b} AS b, count(*) AS n FROM ${relation} WHERE ${a} IS NOT NULL AND ${b} IS NOT NULL GROUP BY 1, 2),
      ra AS (SELECT a, sum(n) AS na FROM cells GROUP BY a), rb AS (SELECT b, sum(n) AS nb FROM cells GROUP BY b)
    SELECT '${tag}' AS tag, (SELECT sum(n) FROM cells) AS total, (SELECT count(*) FROM ra) AS r, (SELECT count(*) FROM rb) AS k,
      sum(cells.n * cells.n / (ra.na * rb.nb)) AS s
    FROM cells JOIN ra USING (a) JOIN rb USING (b)`;
}

export function cramersFrom([total, r, k, s]: readonly unknown[]): number | null {
  const n = Number(total);
  const df = Math.min(Number(r) - 1, Number(k) - 1);
  return n > 0 && df > 0 ? Math.sqrt(Math.max(0, n * (Number(s) - 1)) / n / df) : null;
}

function finite(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
