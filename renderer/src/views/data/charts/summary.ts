import type { ChartData } from '../../../../../shared/contract';

const count = (n: number): string => n.toLocaleString('en-US');

/** One line under the chart: what was drawn, and anything the picture leaves out. */
export function summaryOf(chart: ChartData): string {
  const parts = [`${count(chart.rows)} rows`];
  switch (chart.kind) {
    case 'histogram':
      parts.push(`${Math.max(0, chart.edges.length - 1)} bins`);
      break;
    case 'box':
    case 'violin':
      if (chart.quantileMethod === 'reservoir') parts.push('quartiles estimated from a sample of 65,536 values per group');
      break;
    case 'bar':
      if (chart.omittedCategories > 0) parts.push(`${count(chart.omittedCategories)} less frequent ${chart.omittedCategories === 1 ? 'value' : 'values'} not shown`);
      break;
    case 'scatter':
      if (chart.binned) {
        parts.push(`too many points to draw one by one: counts on a ${chart.xEdges.length - 1} × ${chart.yEdges.length - 1} grid`);
        if (chart.spec.color !== undefined) parts.push('colour is not shown');
      }
      break;
    case 'line':
      parts.push(chart.bucket === 'bin' ? `${chart.spec.bins} bins of ${chart.spec.x}` : `per ${chart.bucket}`);
      break;
  }
  parts.push(`${chart.seconds.toFixed(2)} s`);
  return parts.join(' · ');
}
