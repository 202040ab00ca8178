import type { BarChart, BoxChart, ChartData, HistogramChart, LineChart, ScatterChart, ViolinChart } from '../../../../../shared/contract';
import { facetGrid, panelOf, type Grid } from './facets';
import {
  aggregateTitle,
  baseLayout,
  centres,
  colorOf,
  legendOnce,
  nameOf,
  placement,
  withAlpha,
  type AxisSpec,
  type Trace,
} from './figure-parts';
import type { ThemeColors } from './theme-colors';

export type { Trace } from './figure-parts';

/** What plotly draws: traces, layout, and the height the plot needs. */
export interface Figure {
  data: Trace[];
  layout: Trace;
  height: number;
}

type Built = { data: Trace[]; axes: AxisSpec; layout?: Trace };

const numberAxis = (type: ChartData['xType'] | ChartData['yType']): 'linear' | 'date' => (type === 'date' ? 'date' : 'linear');

/** Turns chart data (already aggregated by the backend) into a plotly figure, facets as a grid of subplots. */
export function buildFigure(chart: ChartData, theme: ThemeColors): Figure {
  const grid = facetGrid(chart.facets);
  const built = tracesOf(chart, grid, theme);
  const layout = { ...baseLayout(chart, grid, theme, built.axes), ...built.layout };
  return { data: built.data, layout, height: grid.height };
}

function tracesOf(chart: ChartData, grid: Grid, theme: ThemeColors): Built {
  switch (chart.kind) {
    case 'histogram':
      return histogram(chart, grid, theme);
    case 'box':
      return box(chart, grid, theme);
    case 'violin':
      return violin(chart, grid, theme);
    case 'bar':
      return bar(chart, grid, theme);
    case 'scatter':
      return chart.binned ? heatmap(chart, grid, theme) : scatter(chart, grid, theme);
    case 'line':
      return line(chart, grid, theme);
  }
}

function histogram(chart: HistogramChart, grid: Grid, theme: ThemeColors): Built {
  const legend = legendOnce();
  const x = centres(chart.edges);
  const widths = chart.edges.slice(0, -1).map((edge, k) => (chart.edges[k + 1] ?? edge) - edge);
  const data = chart.series.map((s) => ({
    type: 'bar',
    ...placement(chart, panelOf(grid, s.facet), s.group, legend(s.group)),
    x,
    y: s.counts,
    width: widths,
    marker: { color: colorOf(chart, s.group, theme), line: { width: 0 } },
    opacity: chart.groups.length > 1 ? 0.55 : 0.9,
  }));
  return {
    data,
    axes: { xTitle: chart.spec.x, yTitle: 'rows', xType: numberAxis(chart.xType), yType: 'linear' },
    layout: { barmode: 'overlay', bargap: 0 },
  };
}

function box(chart: BoxChart, grid: Grid, theme: ThemeColors): Built {
  const legend = legendOnce();
  const data = chart.series.map((s) => {
    const color = colorOf(chart, s.group, theme);
    const name = nameOf(chart, s.group);
    return {
      type: 'box',
      ...placement(chart, panelOf(grid, s.facet), s.group, legend(s.group)),
      x: [name],
      q1: [s.q1],
      median: [s.median],
      q3: [s.q3],
      lowerfence: [s.lowerWhisker],
      upperfence: [s.upperWhisker],
      mean: [s.mean],
      boxpoints: false,
      marker: { color },
      line: { color },
      fillcolor: withAlpha(color, 0.3),
    };
  });
  return { data, axes: { xTitle: chart.spec.color ?? '', yTitle: chart.spec.x, xType: 'category', yType: 'linear' } };
}

function violin(chart: ViolinChart, grid: Grid, theme: ThemeColors): Built {
  const legend = legendOnce();
  const names = chart.groups.length > 0 ? chart.groups : [chart.spec.x];
  const position = (group: string | null): number => Math.max(0, group === null ? 0 : names.indexOf(group));
  const peak = Math.max(...chart.series.flatMap((s) => s.density), 0);
  const half = peak > 0 ? 0.42 / peak : 0;
  const data = chart.series.flatMap((s) => {
    const panel = panelOf(grid, s.facet);
    const at = position(s.group);
    const color = colorOf(chart, s.group, theme);
    const kept = chart.grid.flatMap((y, k) => ((s.density[k] ?? 0) > 0 ? [{ y, d: s.density[k] ?? 0 }] : []));
    const right = kept.map((p) => at + p.d * half);
    const left = kept.map((p) => at - p.d * half).reverse();
    const ys = kept.map((p) => p.y);
    const outline = {
      type: 'scatter',
      mode: 'lines',
      ...placement(chart, panel, s.group, legend(s.group)),
      x: [...right, ...left],
      y: [...ys, ...[...ys].reverse()],
      fill: 'toself',
      fillcolor: withAlpha(color, 0.35),
      line: { color, width: 1 },
      hoverinfo: 'skip',
    };
    const quartiles = {
      type: 'scatter',
      mode: 'lines+markers',
      xaxis: panel.xaxis,
      yaxis: panel.yaxis,
      showlegend: false,
      x: [at, at, at],
      y: [s.q1, s.median, s.q3],
      line: { color: theme.fg, width: 4 },
      marker: { size: [0, 9, 0], color: theme.bg, line: { color: theme.fg, width: 2 } },
      text: ['q1', 'median', 'q3'],
      hovertemplate: `${nameOf(chart, s.group)}<br>%{text}: %{y}<br>n = ${s.n.toLocaleString()}<extra></extra>`,
    };
    return [outline, quartiles];
  });
  return {
    data,
    axes: {
      xTitle: chart.spec.color ?? '',
      yTitle: chart.spec.x,
      xType: 'linear',
      yType: 'linear',
      xTicks: { values: names.map((_, i) => i), labels: names },
      xRange: [-0.55, names.length - 0.45],
    },
    layout: { hovermode: 'closest' },
  };
}

function bar(chart: BarChart, grid: Grid, theme: ThemeColors): Built {
  const legend = legendOnce();
  const data = chart.series.map((s) => ({
    type: 'bar',
    ...placement(chart, panelOf(grid, s.facet), s.group, legend(s.group)),
    x: chart.categories,
    y: s.values,
    marker: { color: colorOf(chart, s.group, theme) },
  }));
  return {
    data,
    axes: { xTitle: chart.spec.x, yTitle: aggregateTitle(chart.aggregate, chart.spec.y), xType: 'category', yType: 'linear' },
    layout: { barmode: 'group' },
  };
}

function scatter(chart: ScatterChart, grid: Grid, theme: ThemeColors): Built {
  const legend = legendOnce();
  const many = chart.rows > 5000;
  const data = chart.series.map((s) => ({
    type: 'scatter',
    mode: 'markers',
    ...placement(chart, panelOf(grid, s.facet), s.group, legend(s.group)),
    x: s.x,
    y: s.y,
    marker: { color: colorOf(chart, s.group, theme), size: many ? 3 : 6, opacity: many ? 0.5 : 0.75 },
  }));
  return { data, axes: scatterAxes(chart), layout: { hovermode: 'closest' } };
}

function heatmap(chart: ScatterChart, grid: Grid, theme: ThemeColors): Built {
  const zmax = Math.max(1, ...chart.heatmaps.flatMap((h) => h.counts.flat()));
  const x = centres(chart.xEdges);
  const y = centres(chart.yEdges);
  const data = chart.heatmaps.map((h, i) => {
    const panel = panelOf(grid, h.facet);
    return {
      type: 'heatmap',
      xaxis: panel.xaxis,
      yaxis: panel.yaxis,
      name: 'rows',
      x,
      y,
      // Empty cells stay blank rather than the colour of zero.
      z: h.counts.map((row) => row.map((n) => (n === 0 ? null : n))),
      zmin: 1,
      zmax,
      colorscale: 'Viridis',
      showscale: i === 0,
      colorbar: { title: { text: 'rows' }, outlinewidth: 0, tickfont: { color: theme.fg } },
      hovertemplate: `${chart.spec.x} %{x}<br>${chart.spec.y ?? ''} %{y}<br>%{z} rows<extra></extra>`,
    };
  });
  return { data, axes: scatterAxes(chart) };
}

function scatterAxes(chart: ScatterChart): AxisSpec {
  return { xTitle: chart.spec.x, yTitle: chart.spec.y ?? '', xType: numberAxis(chart.xType), yType: numberAxis(chart.yType) };
}

function line(chart: LineChart, grid: Grid, theme: ThemeColors): Built {
  const legend = legendOnce();
  const data = chart.series.map((s) => ({
    type: 'scatter',
    mode: s.x.length <= 80 ? 'lines+markers' : 'lines',
    ...placement(chart, panelOf(grid, s.facet), s.group, legend(s.group)),
    x: s.x,
    y: s.y,
    line: { color: colorOf(chart, s.group, theme), width: 2 },
    marker: { color: colorOf(chart, s.group, theme), size: 5 },
  }));
  return {
    data,
    axes: { xTitle: chart.spec.x, yTitle: aggregateTitle(chart.aggregate, chart.spec.y), xType: numberAxis(chart.xType), yType: 'linear' },
    layout: { hovermode: 'x unified' },
  };
}
