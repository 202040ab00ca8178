import { describe, expect, it } from 'vitest';
import { appendPoints, chartedFamilies, groupFamilies, lineTraces, metricFamily } from './metric-series';

describe('metric families', () => {
  it('strips the split prefix', () => {
    expect(metricFamily('val_loss')).toBe('loss');
    expect(metricFamily('validation_roc_auc')).toBe('roc_auc');
    expect(metricFamily('train-accuracy')).toBe('accuracy');
    expect(metricFamily('loss')).toBe('loss');
    expect(metricFamily('value')).toBe('value');
    expect(metricFamily('val_')).toBe('val_');
  });
  it('groups loss first, the unprefixed metric first within a family', () => {
    expect(groupFamilies(['val_accuracy', 'val_loss', 'accuracy', 'loss', 'auc'])).toEqual([
      { family: 'loss', keys: ['loss', 'val_loss'] },
      { family: 'accuracy', keys: ['accuracy', 'val_accuracy'] },
      { family: 'auc', keys: ['auc'] },
    ]);
  });
});

describe('appendPoints', () => {
  const history = { loss: [{ step: 0, value: 1, timestamp: 10 }, { step: 1, value: 0.8, timestamp: 20 }] };
  it('adds points in step order without changing the given history', () => {
    const next = appendPoints(history, [
      { key: 'loss', step: 3, value: 0.5, timestamp: 40 },
      { key: 'loss', step: 2, value: 0.6, timestamp: 30 },
      { key: 'val_loss', step: 0, value: 1.1, timestamp: 12 },
    ]);
    expect(next.loss?.map((p) => p.step)).toEqual([0, 1, 2, 3]);
    expect(next.val_loss).toEqual([{ step: 0, value: 1.1, timestamp: 12 }]);
    expect(history.loss).toHaveLength(2);
  });
  it('skips a point already held', () => {
    const next = appendPoints(history, [{ key: 'loss', step: 1, value: 0.8, timestamp: 20 }]);
    expect(next.loss).toHaveLength(2);
  });
  it('returns the same object when there is nothing new', () => {
    expect(appendPoints(history, [])).toBe(history);
  });
});

describe('charts', () => {
  const point = (step: number, value: number): { step: number; value: number; timestamp: number } => ({ step, value, timestamp: step });
  it('charts only families with a stepped metric, with every member', () => {
    const history = { loss: [point(0, 1), point(1, 0.5)], val_loss: [point(1, 0.7)], test_auc: [point(0, 0.8)] };
    expect(chartedFamilies(history)).toEqual([{ family: 'loss', keys: ['loss', 'val_loss'] }]);
    expect(chartedFamilies({ auc: [point(0, 0.8)] })).toEqual([]);
  });
  it('draws a line per metric over its steps', () => {
    const traces = lineTraces({ loss: [point(0, 1), point(1, 0.5)] }, ['loss', 'absent']);
    expect(traces.map((trace) => [trace.name, trace.x, trace.y])).toEqual([
      ['loss', [0, 1], [1, 0.5]],
      ['absent', [], []],
    ]);
  });
});
