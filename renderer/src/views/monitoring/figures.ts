import type { Data, Layout } from 'plotly.js-dist-min';
import type { ColumnDrift, MonitoringReport } from '../../../../shared/contract';
import type { PlotlyFigure } from '../../app/use-plotly-figure';
import type { ThemeColors } from '../data/charts/theme-colors';

/** Counts as shares of their side, so a reference of 1M rows and a window of 1k compare bar for bar. */
export function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count) => (total > 0 ? count / total : 0));
}

/** The reference and current distributions side by side, small enough for a table cell: bars only, no axes. */
export function histogramFigure(histogram: ColumnDrift['histogram'], colors: ThemeColors): PlotlyFigure {
  const bar = (name: string, values: readonly number[], color: string): Data => ({
    type: 'bar',
    name,
    x: histogram.bins,
    y: shares(values),
    marker: { color },
    hovertemplate: `${name} %{x}: %{y:.1%}<extra></extra>`,
  });
  return {
    data: [bar('reference', histogram.reference, colors.fgSoft), bar('current', histogram.current, colors.accent)],
    layout: {
      width: 180,
      height: 48,
      margin: { l: 0, r: 0, t: 0, b: 0 },
      barmode: 'group',
      bargap: 0.1,
      showlegend: false,
      xaxis: { visible: false, type: 'category' },
      yaxis: { visible: false },
      paper_bgcolor: 'rgba(0,0,0,0)',
      plot_bgcolor: 'rgba(0,0,0,0)',
    },
  };
}

export interface SeriesFigure {
  title: string;
  figure: PlotlyFigure;
}

function timeLayout(title: string, colors: ThemeColors): Partial<Layout> {
  return {
    height: 220,
    margin: { l: 48, r: 12, t: 28, b: 36 },
    title: { text: title, font: { size: 13, color: colors.fg } },
    showlegend: true,
    legend: { orientation: 'h', y: -0.25, font: { color: colors.fgSoft, size: 11 } },
    xaxis: { type: 'date', color: colors.fgSoft, gridcolor: colors.border },
    yaxis: { color: colors.fgSoft, gridcolor: colors.border },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
  };
}

/** A flat line across the windows: a level to compare the series with. */
function level(name: string, value: number, x: readonly number[], color: string, dash: 'dash' | 'dot'): Data {
  const first = Math.min(...x);
  const last = Math.max(...x);
  return { type: 'scatter', mode: 'lines', name, x: [new Date(first), new Date(last)], y: [value, value], line: { color, dash, width: 1.5 }, hoverinfo: 'y+name' };
}

/** One chart per quality metric: its value per window, the reference level dashed and the dummy baseline dotted. */
export function qualityFigures(quality: NonNullable<MonitoringReport['quality']>, colors: ThemeColors): SeriesFigure[] {
  const names = new Set<string>();
  for (const window of quality.windows) for (const name of Object.keys(window.metrics)) names.add(name);
  const x = quality.windows.map((window) => window.start);
  return [...names].map((name) => {
    const data: Data[] = [
      {
        type: 'scatter',
        mode: 'lines+markers',
        name: 'current',
        x: x.map((t) => new Date(t)),
        y: quality.windows.map((window) => window.metrics[name] ?? null),
        line: { color: colors.accent },
      },
    ];
    const reference = quality.reference[name];
    const dummy = quality.dummy[name];
    if (reference !== undefined && x.length > 0) data.push(level('reference', reference, x, colors.fg, 'dash'));
    if (dummy !== undefined && x.length > 0) data.push(level('dummy baseline', dummy, x, colors.fgSoft, 'dot'));
    return { title: name, figure: { data, layout: timeLayout(name, colors) } };
  });
}

/** One chart per business metric over the windows, with its reference value dashed. */
export function businessFigures(business: MonitoringReport['business'], colors: ThemeColors): SeriesFigure[] {
  return business.map((metric) => {
    const x = metric.windows.map((window) => window.start);
    const data: Data[] = [
      { type: 'scatter', mode: 'lines+markers', name: 'current', x: x.map((t) => new Date(t)), y: metric.windows.map((window) => window.value), line: { color: colors.accent } },
    ];
    if (metric.reference !== null && x.length > 0) data.push(level('reference', metric.reference, x, colors.fg, 'dash'));
    return { title: metric.name, figure: { data, layout: timeLayout(metric.name, colors) } };
  });
}

type ErrorPlots = NonNullable<NonNullable<MonitoringReport['quality']>['errors']>;

const centres = (edges: readonly number[]): number[] => edges.slice(1).map((edge, i) => ((edges[i] as number) + edge) / 2);

/** A regression's error plots: the error distribution beside the reference's (as shares), and predicted against actual with the diagonal of a perfect model. */
export function errorFigures(errors: ErrorPlots, colors: ThemeColors): SeriesFigure[] {
  const axes = (x: string, y: string): Partial<Layout> => ({
    height: 260,
    margin: { l: 56, r: 12, t: 28, b: 44 },
    xaxis: { title: { text: x }, color: colors.fgSoft, gridcolor: colors.border },
    yaxis: { title: { text: y }, color: colors.fgSoft, gridcolor: colors.border },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
  });
  const bar = (name: string, counts: readonly number[], color: string): Data => ({ type: 'bar', name, x: centres(errors.edges), y: shares(counts), marker: { color }, hovertemplate: `${name} %{x:.4g}: %{y:.1%}<extra></extra>` });
  const distribution: Data[] = [...(errors.reference ? [bar('reference', errors.reference, colors.fgSoft)] : []), bar('current', errors.current, colors.accent)];
  const grid = errors.predictedVsActual;
  const middle = centres(grid.edges);
  const ends = [grid.edges[0] ?? 0, grid.edges.at(-1) ?? 0];
  const title = (text: string): Partial<Layout> => ({ title: { text, font: { size: 13, color: colors.fg } } });
  return [
    {
      title: 'error distribution',
      figure: { data: distribution, layout: { ...axes('prediction − label', 'share of rows'), ...title('error distribution (prediction − label)'), barmode: 'group', bargap: 0.05, legend: { orientation: 'h', y: -0.3, font: { color: colors.fgSoft, size: 11 } } } },
    },
    {
      title: 'predicted vs actual',
      figure: {
        data: [
          // Rows by actual (y) and predicted (x): Plotly's z is row-major by y.
          { type: 'heatmap', name: 'rows', x: middle, y: middle, z: grid.counts.map((row) => row.map((count) => (count === 0 ? null : count))), colorscale: 'Blues', hovertemplate: 'actual %{y:.4g}, predicted %{x:.4g}: %{z} rows<extra></extra>' },
          { type: 'scatter', mode: 'lines', name: 'perfect', x: ends, y: ends, line: { color: colors.fgSoft, dash: 'dash', width: 1 }, hoverinfo: 'skip' },
        ],
        layout: { ...axes('predicted', 'actual'), ...title('predicted vs actual (current)'), showlegend: false },
      },
    },
  ];
}
