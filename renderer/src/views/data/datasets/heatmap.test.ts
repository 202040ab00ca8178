import { describe, expect, it } from 'vitest';
import { cellShade, formatCorrelation } from './heatmap';

describe('correlation heatmap cells', () => {
  it('shades by magnitude and colours by sign', () => {
    expect(cellShade(0.83)).toEqual({ mix: 83, sign: 'positive', strong: true });
    expect(cellShade(-0.25)).toEqual({ mix: 25, sign: 'negative', strong: false });
    expect(cellShade(null)).toEqual({ mix: 0, sign: 'none', strong: false });
  });

  it('writes values with two decimals and a true minus sign', () => {
    expect(formatCorrelation(0.8259)).toBe('0.83');
    expect(formatCorrelation(-0.2)).toBe('−0.20');
    expect(formatCorrelation(-0.001)).toBe('0.00');
    expect(formatCorrelation(null)).toBe('—');
  });
});
