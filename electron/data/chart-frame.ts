import type { ChartSpec } from '../../shared/contract';
import type { ChartColumns } from './chart-sql';
import type { Engine } from './engine';

/** What every chart kind works on: the rows to draw, with their colour group `g` and facet `f`. */
export interface Frame {
  engine: Engine;
  signal: AbortSignal;
  spec: ChartSpec;
  columns: ChartColumns;
  /** A table, view or parenthesised SELECT. */
  source: string;
  /** Which rows are drawn (non-null x, and y where needed). */
  where: string;
  /** Group labels: '' when there is no colour or facet. */
  groupExpr: string;
  facetExpr: string;
  groups: string[];
  facets: string[];
}

/** The drawn rows, with the given expressions and `g`, `f`, as a parenthesised SELECT. */
export function frameRows(frame: Frame, items: readonly string[]): string {
  const all = [...items, `${frame.groupExpr} AS g`, `${frame.facetExpr} AS f`];
  return `(SELECT ${all.join(', ')} FROM ${frame.source} WHERE ${frame.where})`;
}

export async function query(frame: Frame, sql: string): Promise<unknown[][]> {
  return (await frame.engine.query(sql, { signal: frame.signal })).rows;
}
