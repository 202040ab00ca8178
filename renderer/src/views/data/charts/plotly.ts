import type { PlotlyHTMLElement } from 'plotly.js-dist-min';
import { loadPlotly, plotConfig } from '../../../app/plotly';
import type { Figure } from './figure';

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
