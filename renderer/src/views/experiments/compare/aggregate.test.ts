import { describe, expect, it } from 'vitest';
import { aggregate, bestPositions, betterDirection, loggedSteps } from './aggregate';

const points = [
  { step: 0, value: 0.9, timestamp: 1 },
  { step: 2, value: 0.4, timestamp: 3 },
  { step: 1, value: 0.6, timestamp: 2 },
  { step: 2, value: 0.45, timestamp: 4 },
];

describe('aggregate', () => {
  it('takes the value at the highest step, the latest when several share it', () => {
    expect(aggregate(points, { mode: 'last' })).toBe(0.45);
  });
  it('takes the least and the greatest value', () => {
    expect(aggregate(points, { mode: 'min' })).toBe(0.4);
    expect(aggregate(points, { mode: 'max' })).toBe(0.9);
  });
  it('takes the value at exactly the given step, or none', () => {
    expect(aggregate(points, { mode: 'step', step: 1 })).toBe(0.6);
    expect(aggregate(points, { mode: 'step', step: 2 })).toBe(0.45);
    expect(aggregate(points, { mode: 'step', step: 7 })).toBeNull();
  });
  it('has nothing for a run without the metric', () => {
    expect(aggregate(undefined, { mode: 'last' })).toBeNull();
    expect(aggregate([], { mode: 'max' })).toBeNull();
  });
});

describe('best values', () => {
  it('guesses from the name whether less is better', () => {
    expect(betterDirection('val_loss')).toBe('min');
    expect(betterDirection('rmse')).toBe('min');
    expect(betterDirection('roc_auc')).toBe('max');
    expect(betterDirection('accuracy')).toBe('max');
  });
  it('marks every run that ties for best, and none with a single value', () => {
    expect([...bestPositions([0.8, null, 0.9, 0.9], 'max')]).toEqual([2, 3]);
    expect([...bestPositions([0.3, 0.2, 0.25], 'min')]).toEqual([1]);
    expect(bestPositions([0.3, null], 'min').size).toBe(0);
  });
  it('lists every logged step once, ascending', () => {
    expect(loggedSteps([points, undefined, [{ step: 5, value: 1, timestamp: 0 }]])).toEqual([0, 1, 2, 5]);
  });
});
