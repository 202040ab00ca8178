import { describe, expect, it } from 'vitest';
import { parallelDimensions, svgParallelFigure } from './parallel';

describe('parallelDimensions', () => {
  it('makes numeric axes of numbers, numeric strings included', () => {
    expect(parallelDimensions([{ label: 'lr', values: ['0.01', '0.1', '1e-3'] }])).toEqual([{ label: 'lr', values: [0.01, 0.1, 0.001] }]);
    expect(parallelDimensions([{ label: 'auc', values: [0.8, 0.9, 0.85] }])).toEqual([{ label: 'auc', values: [0.8, 0.9, 0.85] }]);
  });
  it('makes a categorical axis of a few strings, in sorted order', () => {
    expect(parallelDimensions([{ label: 'optimizer', values: ['sgd', 'adam', 'sgd'] }])).toEqual([
      { label: 'optimizer', values: [1, 0, 1], tickvals: [0, 1], ticktext: ['adam', 'sgd'] },
    ]);
  });
  it('leaves out constant columns, columns a run lacks, and too many categories', () => {
    const many = Array.from({ length: 25 }, (_, i) => `c${i}`);
    expect(
      parallelDimensions([
        { label: 'epochs', values: ['20', '20'] },
        { label: 'dropout', values: ['0.1', null] },
        { label: 'names', values: many },
        { label: 'blank', values: ['', 'x'] },
      ]),
    ).toEqual([{ label: 'blank', values: [0, 1], tickvals: [0, 1], ticktext: ['', 'x'] }]);
  });
  it('stops at the most axes', () => {
    const columns = Array.from({ length: 5 }, (_, i) => ({ label: `m${i}`, values: [i, i + 1] }));
    expect(parallelDimensions(columns, 3).map((d) => d.label)).toEqual(['m0', 'm1', 'm2']);
  });
});

describe('svgParallelFigure', () => {
  const dimensions = parallelDimensions([
    { label: 'lr', values: ['0.1', '0.3', '0.2'] },
    { label: 'optimizer', values: ['sgd', 'adam', 'sgd'] },
  ]);
  const lines = [
    { name: 'a', color: '#111111' },
    { name: 'b', color: '#222222' },
    { name: 'c', color: '#333333' },
  ];
  it('draws a line per run over the axes, each axis scaled to 0..1', () => {
    const { data } = svgParallelFigure(dimensions, lines);
    expect(data.map((trace) => trace.name)).toEqual(['a', 'b', 'c']);
    const ys = data.map((trace) => (trace.y as number[]).map((y) => Number(y.toFixed(6))));
    expect(ys).toEqual([
      [0, 1],
      [1, 0],
      [0.5, 1],
    ]);
    expect(data[1]?.text).toEqual(['lr: 0.3', 'optimizer: adam']);
  });
  it('labels each axis with its name, range or categories', () => {
    const { layout } = svgParallelFigure(dimensions, lines);
    expect((layout.xaxis as { ticktext: string[] }).ticktext).toEqual(['lr', 'optimizer']);
    expect((layout.annotations as { text: string }[]).map((a) => a.text)).toEqual(['0.1', '0.3', 'adam', 'sgd']);
  });
});
