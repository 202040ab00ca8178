import type { Data, Layout } from 'plotly.js-dist-min';
import type { ServingRequest } from '../../../../../shared/contract';
import type { ThemeColors } from '../../data/charts/theme-colors';
import { rollingPercentiles } from './percentiles';

/** The rolling p50 / p99 lines take the percentiles over this many requests. */
export const ROLLING_WINDOW = 50;

/** Each request's latency as a dot over time, with the rolling p50 and p99 as lines. */
export function latencyFigure(log: readonly ServingRequest[], colors: ThemeColors): { data: Data[]; layout: Partial<Layout> } {
  // The log is newest first; the chart reads left to right.
  const ordered = [...log].reverse();
  const x = ordered.map((r) => new Date(r.at));
  const ms = ordered.map((r) => r.ms);
  const [p50 = [], p99 = []] = rollingPercentiles(ms, ROLLING_WINDOW, [0.5, 0.99]);
  const failed = ordered.map((r) => r.status >= 400);
  const axis = { color: colors.fgSoft, gridcolor: colors.border, zeroline: false, automargin: true };
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        name: 'request',
        x,
        y: ms,
        text: ordered.map((r) => `${r.method} ${r.path} → ${r.status}`),
        hovertemplate: '%{y:.2f} ms<br>%{text}<extra></extra>',
        marker: { size: 4, color: failed.map((f) => (f ? '#d64545' : colors.accent)), opacity: 0.6 },
      },
      { type: 'scatter', mode: 'lines', name: `p50 (last ${ROLLING_WINDOW})`, x, y: p50, line: { width: 2, color: colors.fg } },
      { type: 'scatter', mode: 'lines', name: `p99 (last ${ROLLING_WINDOW})`, x, y: p99, line: { width: 1.5, dash: 'dot', color: colors.fgSoft } },
    ],
    layout: {
      height: 220,
      margin: { l: 48, r: 12, t: 8, b: 32 },
      paper_bgcolor: colors.bg,
      plot_bgcolor: colors.bg,
      font: { color: colors.fg, size: 11 },
      showlegend: true,
      legend: { orientation: 'h', y: -0.2, font: { size: 10 } },
      xaxis: { ...axis, type: 'date' },
      yaxis: { ...axis, title: { text: 'ms' }, rangemode: 'tozero' },
    },
  };
}
