import { describe, expect, it } from 'vitest';
import type { HistogramChart, ScatterChart, ViolinChart } from '../../../../../shared/contract';
import { facetGrid } from './facets';
import { buildFigure } from './figure';
import { fallbackColors } from './theme-colors';

const common = { facets: [], groups: [], xType: 'number' as const, yType: null, seconds: 0.1 };

describe('facet grid', () => {
  it('lays facets out in a near-square grid, each panel with its own axes, titles only on outer edges', () => {
    const grid = facetGrid(['a', 'b', 'c']);
    expect([grid.rows, grid.columns]).toEqual([2, 2]);
    expect(grid.panels.map((p) => [p.facet, p.xaxis, p.yaxis, p.xKey])).toEqual([
      ['a', 'x', 'y', 'xaxis'],
      ['b', 'x2', 'y2', 'xaxis2'],
      ['c', 'x3', 'y3', 'xaxis3'],
    ]);
    // b has no panel below it, so it shows its x title; a has c below.
    expect(grid.panels.map((p) => p.bottomRow)).toEqual([false, true, true]);
    expect(grid.panels.map((p) => p.firstColumn)).toEqual([true, false, true]);
    const [a, b, c] = grid.panels;
    expect(a!.xDomain[1]).toBeLessThan(b!.xDomain[0]);
    expect(c!.yDomain[1]).toBeLessThan(a!.yDomain[0]);
    expect(facetGrid([]).panels).toHaveLength(1);
  });
});

describe('figures', () => {
  it('draws a histogram per group and facet on its panel, one legend entry and one colour per group', () => {
    const chart: HistogramChart = {
      ...common,
      kind: 'histogram',
      spec: { kind: 'histogram', x: 'v', color: 'g', facet: 'f', bins: 2 },
      facets: ['p', 'q'],
      groups: ['a', 'b'],
      rows: 10,
      edges: [0, 5, 10],
      series: [
        { facet: 'p', group: 'a', counts: [1, 2] },
        { facet: 'p', group: 'b', counts: [3, 0] },
        { facet: 'q', group: 'a', counts: [2, 2] },
      ],
    };
    const figure = buildFigure(chart, fallbackColors);
    expect(figure.data.map((t) => [t.xaxis, t.name, t.showlegend])).toEqual([
      ['x', 'a', true],
      ['x', 'b', true],
      ['x2', 'a', false],
    ]);
    expect(figure.data[0]?.x).toEqual([2.5, 7.5]);
    expect(figure.data[0]?.width).toEqual([5, 5]);
    const colour = (i: number): unknown => (figure.data[i]?.marker as { color: string }).color;
    expect(colour(0)).toBe(colour(2));
    expect(colour(0)).not.toBe(colour(1));
    expect(figure.layout.xaxis2).toMatchObject({ matches: 'x', anchor: 'y2' });
    expect(figure.layout.annotations).toEqual([expect.objectContaining({ text: 'f = p' }), expect.objectContaining({ text: 'f = q' })]);
    expect(figure.layout.paper_bgcolor).toBe(fallbackColors.bg);
  });

  it('draws a binned scatter as heat maps with empty cells blank and one colour scale', () => {
    const chart: ScatterChart = {
      ...common,
      kind: 'scatter',
      spec: { kind: 'scatter', x: 'x', y: 'y', facet: 'f', bins: 2 },
      facets: ['p', 'q'],
      yType: 'number',
      rows: 60_000,
      binned: true,
      series: [],
      xEdges: [0, 1, 2],
      yEdges: [0, 10, 20],
      heatmaps: [
        { facet: 'p', counts: [[5, 0], [0, 7]] },
        { facet: 'q', counts: [[9, 1], [2, 0]] },
      ],
    };
    const figure = buildFigure(chart, fallbackColors);
    expect(figure.data.map((t) => [t.type, t.xaxis, t.showscale, t.zmax])).toEqual([
      ['heatmap', 'x', true, 9],
      ['heatmap', 'x2', false, 9],
    ]);
    expect(figure.data[0]?.z).toEqual([[5, null], [null, 7]]);
    expect(figure.data[0]?.y).toEqual([5, 15]);
  });

  it('draws each violin symmetric about its group position', () => {
    const chart: ViolinChart = {
      ...common,
      kind: 'violin',
      spec: { kind: 'violin', x: 'v', color: 'g', bins: 40 },
      groups: ['a', 'b'],
      rows: 8,
      quantileMethod: 'exact',
      grid: [1, 2, 3],
      series: [
        { facet: null, group: 'a', n: 4, min: 1, q1: 1.5, median: 2, q3: 2.5, max: 3, mean: 2, density: [0.1, 0.4, 0.1] },
        { facet: null, group: 'b', n: 4, min: 2, q1: 2, median: 2, q3: 2, max: 2, mean: 2, density: [0, 0.2, 0] },
      ],
    };
    const figure = buildFigure(chart, fallbackColors);
    const outlines = figure.data.filter((t) => t.fill === 'toself');
    expect(outlines).toHaveLength(2);
    const xs = outlines[1]?.x as number[];
    // b sits at 1 and has density only at its one grid point: out and back.
    expect(xs).toHaveLength(2);
    expect(xs[0]! - 1).toBeCloseTo(1 - xs[1]!, 12);
    expect(Math.max(...(outlines[0]?.x as number[]))).toBeCloseTo(0.42, 12); // the widest violin fills its slot
    expect(figure.layout.xaxis).toMatchObject({ tickvals: [0, 1], ticktext: ['a', 'b'] });
  });
});
