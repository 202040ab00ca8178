import { useEffect, useRef, useState } from 'react';
import type { Config, Data, Layout } from 'plotly.js-dist-min';
import { loadPlotly, plotConfig } from '../../../app/plotly';
import { keepLinksInert } from './inert-links';
import { isRecord } from './nbformat';

type ReactWithFigure = (root: HTMLElement, figure: { data: Data[]; layout: Partial<Layout>; config: Partial<Config>; frames: unknown[] }) => Promise<unknown>;

/**
 * An `application/vnd.plotly.v1+json` output ({data, layout, frames?}) drawn
 * with `Plotly.react`, which diffs against what is drawn, so an updated
 * display redraws cheaply. Purged on unmount. Drawn as the figure asks
 * (its template sets its colours), as in Jupyter.
 */
export function PlotlyOutput({ figure }: { figure: unknown }) {
  const plotRef = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const element = plotRef.current;
    if (!element) return;
    let current = true;
    const spec = isRecord(figure) ? figure : {};
    const data = (Array.isArray(spec.data) ? spec.data : []) as Data[];
    const layout: Partial<Layout> = { autosize: true, ...(isRecord(spec.layout) ? spec.layout : {}) };
    loadPlotly()
      .then(async (plotly) => {
        if (!current) return;
        // The one-object form takes animation frames too; plotly's typings only know the positional form.
        const react = plotly.react as unknown as ReactWithFigure;
        await react(element, { data, layout, config: plotConfig, frames: Array.isArray(spec.frames) ? spec.frames : [] });
        if (current) setProblem(null);
      })
      .catch((error: unknown) => {
        if (current) setProblem(error instanceof Error ? error.message : String(error));
      });
    return () => {
      current = false;
    };
  }, [figure]);

  useEffect(() => {
    const element = plotRef.current;
    return () => {
      if (element) void loadPlotly().then((plotly) => plotly.purge(element), () => undefined);
    };
  }, []);

  return (
    <>
      <div ref={plotRef} className="nb-plotly" data-testid="nb-plotly" onClickCapture={keepLinksInert} onAuxClickCapture={keepLinksInert} />
      {problem && <div className="nb-output-note">The plotly figure could not be drawn: {problem}</div>}
    </>
  );
}
