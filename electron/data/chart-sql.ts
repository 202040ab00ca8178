import {
  NULL_LABEL,
  OTHER_LABEL,
  WorkbenchError,
  type ChartKind,
  type ChartSpec,
  type ResultColumn,
} from '../../shared/contract';
import type { Engine } from './engine';
import { classify, type Kind } from './profile-sql';
import { quoteIdent, quoteLiteral } from './sql';

/** A column a chart reads: `expr` is a DOUBLE (dates as epoch ms), `label` a non-null VARCHAR. */
export interface ChartColumn {
  name: string;
  type: string;
  kind: Kind;
  expr: string;
  label: string;
}

type Role = 'x' | 'y' | 'color' | 'facet';

const kindNames: Record<ChartKind, string> = {
  histogram: 'A histogram',
  box: 'A box plot',
  violin: 'A violin plot',
  bar: 'A bar chart',
  scatter: 'A scatter plot',
  line: 'A line chart',
};

/** Which column kinds each chart accepts for x and y (null: y is not used). */
const accepts: Record<ChartKind, { x: Kind[]; y: Kind[] | null; yRequired: boolean }> = {
  histogram: { x: ['numeric', 'date'], y: null, yRequired: false },
  box: { x: ['numeric'], y: null, yRequired: false },
  violin: { x: ['numeric'], y: null, yRequired: false },
  bar: { x: ['numeric', 'date', 'category'], y: ['numeric'], yRequired: false },
  scatter: { x: ['numeric', 'date'], y: ['numeric', 'date'], yRequired: true },
  line: { x: ['numeric', 'date'], y: ['numeric'], yRequired: false },
};

const kindWords: Record<Kind, string> = { numeric: 'number', date: 'date', category: 'text' };

export function toChartColumn(column: ResultColumn): ChartColumn {
  const classified = classify(column.name, column.type);
  const label = `coalesce(CAST(${quoteIdent(column.name)} AS VARCHAR), ${quoteLiteral(NULL_LABEL)})`;
  return { ...classified, label };
}

export interface ChartColumns {
  x: ChartColumn;
  y: ChartColumn | null;
  color: ChartColumn | null;
  facet: ChartColumn | null;
}

/** Checks that every column the spec names exists and suits its role; `invalid_input` names the column otherwise. */
export function resolveColumns(spec: ChartSpec, columns: readonly ResultColumn[], source: string): ChartColumns {
  const rule = accepts[spec.kind];
  const find = (name: string, role: Role): ChartColumn => {
    const column = columns.find((c) => c.name === name);
    if (!column) {
      const known = columns.slice(0, 30).map((c) => c.name).join(', ');
      throw new WorkbenchError('invalid_input', `There is no column "${name}" (${role}) in ${source}; its columns are: ${known}${columns.length > 30 ? ', …' : ''}.`, { column: name, role });
    }
    return toChartColumn(column);
  };
  const check = (column: ChartColumn, role: 'x' | 'y', allowed: Kind[]): ChartColumn => {
    if (!allowed.includes(column.kind)) {
      const wanted = allowed.map((k) => kindWords[k]).join(' or ');
      throw new WorkbenchError('invalid_input', `${kindNames[spec.kind]} needs a ${wanted} column for ${role}; "${column.name}" is ${column.type}.`, { column: column.name, role, type: column.type });
    }
    return column;
  };
  const x = check(find(spec.x, 'x'), 'x', rule.x);
  let y: ChartColumn | null = null;
  if (rule.y && spec.y !== undefined) y = check(find(spec.y, 'y'), 'y', rule.y);
  if (rule.yRequired && !y) throw new WorkbenchError('invalid_input', `${kindNames[spec.kind]} needs a y column.`, { role: 'y' });
  if ((spec.kind === 'bar' || spec.kind === 'line') && !y && spec.aggregate !== undefined && spec.aggregate !== 'count') {
    throw new WorkbenchError('invalid_input', `The ${spec.aggregate} needs a y column to aggregate; choose one, or count rows.`, { role: 'y', aggregate: spec.aggregate });
  }
  return {
    x,
    y,
    color: spec.color === undefined ? null : find(spec.color, 'color'),
    facet: spec.facet === undefined ? null : find(spec.facet, 'facet'),
  };
}

/** A number as a DuckDB DOUBLE literal (a bare 0.1 would be a DECIMAL). */
export function double(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
  return `(${String(value)}::DOUBLE)`;
}

/** Rows where the numeric or date column has a usable value (not NULL, NaN or infinite). */
export function finite(column: ChartColumn): string {
  return `isfinite(${column.expr})`;
}

/** The largest label values (the missing value as NULL_LABEL) by row count; `other` when more exist. */
export async function topLabels(
  engine: Engine,
  source: string,
  column: ChartColumn,
  where: string,
  limit: number,
  signal: AbortSignal,
): Promise<{ labels: string[]; other: boolean }> {
  const { rows } = await engine.query(
    `SELECT ${column.label} AS v, count(*) AS n FROM ${source} WHERE ${where} GROUP BY 1 ORDER BY n DESC, v LIMIT ${limit + 1}`,
    { signal },
  );
  const labels = rows.map((row) => String(row[0]));
  return { labels: labels.slice(0, limit), other: labels.length > limit };
}

/** The label of a row's group: its value when among `labels`, OTHER_LABEL otherwise. */
export function groupExpr(column: ChartColumn, top: { labels: string[]; other: boolean }): string {
  if (!top.other) return column.label;
  const list = top.labels.map(quoteLiteral).join(', ');
  return `CASE WHEN ${column.label} IN (${list}) THEN ${column.label} ELSE ${quoteLiteral(OTHER_LABEL)} END`;
}

/** Groups in display order: the largest first, then OTHER_LABEL. */
export function orderedLabels(top: { labels: string[]; other: boolean }): string[] {
  return top.other ? [...top.labels, OTHER_LABEL] : top.labels;
}

/**
 * Equal-width bins over [lo, hi]: `bins + 1` edges. A single value gets one
 * bin of width 1 around it, so that it still shows.
 */
export function equalEdges(lo: number, hi: number, bins: number): { edges: number[]; width: number } {
  if (lo === hi) return { edges: [lo - 0.5, lo + 0.5], width: 1 };
  const width = (hi - lo) / bins;
  return { edges: Array.from({ length: bins + 1 }, (_, k) => (k === bins ? hi : lo + k * width)), width };
}

/**
 * The bin of `expr` among equal-width edges, [edge k, edge k+1) with the last
 * closed. The floor is corrected against the edges themselves (same double
 * arithmetic as `equalEdges`), so a value on an edge lands in the bin it starts.
 */
export function binSql(expr: string, lo: number, width: number, bins: number): string {
  const k = `floor((${expr} - ${double(lo)}) / ${double(width)})`;
  const corrected = `(${k} + CASE WHEN ${expr} >= ${double(lo)} + (${k} + 1) * ${double(width)} THEN 1 WHEN ${expr} < ${double(lo)} + ${k} * ${double(width)} THEN -1 ELSE 0 END)`;
  return `CAST(least(greatest(${corrected}, 0), ${bins - 1}) AS INTEGER)`;
}

/**
 * `binSql` split in two for one-dimensional counts: GROUP BY the raw floor `k`
 * and count, per group, the values that the edge correction moves down or up.
 * The correction is then applied to the counts (`correctedBins`), not to every
 * row, which makes a 10-million-row histogram about a third faster.
 */
export function rawBinSql(expr: string, lo: number, width: number): { k: string; down: string; up: string } {
  const k = `floor((${expr} - ${double(lo)}) / ${double(width)})`;
  return {
    k,
    down: `count(*) FILTER (WHERE ${expr} < ${double(lo)} + ${k} * ${double(width)})`,
    up: `count(*) FILTER (WHERE ${expr} >= ${double(lo)} + (${k} + 1) * ${double(width)})`,
  };
}

/** Adds one raw group's counts into `counts`, as `binSql` would have binned its rows. */
export function addCorrected(counts: number[], k: number, total: number, down: number, up: number): void {
  const last = counts.length - 1;
  const add = (bin: number, n: number): void => {
    if (n === 0) return;
    const at = Math.min(Math.max(bin, 0), last);
    counts[at] = (counts[at] ?? 0) + n;
  };
  add(k - 1, down);
  add(k + 1, up);
  add(k, total - down - up);
}

/** Series keys: facet and group labels, '' when the chart has none. */
export function seriesKey(facet: string, group: string): string {
  return `${facet}\u0000${group}`;
}

/** Every facet × group combination, in display order (one '' entry when there is no facet or colour). */
export function combinations(facets: string[], groups: string[]): { facet: string; group: string }[] {
  const fs = facets.length === 0 ? [''] : facets;
  const gs = groups.length === 0 ? [''] : groups;
  return fs.flatMap((facet) => gs.map((group) => ({ facet, group })));
}

export const orNull = (label: string): string | null => (label === '' ? null : label);

export const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function need(value: unknown): number {
  const n = num(value);
  if (n === null || Number.isNaN(n)) throw new Error('expected a number from DuckDB');
  return n;
}
