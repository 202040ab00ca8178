import { describe, expect, it } from 'vitest';
import { columnsFor, drawable, fitSpec } from './columns';

const columns = [
  { name: 'Churn', type: 'VARCHAR' },
  { name: 'tenure', type: 'BIGINT' },
  { name: 'MonthlyCharges', type: 'DOUBLE' },
  { name: 'signed_up', type: 'TIMESTAMP WITH TIME ZONE' },
];

describe('chart columns', () => {
  it('offers each role the column types the kind can draw', () => {
    expect(columnsFor('histogram', 'x', columns).map((c) => c.name)).toEqual(['tenure', 'MonthlyCharges', 'signed_up']);
    expect(columnsFor('box', 'x', columns).map((c) => c.name)).toEqual(['tenure', 'MonthlyCharges']);
    expect(columnsFor('bar', 'x', columns)).toHaveLength(4);
    expect(columnsFor('line', 'y', columns).map((c) => c.name)).toEqual(['tenure', 'MonthlyCharges']);
    expect(columnsFor('histogram', 'y', columns)).toEqual([]);
    expect(columnsFor('box', 'color', columns)).toHaveLength(4);
  });

  it('keeps a spec drawable when the kind changes: unfit columns and unused settings go', () => {
    const bar = { kind: 'bar' as const, x: 'Churn', y: 'MonthlyCharges', aggregate: 'sum' as const, color: 'Churn', bins: 30 };
    expect(fitSpec({ ...bar, kind: 'histogram' }, columns)).toEqual({ kind: 'histogram', x: 'tenure', color: 'Churn', bins: 30 });
    expect(fitSpec({ ...bar, kind: 'line', x: 'signed_up' }, columns)).toEqual({ kind: 'line', x: 'signed_up', y: 'MonthlyCharges', aggregate: 'sum', color: 'Churn', bins: 30 });
    // An aggregate of y needs y; counting does not.
    expect(fitSpec({ kind: 'bar', x: 'Churn', aggregate: 'mean' }, columns)).toEqual({ kind: 'bar', x: 'Churn' });
    expect(fitSpec({ kind: 'bar', x: 'Churn', aggregate: 'count' }, columns)).toEqual({ kind: 'bar', x: 'Churn', aggregate: 'count' });
    expect(fitSpec({ kind: 'box', x: 'gone', facet: 'gone' }, columns)).toEqual({ kind: 'box', x: 'tenure' });
  });

  it('draws only when x is chosen, and y where the kind needs one', () => {
    expect(drawable({ kind: 'histogram', x: '' })).toBe(false);
    expect(drawable({ kind: 'scatter', x: 'tenure' })).toBe(false);
    expect(drawable({ kind: 'scatter', x: 'tenure', y: 'MonthlyCharges' })).toBe(true);
  });
});
