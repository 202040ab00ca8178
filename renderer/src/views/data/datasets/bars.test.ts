import { describe, expect, it } from 'vitest';
import { histogramBars, shares, stackedBars } from './bars';

describe('histogram bars', () => {
  it('spreads bars across the width, tallest bar at full height', () => {
    const bars = histogramBars([5, 10, 0, 2], 100, 40, 0);
    expect(bars.map((b) => b.x)).toEqual([0, 25, 50, 75]);
    expect(bars.map((b) => b.width)).toEqual([25, 25, 25, 25]);
    expect(bars.map((b) => b.height)).toEqual([20, 40, 0, 8]);
    expect(bars.map((b) => b.y)).toEqual([20, 0, 40, 32]);
  });

  it('keeps a lone value visible next to a huge bin', () => {
    const [, tiny] = histogramBars([100_000, 1], 20, 30, 0);
    expect(tiny!.height).toBe(1);
    expect(tiny!.y).toBe(29);
  });

  it('draws nothing tall when every count is zero', () => {
    expect(histogramBars([0, 0], 10, 10).every((b) => b.height === 0)).toBe(true);
  });
});

describe('stacked bars by target group', () => {
  it('stacks each bin bottom-up in group order, scaled to the tallest stack', () => {
    const stacks = stackedBars([[30, 10], [10, 0]], 20, 40, 0);
    expect(stacks).toHaveLength(2);
    const [first, second] = stacks;
    expect(first!.map((s) => [s.group, s.count, s.y, s.height])).toEqual([[0, 30, 10, 30], [1, 10, 0, 10]]);
    // The second bin holds a quarter of the first's rows, all in group 0.
    expect(second!.map((s) => [s.group, s.count, s.y, s.height])).toEqual([[0, 10, 30, 10]]);
    expect(second![0]!.x).toBe(10);
  });

  it('stretches every non-empty bin to full height to compare shares', () => {
    const stacks = stackedBars([[30, 1, 0], [10, 3, 0]], 30, 40, 0, true);
    expect(stacks[0]!.map((s) => s.height)).toEqual([30, 10]);
    expect(stacks[1]!.map((s) => [s.y, s.height])).toEqual([[30, 10], [0, 30]]);
    expect(stacks[2]).toEqual([]);
  });

  it('leaves out empty bins and groups', () => {
    expect(stackedBars([[0, 4], [0, 0]], 10, 10, 0)[0]).toEqual([]);
  });
});

describe('shares', () => {
  it('divides by the total, and gives zeros for an empty column', () => {
    expect(shares([1, 3], 4)).toEqual([0.25, 0.75]);
    expect(shares([0], 0)).toEqual([0]);
  });
});
