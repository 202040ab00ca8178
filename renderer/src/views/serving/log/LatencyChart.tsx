import { useMemo, useRef } from 'react';
import type { ServingRequest } from '../../../../../shared/contract';
import { usePlotlyFigure } from '../../../app/use-plotly-figure';
import { useThemeColors } from '../../data/charts/theme-colors';
import { latencyFigure } from './latency-figure';

/** Recent requests' latency over time, with rolling p50 / p99; redrawn (Plotly.react diffs) as requests arrive. */
export function LatencyChart({ log, label }: { log: readonly ServingRequest[]; label: string }) {
  const probe = useRef<HTMLSpanElement>(null);
  const colors = useThemeColors(probe);
  const figure = useMemo(() => latencyFigure(log, colors), [log, colors]);
  const empty = log.length === 0;
  const plot = usePlotlyFigure(empty ? null : figure);

  return (
    <div className="sv-chart" role="img" aria-label={label} data-testid="serving-latency-chart">
      <span className="sv-theme-probe" ref={probe} aria-hidden="true" />
      {empty && <p className="sv-hint">The latency chart starts with the first request.</p>}
      <div ref={plot} hidden={empty} />
    </div>
  );
}
