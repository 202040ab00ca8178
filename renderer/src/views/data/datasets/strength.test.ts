import { describe, expect, it } from 'vitest';
import { sortByStrength, strengthLabel } from './strength';

describe('sorting columns by their association with the target', () => {
  it('puts the strongest first and undefined strengths last', () => {
    const columns = [
      { name: 'customerID', strength: null },
      { name: 'gender', strength: 0.0086 },
      { name: 'Contract', strength: 0.41 },
      { name: 'tenure', strength: 0.35 },
    ];
    expect(sortByStrength(columns).map((c) => c.name)).toEqual(['Contract', 'tenure', 'gender', 'customerID']);
  });

  it('keeps the dataset order for equal strengths and does not change its input', () => {
    const columns = [
      { name: 'b', strength: 0.2 },
      { name: 'x', strength: null },
      { name: 'a', strength: 0.2 },
      { name: 'y', strength: null },
      { name: 'c', strength: 0.5 },
    ];
    expect(sortByStrength(columns).map((c) => c.name)).toEqual(['c', 'b', 'a', 'x', 'y']);
    expect(columns.map((c) => c.name)).toEqual(['b', 'x', 'a', 'y', 'c']);
  });
});

describe('strength labels', () => {
  it('names the usual bands', () => {
    expect(strengthLabel(0.05)).toBe('negligible');
    expect(strengthLabel(0.1)).toBe('weak');
    expect(strengthLabel(0.35)).toBe('moderate');
    expect(strengthLabel(0.5)).toBe('strong');
    expect(strengthLabel(null)).toBe('undefined');
  });
});
