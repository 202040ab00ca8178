import { describe, expect, it } from 'vitest';
import { categoricalParzen, logDensityNumeric, numericParzen, observationWeights, sampleNumeric } from './parzen';
import { shouldPrune } from './pruner';
import { createRng } from './rng';

describe('Parzen estimators', () => {
  it('a numeric estimator is a density on its domain, however the observations cluster', () => {
    for (const observations of [[], [0.1], [-2, -2, -1.9, 3], [2.9, 3, 3, 3, 3, 3, 3, 3, 3, 3]]) {
      const parzen = numericParzen(observations, -2, 3);
      const steps = 20_000;
      const h = 5 / steps;
      let integral = 0;
      for (let i = 0; i <= steps; i += 1) integral += Math.exp(logDensityNumeric(parzen, -2 + i * h)) * (i === 0 || i === steps ? h / 2 : h);
      expect(integral).toBeCloseTo(1, 4);
    }
  });

  it('samples inside the domain, crowding where the observations are', () => {
    const parzen = numericParzen([0.9, 0.92, 0.95], 0, 1);
    const rng = createRng(3);
    const draws = Array.from({ length: 5000 }, () => sampleNumeric(parzen, rng));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(1);
    // The prior alone would put a fifth there.
    expect(draws.filter((x) => x > 0.8).length / draws.length).toBeGreaterThan(0.35);
  });

  it('a categorical estimator sums to 1, favours what was seen, and leaves the rest some chance', () => {
    const probabilities = categoricalParzen([2, 2, 2, 0], 4);
    expect(probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(probabilities[2]).toBeGreaterThan(probabilities[0]!);
    expect(probabilities[0]).toBeGreaterThan(probabilities[1]!);
    expect(probabilities[1]).toBeGreaterThan(0);
    expect(categoricalParzen([], 5)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  it('weighs old observations less once there are more than 25', () => {
    expect(observationWeights(10)).toEqual(Array(10).fill(1));
    const weights = observationWeights(40);
    expect(weights[0]).toBeCloseTo(1 / 40);
    expect(weights.slice(15)).toEqual(Array(25).fill(1));
    for (let i = 1; i < 15; i += 1) expect(weights[i]).toBeGreaterThan(weights[i - 1]!);
  });
});

describe('median pruner', () => {
  const completed = [new Map([[1, 0.5], [2, 0.4]]), new Map([[1, 0.6], [2, 0.3]]), new Map([[1, 0.7], [2, 0.2]]), new Map([[1, 0.8]])];
  const prune = (reports: [number, number][], direction: 'minimize' | 'maximize' = 'minimize', done = completed) =>
    shouldPrune({ direction, step: reports.at(-1)![0], reports: new Map(reports), completed: done });

  it('compares the best value so far with the median of completed trials at that step', () => {
    // Step 1 median of 0.5, 0.6, 0.7, 0.8 is 0.65; step 2 median of 0.4, 0.3, 0.2 is 0.3.
    expect(prune([[0, 9], [1, 0.66]])).toBe(true);
    expect(prune([[0, 9], [1, 0.64]])).toBe(false);
    expect(prune([[1, 0.9], [2, 0.31]])).toBe(true);
    expect(prune([[1, 0.25], [2, 0.9]])).toBe(false);
    expect(prune([[0, 0.1], [1, 0.66]], 'maximize')).toBe(false);
    expect(prune([[0, 0.1], [1, 0.64]], 'maximize')).toBe(true);
  });

  it('waits for three completed trials and the trial’s second report, and prunes a NaN at once', () => {
    expect(prune([[1, 5]])).toBe(false);
    expect(prune([[0, 9], [1, 5]], 'minimize', completed.slice(0, 2))).toBe(false);
    expect(prune([[0, 9], [7, 5]])).toBe(false);
    expect(prune([[1, NaN]])).toBe(true);
  });
});
