import { useMemo } from 'react';
import { chartedFamilies, lineTraces, type MetricHistory } from './metric-series';
import { Plot } from './Plot';

/** One chart per metric family (`loss` with `val_loss`), redrawn as points arrive. */
export function MetricCharts({ history }: { history: MetricHistory | null }) {
  const charts = useMemo(() => {
    if (!history) return [];
    return chartedFamilies(history).map(({ family, keys }) => ({
      family,
      data: lineTraces(history, keys),
      layout: { xaxis: { title: { text: 'step' } }, yaxis: { title: { text: family } } },
    }));
  }, [history]);

  if (history === null) return <p className="exp-muted">Reading the metric history…</p>;
  if (charts.length === 0) return <p className="exp-muted">No metric has more than one step yet.</p>;
  return (
    <div className="exp-chart-grid" data-testid="run-metric-charts">
      {charts.map((chart) => (
        <div key={chart.family} className="exp-chart-cell">
          <h4>{chart.family}</h4>
          <Plot data={chart.data} layout={chart.layout} height={260} label={`${chart.family} by step`} testId={`run-chart-${chart.family}`} />
        </div>
      ))}
    </div>
  );
}
