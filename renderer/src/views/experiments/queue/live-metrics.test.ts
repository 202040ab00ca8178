import { describe, expect, it } from 'vitest';
import { lastStep, latestFigures, mergeHistory, mergePoints, resultFigures } from './live-metrics';

const point = (key: string, step: number, value: number) => ({ key, step, value, timestamp: 1000 + step });

describe('live metric histories', () => {
  it('appends new steps, replaces a step seen twice and keeps the steps in order', () => {
    let series = mergeHistory({}, { loss: [{ step: 1, value: 0.9, timestamp: 1 }, { step: 2, value: 0.7, timestamp: 2 }] });
    // The live events overlap the history read when the run was opened, and may come out of order.
    series = mergePoints(series, [point('loss', 2, 0.69), point('loss', 3, 0.6), point('val_loss', 1, 0.95), point('loss', 0, 1.2)]);
    expect(series.loss?.map((p) => [p.step, p.value])).toEqual([
      [0, 1.2],
      [1, 0.9],
      [2, 0.69],
      [3, 0.6],
    ]);
    expect(series.val_loss?.map((p) => p.step)).toEqual([1]);
    expect(lastStep(series)).toBe(3);
  });

  it('leaves the histories it was given unchanged', () => {
    const before = mergeHistory({}, { loss: [{ step: 1, value: 0.9, timestamp: 1 }] });
    const after = mergePoints(before, [point('loss', 2, 0.8)]);
    expect(before.loss).toHaveLength(1);
    expect(after.loss).toHaveLength(2);
    expect(mergePoints(before, [])).toBe(before);
  });

  it('sums up the latest curves, loss first, and a finished run by its test figures', () => {
    const series = mergePoints({}, [point('val_f1', 4, 0.6), point('val_roc_auc', 4, 0.84123), point('val_accuracy', 4, 0.8), point('loss', 4, 0.41204), point('val_loss', 4, 0.43), point('roc_auc', 4, 0.85)]);
    expect(latestFigures(series)).toBe('loss 0.4120 · val_loss 0.4300 · val_roc_auc 0.8412 · val_accuracy 0.8000');
    expect(lastStep({})).toBeNull();
    expect(resultFigures({ log_loss: 0.42, accuracy: 0.8, roc_auc: 0.845, val_loss: 0.4, precision: 0.6, recall: 0.5 })).toBe('roc_auc 0.8450 · accuracy 0.8000 · log_loss 0.4200 · precision 0.6000');
    expect(resultFigures({ test_rmse: 0.00001 })).toBe('test_rmse 1.000e-5');
  });
});
