import { CHART_COLOR_GROUPS, CHART_FACETS, type ChartData, type ChartKind, type ChartSpec } from '../../shared/contract';
import type { Frame } from './chart-frame';
import { box, histogram, violin } from './chart-distributions';
import { bar, line, scatter } from './chart-relations';
import { finite, groupExpr, orderedLabels, resolveColumns, topLabels, type ChartColumns } from './chart-sql';
import type { Engine } from './engine';
import type { Relation } from './service';
import { quoteIdent, scratchTable } from './sql';

/** Which rows a chart draws: those with a usable x (and y where it is needed). Bars count every row. */
function drawnRows(kind: ChartKind, columns: ChartColumns): string {
  if (kind === 'bar') return 'TRUE';
  const conditions = [finite(columns.x)];
  if (columns.y && (kind === 'scatter' || kind === 'line')) conditions.push(finite(columns.y));
  return conditions.join(' AND ');
}

/**
 * Chart data for one spec, aggregated in DuckDB: a few scans at most, and
 * never more than SCATTER_POINTS rows sent. Text files and query results are
 * first copied (only the columns the chart reads) into a scratch table, so
 * that they are parsed or run once rather than once per scan.
 */
export async function chartData(engine: Engine, relation: Relation, spec: ChartSpec, signal: AbortSignal): Promise<ChartData> {
  const started = performance.now();
  const columns = resolveColumns(spec, relation.columns, relation.source === 'query' ? 'the query result' : `"${relation.source}"`);
  const scratch = relation.materialize ? await scratchTable(engine, 'chart') : null;
  try {
    let source = relation.relation;
    if (scratch) {
      const used = [...new Set([columns.x, columns.y, columns.color, columns.facet].flatMap((c) => (c ? [quoteIdent(c.name)] : [])))];
      await engine.execute(`CREATE TABLE ${scratch} AS SELECT ${used.join(', ')} FROM ${relation.relation}`, { signal });
      source = scratch;
    }
    const where = drawnRows(spec.kind, columns);
    const colorTop = columns.color ? await topLabels(engine, source, columns.color, where, CHART_COLOR_GROUPS, signal) : null;
    const facetTop = columns.facet ? await topLabels(engine, source, columns.facet, where, CHART_FACETS, signal) : null;
    const frame: Frame = {
      engine,
      signal,
      spec,
      columns,
      source,
      where,
      groupExpr: columns.color && colorTop ? groupExpr(columns.color, colorTop) : "''",
      facetExpr: columns.facet && facetTop ? groupExpr(columns.facet, facetTop) : "''",
      groups: colorTop ? orderedLabels(colorTop) : [],
      facets: facetTop ? orderedLabels(facetTop) : [],
    };
    const common = {
      spec,
      facets: frame.facets,
      groups: frame.groups,
      xType: spec.kind === 'bar' ? ('category' as const) : columns.x.kind === 'date' ? ('date' as const) : ('number' as const),
      yType: !columns.y || spec.kind === 'histogram' || spec.kind === 'box' || spec.kind === 'violin' ? null : columns.y.kind === 'date' ? ('date' as const) : ('number' as const),
    };
    const seconds = (): number => (performance.now() - started) / 1000;
    switch (spec.kind) {
      case 'histogram':
        return { ...common, ...(await histogram(frame)), seconds: seconds() };
      case 'box':
        return { ...common, ...(await box(frame)), seconds: seconds() };
      case 'violin':
        return { ...common, ...(await violin(frame)), seconds: seconds() };
      case 'bar':
        return { ...common, ...(await bar(frame)), seconds: seconds() };
      case 'scatter':
        return { ...common, ...(await scatter(frame)), seconds: seconds() };
      case 'line':
        return { ...common, ...(await line(frame)), seconds: seconds() };
      default:
        throw new Error(`unknown chart kind ${String(spec.kind satisfies never)}`);
    }
  } finally {
    if (scratch) await engine.execute(`DROP TABLE IF EXISTS ${scratch}`).catch(() => undefined);
  }
}
