import { useMemo } from 'react';
import type { ColumnDrift } from '../../../../shared/contract';
import { usePlotlyFigure, type PlotlyFigure } from '../../app/use-plotly-figure';
import type { ThemeColors } from '../data/charts/theme-colors';
import { histogramFigure } from './figures';

/** Reference and current distributions of one column as tiny side-by-side bars. */
export function MiniHistogram({ column, colors }: { column: ColumnDrift; colors: ThemeColors }) {
  const figure = useMemo(() => histogramFigure(column.histogram, colors), [column, colors]);
  const empty = column.histogram.bins.length === 0;
  const plot = usePlotlyFigure(empty ? null : figure);
  if (empty) return <span className="mon-soft">—</span>;
  return <div className="mon-mini" ref={plot} role="img" aria-label={`Distribution of ${column.column}: reference in grey, current in colour`} data-testid="mon-histogram" />;
}

/** One time-series chart of the report. */
export function SeriesChart({ title, figure }: { title: string; figure: PlotlyFigure }) {
  const plot = usePlotlyFigure(figure);
  return <div className="mon-chart" ref={plot} role="img" aria-label={title} data-testid="mon-series-chart" data-title={title} />;
}
