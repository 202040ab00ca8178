import { useEffect, useMemo, useRef } from 'react';
import type { ServingRequest } from '../../../../../shared/contract';
import { loadPlotly, plotConfig } from '../../../app/plotly';
import { useThemeColors } from '../../data/charts/theme-colors';
import { latencyFigure } from './latency-figure';

/** Recent requests' latency over time, with rolling p50 / p99; redrawn (Plotly.react diffs) as requests arrive. */
export function LatencyChart({ log, label }: { log: readonly ServingRequest[]; label: string }) {
  const probe = useRef<HTMLSpanElement>(null);
  const plot = useRef<HTMLDivElement>(null);
  const colors = useThemeColors(probe);
  const figure = useMemo(() => latencyFigure(log, colors), [log, colors]);
  const empty = log.length === 0;

  useEffect(() => {
    const element = plot.current;
    if (!element || empty) return;
    let live = true;
    const draw = async (): Promise<void> => {
      const Plotly = await loadPlotly();
      if (!live) return;
      await Plotly.react(element, figure.data, figure.layout, { ...plotConfig, displayModeBar: false });
      element.dataset.drawn = 'true';
    };
    // The log below says the same when the chart cannot be drawn.
    draw().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [figure, empty]);

  useEffect(() => {
    const element = plot.current;
    return () => {
      if (element) void loadPlotly().then((Plotly) => Plotly.purge(element), () => undefined);
    };
  }, []);

  return (
    <div className="sv-chart" role="img" aria-label={label} data-testid="serving-latency-chart">
      <span className="sv-theme-probe" ref={probe} aria-hidden="true" />
      {empty && <p className="sv-hint">The latency chart starts with the first request.</p>}
      <div ref={plot} hidden={empty} />
    </div>
  );
}
