import type { Config, PlotlyHTMLElement } from 'plotly.js-dist-min';
import type { Figure } from './figure';

type Plotly = typeof import('plotly.js-dist-min');

let loading: Promise<Plotly> | null = null;

/** plotly.js is large: it is loaded the first time a chart is drawn, not with the app. */
export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-dist-min').then((module) => (module as unknown as { default?: Plotly }).default ?? module);
  return loading;
}

/** Offline and local only: no plotly logo, no links or buttons to plotly's cloud. */
export const plotConfig: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  showLink: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  modeBarButtonsToRemove: ['sendDataToCloud'],
};

export async function drawFigure(element: HTMLElement, figure: Figure): Promise<PlotlyHTMLElement> {
  const Plotly = await loadPlotly();
  return Plotly.react(element, figure.data, figure.layout, plotConfig);
}

export async function purge(element: HTMLElement): Promise<void> {
  (await loadPlotly()).purge(element);
}

/** Saves the drawn chart as a file through the browser's download (works offline). */
export async function downloadChart(element: HTMLElement, format: 'png' | 'svg', filename: string): Promise<void> {
  const Plotly = await loadPlotly();
  await Plotly.downloadImage(element, { format, filename, width: element.clientWidth, height: element.clientHeight });
}

/** Fits a plot to its box again: a plot drawn or resized while its tab was hidden has the wrong size. */
export async function fit(element: HTMLElement): Promise<void> {
  (await loadPlotly()).Plots.resize(element);
}
