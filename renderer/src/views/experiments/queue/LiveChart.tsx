import { useMemo, useRef } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import { usePlotlyFigure } from '../../../app/use-plotly-figure';
import { useThemeColors, type ThemeColors } from '../../data/charts/theme-colors';
import { isCurve, type MetricSeries } from './live-metrics';

const isLoss = (key: string): boolean => key.endsWith('loss');

/** Losses on the left axis, the other validation metrics (AUC, accuracy, RMSE...) on the right. */
export function liveFigure(series: MetricSeries, colors: ThemeColors): { data: Data[]; layout: Partial<Layout> } {
  const keys = Object.keys(series).filter(isCurve).sort();
  const data: Data[] = keys.map((key) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: key,
    x: (series[key] ?? []).map((p) => p.step),
    y: (series[key] ?? []).map((p) => p.value),
    yaxis: isLoss(key) ? 'y' : 'y2',
    line: { width: 1.5, dash: key.startsWith('val_') ? 'solid' : 'dot' },
    marker: { size: 4 },
  }));
  const axis = { color: colors.fgSoft, gridcolor: colors.border, zeroline: false, automargin: true };
  const hasOthers = keys.some((key) => !isLoss(key));
  return {
    data,
    layout: {
      height: 180,
      margin: { l: 44, r: hasOthers ? 44 : 12, t: 8, b: 28 },
      paper_bgcolor: colors.bg,
      plot_bgcolor: colors.bg,
      font: { color: colors.fg, size: 11 },
      showlegend: true,
      legend: { orientation: 'h', y: -0.25, font: { size: 10 } },
      xaxis: { ...axis, title: { text: '' }, tickformat: 'd' },
      yaxis: { ...axis, title: { text: 'loss' } },
      ...(hasOthers ? { yaxis2: { ...axis, overlaying: 'y', side: 'right', showgrid: false } } : {}),
    },
  };
}

/** A small live chart of a training run's curves, redrawn (Plotly.react diffs) as points arrive. */
export function LiveChart({ series, label }: { series: MetricSeries; label: string }) {
  const probe = useRef<HTMLSpanElement>(null);
  const colors = useThemeColors(probe);
  const figure = useMemo(() => liveFigure(series, colors), [series, colors]);
  const empty = figure.data.length === 0;
  const plot = usePlotlyFigure(empty ? null : figure);

  return (
    <div className="xp-live-chart" role="img" aria-label={label} data-testid="queue-chart">
      <span className="xp-theme-probe" ref={probe} aria-hidden="true" />
      {empty && <p className="xp-hint">The curves appear after the first epoch.</p>}
      <div ref={plot} hidden={empty} />
    </div>
  );
}
