import { useEffect, type RefObject } from 'react';
import type { Figure } from './figure';
import { drawFigure, fit, purge } from './plotly';

/**
 * A plotly plot in a div: redrawn with `Plotly.react` (which diffs) whenever
 * the figure changes, purged on unmount. `plotRef` gives the caller the
 * element, for exports.
 */
export function PlotlyChart({ figure, plotRef, visible, onError }: { figure: Figure; plotRef: RefObject<HTMLDivElement | null>; visible: boolean; onError: (error: unknown) => void }) {
  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    drawFigure(element, figure).then(() => (element.dataset.drawn = 'true'), onError);
  }, [figure, plotRef, onError]);

  useEffect(() => {
    const element = plotRef.current;
    if (visible && element?.dataset.drawn) void fit(element).catch(() => undefined);
  }, [visible, plotRef]);

  useEffect(() => {
    const element = plotRef.current;
    return () => {
      if (element) void purge(element).catch(() => undefined);
    };
  }, [plotRef]);

  return <div ref={plotRef} className="chart-plot" data-testid="chart-plot" style={{ height: figure.height }} />;
}
