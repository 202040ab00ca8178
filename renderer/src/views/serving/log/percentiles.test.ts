import { describe, expect, it } from 'vitest';
import { percentilesExpected } from './fixtures/percentiles.expected';
import { percentile, rollingPercentiles } from './percentiles';

// Reference values from numpy.percentile (fixtures/make_percentiles.py).
const { values, quantiles, rolling, whole } = percentilesExpected;

describe('percentiles', () => {
  it('interpolates between ranks as numpy does', () => {
    const sorted = [...values].sort((a, b) => a - b);
    for (const [q, expected] of Object.entries(whole)) expect(percentile(sorted, Number(q))).toBeCloseTo(expected, 10);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([5], 0.99)).toBe(5);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('gives the percentiles of the trailing window at every request', () => {
    for (const [window, expected] of Object.entries(rolling)) {
      const lines = rollingPercentiles(values, Number(window), quantiles);
      lines.forEach((line, k) => {
        expect(line).toHaveLength(values.length);
        line.forEach((value, i) => expect(value, `window ${window}, q ${quantiles[k]}, at ${i}`).toBeCloseTo(expected[k]?.[i] ?? Number.NaN, 10));
      });
    }
  });

  it('has nothing to draw for no requests', () => {
    expect(rollingPercentiles([], 50, [0.5, 0.99])).toEqual([[], []]);
  });
});
