import { describe, expect, it } from 'vitest';
import type { MonitoringReport } from '../../../../shared/contract';
import { fallbackColors } from '../data/charts/theme-colors';
import { businessFigures, errorFigures, histogramFigure, qualityFigures, shares } from './figures';

describe('histogram figure', () => {
  it('draws both sides as shares of their own rows', () => {
    expect(shares([1, 3])).toEqual([0.25, 0.75]);
    expect(shares([0, 0])).toEqual([0, 0]);
    const figure = histogramFigure({ bins: ['a', 'b'], reference: [10, 30], current: [3, 1] }, fallbackColors);
    expect(figure.data.map((trace) => ('y' in trace ? trace.y : null))).toEqual([
      [0.25, 0.75],
      [0.75, 0.25],
    ]);
    expect(figure.layout.height).toBeLessThanOrEqual(60);
    expect(figure.layout.xaxis?.visible).toBe(false);
  });
});

const quality: NonNullable<MonitoringReport['quality']> = {
  reference: { accuracy: 0.8, f1: 0.6 },
  dummy: { accuracy: 0.73 },
  windows: [
    { start: Date.UTC(2024, 0, 8), rows: 10, metrics: { accuracy: 0.7, f1: 0.5 } },
    { start: Date.UTC(2024, 0, 1), rows: 12, metrics: { accuracy: 0.75 } },
  ],
  confusion: null,
  errors: null,
  unmatchedLabels: 0,
};

describe('quality figures', () => {
  it('makes one chart per metric with the reference dashed and the dummy dotted across the windows', () => {
    const figures = qualityFigures(quality, fallbackColors);
    expect(figures.map((f) => f.title)).toEqual(['accuracy', 'f1']);
    const [accuracy, f1] = figures;
    expect(accuracy?.figure.data.map((trace) => trace.name)).toEqual(['current', 'reference', 'dummy baseline']);
    const reference = accuracy?.figure.data[1];
    expect((reference as { line?: { dash?: string } } | undefined)?.line?.dash).toBe('dash');
    expect(reference && 'x' in reference ? reference.x : null).toEqual([new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 0, 8))]);
    expect(reference && 'y' in reference ? reference.y : null).toEqual([0.8, 0.8]);
    // A window without the metric is a gap, not a zero.
    const current = f1?.figure.data[0];
    expect(current && 'y' in current ? current.y : null).toEqual([0.5, null]);
    expect(f1?.figure.data).toHaveLength(2);
  });

  it('draws business metrics with their reference value', () => {
    const [figure] = businessFigures([{ name: 'churn rate', reference: 0.26, windows: [{ start: 0, value: 0.3 }] }], fallbackColors);
    expect(figure?.title).toBe('churn rate');
    expect(figure?.figure.data.map((trace) => trace.name)).toEqual(['current', 'reference']);
    expect(businessFigures([{ name: 'x', reference: null, windows: [] }], fallbackColors)[0]?.figure.data).toHaveLength(1);
  });
});

describe('error figures', () => {
  it('draws the error distributions as shares at bin centres, and predicted against actual with empty cells blank', () => {
    const [distribution, grid] = errorFigures(
      {
        edges: [-1, 0, 1],
        reference: [1, 3],
        current: [2, 2],
        predictedVsActual: { edges: [0, 5, 10], counts: [[3, 0], [1, 4]] },
      },
      fallbackColors,
    );
    expect(distribution?.figure.data.map((trace) => trace.name)).toEqual(['reference', 'current']);
    expect(distribution?.figure.data.map((trace) => ('x' in trace ? trace.x : null))).toEqual([[-0.5, 0.5], [-0.5, 0.5]]);
    expect(distribution?.figure.data.map((trace) => ('y' in trace ? trace.y : null))).toEqual([[0.25, 0.75], [0.5, 0.5]]);
    const [heatmap, diagonal] = grid?.figure.data ?? [];
    expect(heatmap && 'z' in heatmap ? heatmap.z : null).toEqual([[3, null], [1, 4]]);
    expect(heatmap && 'x' in heatmap ? heatmap.x : null).toEqual([2.5, 7.5]);
    expect(diagonal && 'x' in diagonal && 'y' in diagonal ? [diagonal.x, diagonal.y] : null).toEqual([[0, 10], [0, 10]]);
    // No reference rows: the current distribution alone.
    expect(errorFigures({ edges: [0, 1], reference: null, current: [5], predictedVsActual: { edges: [0, 1], counts: [[5]] } }, fallbackColors)[0]?.figure.data).toHaveLength(1);
  });
});
