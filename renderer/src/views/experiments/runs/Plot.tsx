import { useEffect, useMemo, useRef, useState } from 'react';
import { loadPlotly, plotConfig } from '../../../app/plotly';
import { useThemeColors, type ThemeColors } from '../../data/charts/theme-colors';
import type { Trace } from './evaluation-figures';

interface Props {
  data: Trace[];
  layout?: Trace;
  /** Drawn instead when plotly finds no WebGL for `data` (parcoords needs it; a headless browser may lack it). */
  fallback?: { data: Trace[]; layout: Trace };
  height?: number;
  /** The plot's accessible name, also its heading when `showTitle`. */
  label: string;
  testId: string;
}

const themedAxis = (axis: unknown, colors: ThemeColors): Trace => ({
  gridcolor: colors.border,
  zerolinecolor: colors.border,
  linecolor: colors.border,
  automargin: true,
  ...(typeof axis === 'object' && axis !== null ? (axis as Trace) : {}),
});

/** The layout in the theme's colours, on a transparent background, sized to its box. */
export function themedLayout(layout: Trace, colors: ThemeColors, height: number): Trace {
  return {
    autosize: true,
    height,
    margin: { l: 56, r: 16, t: 28, b: 44 },
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: colors.fg, size: 12 },
    legend: { orientation: 'h', x: 0, y: 1.01, yanchor: 'bottom' },
    hovermode: 'closest',
    ...layout,
    xaxis: themedAxis(layout.xaxis, colors),
    yaxis: themedAxis(layout.yaxis, colors),
  };
}

/**
 * A plotly plot: plotly is loaded on first use, each change redrawn with
 * `Plotly.react` (which diffs, so live appends are cheap), purged on unmount.
 */
export function Plot({ data, layout = {}, fallback, height = 300, label, testId }: Props) {
  const plotRef = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLSpanElement>(null);
  const colors = useThemeColors(probe);
  const [problem, setProblem] = useState<string | null>(null);
  const fullLayout = useMemo(() => themedLayout(layout, colors, typeof layout.height === 'number' ? layout.height : height), [layout, colors, height]);
  const fallbackLayout = useMemo(() => fallback && themedLayout(fallback.layout, colors, fullLayout.height as number), [fallback, colors, fullLayout]);

  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    let current = true;
    loadPlotly()
      .then(async (plotly) => {
        await plotly.react(element, data, fullLayout, plotConfig);
        // plotly shows its own "WebGL is not supported" notice in the plot when it cannot get a context.
        if (!fallback || !fallbackLayout || !element.querySelector('.no-webgl')) return;
        plotly.purge(element);
        await plotly.react(element, fallback.data, fallbackLayout, plotConfig);
        element.dataset.fallback = 'svg';
      })
      .then(
        () => {
          if (!current) return;
          element.dataset.drawn = 'true';
          setProblem(null);
        },
        (error: unknown) => current && setProblem(error instanceof Error ? error.message : String(error)),
      );
    return () => {
      current = false;
    };
  }, [data, fullLayout, fallback, fallbackLayout]);

  useEffect(() => {
    const element = plotRef.current;
    return () => {
      if (element) void loadPlotly().then((plotly) => plotly.purge(element), () => undefined);
    };
  }, []);

  return (
    <figure className="exp-plot" aria-label={label}>
      <span className="exp-theme-probe" ref={probe} aria-hidden="true" />
      <div ref={plotRef} className="exp-plot-area" data-testid={testId} style={{ height: fullLayout.height as number }} />
      {problem && <p className="exp-error">The chart could not be drawn: {problem}</p>}
    </figure>
  );
}
