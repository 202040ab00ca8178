import { useEffect, useRef, type RefObject } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import { loadPlotly, plotConfig } from './plotly';

export interface PlotlyFigure {
  data: Data[];
  layout: Partial<Layout>;
}

/**
 * Draws `figure` (null: nothing), without plotly's mode bar, into the element
 * given the returned ref: redrawn with `Plotly.react` (which diffs, so points
 * arriving live are cheap) each time it changes, marked `data-drawn`, purged
 * on unmount. A figure that cannot be drawn is left out: the views that use
 * this show the same numbers as text beside the chart.
 */
export function usePlotlyFigure(figure: PlotlyFigure | null): RefObject<HTMLDivElement | null> {
  const plot = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = plot.current;
    if (!element || !figure) return;
    let live = true;
    const draw = async (): Promise<void> => {
      const Plotly = await loadPlotly();
      if (!live) return;
      await Plotly.react(element, figure.data, figure.layout, { ...plotConfig, displayModeBar: false });
      element.dataset.drawn = 'true';
    };
    draw().catch(() => undefined);
    return () => {
      live = false;
    };
  }, [figure]);

  useEffect(() => {
    const element = plot.current;
    return () => {
      if (element) void loadPlotly().then((Plotly) => Plotly.purge(element), () => undefined);
    };
  }, []);
  return plot;
}
