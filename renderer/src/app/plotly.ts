import type { Config } from 'plotly.js-dist-min';
import { loadOnce } from './load-once';

export type Plotly = typeof import('plotly.js-dist-min');

/** plotly.js is large: it is loaded the first time a chart or a plotly output is drawn, not with the app. */
export const loadPlotly = loadOnce<Plotly>(() => import('plotly.js-dist-min').then((module) => (module as unknown as { default?: Plotly }).default ?? module));

/** Offline and local only: no plotly logo, no links or buttons to plotly's cloud. */
export const plotConfig: Partial<Config> = {
  responsive: true,
  displaylogo: false,
  showLink: false,
  showSendToCloud: false,
  showEditInChartStudio: false,
  modeBarButtonsToRemove: ['sendDataToCloud'],
};
