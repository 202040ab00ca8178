import { OTHER_LABEL, type ChartData } from '../../../../../shared/contract';
import type { Grid, Panel } from './facets';
import type { ThemeColors } from './theme-colors';

/** A plotly trace or layout as plain data; typed loosely since plotly's typings lack some trace fields (box q1, …). */
export type Trace = Record<string, unknown>;

// Tableau 10: readable on light and dark backgrounds alike.
const palette = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#72b7b2', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#79706e'];

/** The same colour for a group in every facet; the theme's accent when there are no groups. */
export function colorOf(chart: ChartData, group: string | null, theme: ThemeColors): string {
  if (group === null) return theme.accent;
  if (group === OTHER_LABEL) return theme.fgSoft;
  const index = chart.groups.indexOf(group);
  return palette[(index < 0 ? 0 : index) % palette.length] ?? theme.accent;
}

/** What a series is called in the legend and on category axes. */
export function nameOf(chart: ChartData, group: string | null): string {
  return group ?? chart.spec.x;
}

/** Legend entries once per group, however many facets it appears in. */
export function legendOnce(): (group: string | null) => boolean {
  const seen = new Set<string | null>();
  return (group) => {
    if (group === null || seen.has(group)) return false;
    seen.add(group);
    return true;
  };
}

/** The fields that put a trace on its panel, in its group's colour and legend entry. */
export function placement(chart: ChartData, panel: Panel, group: string | null, showLegend: boolean): Trace {
  return { xaxis: panel.xaxis, yaxis: panel.yaxis, name: nameOf(chart, group), legendgroup: group ?? '', showlegend: showLegend };
}

export function centres(edges: readonly number[]): number[] {
  return edges.slice(0, -1).map((edge, k) => (edge + (edges[k + 1] ?? edge)) / 2);
}

export function aggregateTitle(aggregate: string, y: string | undefined): string {
  if (aggregate === 'count') return y === undefined ? 'rows' : `count of ${y}`;
  return `${aggregate} of ${y ?? ''}`;
}

/** Translucent fill from a #rrggbb or rgb() colour. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return `rgba(${parseInt(hex[1] ?? '0', 16)}, ${parseInt(hex[2] ?? '0', 16)}, ${parseInt(hex[3] ?? '0', 16)}, ${alpha})`;
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  return rgb ? `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})` : color;
}

export interface AxisSpec {
  xTitle: string;
  yTitle: string;
  xType: 'linear' | 'date' | 'category';
  yType: 'linear' | 'date';
  /** Fixed ticks (violins sit at numeric positions named by group). */
  xTicks?: { values: number[]; labels: string[] };
  xRange?: [number, number];
}

/** Layout shared by every kind: theme colours, one pair of axes per facet panel, facet titles. */
export function baseLayout(chart: ChartData, grid: Grid, theme: ThemeColors, axes: AxisSpec): Trace {
  const faceted = chart.facets.length > 0;
  const axis = (title: string, show: boolean): Trace => ({
    title: show ? { text: title, standoff: 6 } : undefined,
    gridcolor: theme.border,
    linecolor: theme.border,
    zerolinecolor: theme.border,
    tickcolor: theme.border,
    automargin: true,
  });
  const layout: Trace = {
    paper_bgcolor: theme.bg,
    plot_bgcolor: theme.bg,
    font: { color: theme.fg, family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12 },
    margin: { l: 64, r: 24, t: faceted ? 40 : 16, b: 56 },
    showlegend: chart.groups.length > 0,
    legend: { title: { text: chart.spec.color ?? '' }, bgcolor: 'rgba(0,0,0,0)' },
    modebar: { bgcolor: 'rgba(0,0,0,0)', color: theme.fgSoft, activecolor: theme.fg },
    hoverlabel: { bgcolor: theme.bg, bordercolor: theme.border, font: { color: theme.fg } },
    annotations: faceted
      ? grid.panels.map((panel) => ({
          text: `${chart.spec.facet ?? ''} = ${panel.facet ?? ''}`,
          showarrow: false,
          xref: 'paper',
          yref: 'paper',
          x: (panel.xDomain[0] + panel.xDomain[1]) / 2,
          y: panel.yDomain[1],
          xanchor: 'center',
          yanchor: 'bottom',
          font: { size: 12, color: theme.fgSoft },
        }))
      : [],
  };
  grid.panels.forEach((panel, i) => {
    layout[panel.xKey] = {
      ...axis(axes.xTitle, panel.bottomRow),
      type: axes.xType,
      domain: panel.xDomain,
      anchor: panel.yaxis,
      ...(i > 0 ? { matches: 'x' } : {}),
      ...(axes.xTicks ? { tickmode: 'array', tickvals: axes.xTicks.values, ticktext: axes.xTicks.labels } : {}),
      ...(axes.xRange ? { range: axes.xRange } : {}),
    };
    layout[panel.yKey] = {
      ...axis(axes.yTitle, panel.firstColumn),
      type: axes.yType,
      domain: panel.yDomain,
      anchor: panel.xaxis,
      ...(i > 0 ? { matches: 'y' } : {}),
    };
  });
  return layout;
}
