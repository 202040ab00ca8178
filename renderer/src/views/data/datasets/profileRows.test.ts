import { describe, expect, it } from 'vitest';
import type { ColumnInfo, ColumnProfile, Profile } from '../../../../../shared/contract';
import { profileRows, targetSelfSplit } from './profileRows';

const category = (name: string, top: [string, number][]): ColumnProfile => ({
  name,
  type: 'VARCHAR',
  kind: 'category',
  count: 10,
  nulls: 0,
  nullShare: 0,
  distinct: top.length,
  distinctApprox: false,
  top: top.map(([value, count]) => ({ value, count })),
  otherCount: 0,
  lengths: { min: 1, mean: 1, max: 1 },
});

const date = (name: string): ColumnProfile => ({
  name,
  type: 'DATE',
  kind: 'date',
  count: 10,
  nulls: 0,
  nullShare: 0,
  distinct: 10,
  distinctApprox: false,
  min: '2024-01-01',
  max: '2024-12-31',
  histogram: { edges: [0, 1], counts: [10] },
});

const split = (name: string, strength: number | null) => ({ name, kind: 'category' as const, bins: ['a'], groups: [{ target: 'No', counts: [1] }], strength });

function profile(columns: ColumnProfile[], target: Profile['target']): Profile {
  const empty = { columns: [], values: [] };
  return {
    source: 'd',
    fingerprint: 'f',
    rowCount: 10,
    columns,
    correlations: { pearson: empty, spearman: empty, cramersV: empty, sampleRows: 10, exact: true },
    target,
    computedAt: '2024-01-01T00:00:00Z',
    seconds: 0.1,
    cached: false,
  };
}

const schema: ColumnInfo[] = [{ name: 'total', type: 'DOUBLE', coercedFrom: 'VARCHAR', unparsed: 11 }];

describe('profile rows', () => {
  const columns = [category('weak', []), category('total', []), date('when'), category('churn', [['No', 7], ['Yes', 3]]), category('strong', [])];

  it('keeps the data order without a target, joining the schema by name', () => {
    const rows = profileRows(profile(columns, null), schema);
    expect(rows.map((r) => r.column.name)).toEqual(['weak', 'total', 'when', 'churn', 'strong']);
    expect(rows[1]!.info?.unparsed).toBe(11);
    expect(rows.every((r) => !r.isTarget && r.split === undefined)).toBe(true);
  });

  it('puts the target first, then the strongest associations, then columns without a split', () => {
    const target = { column: 'churn', sampleRows: 10, columns: [split('weak', 0.05), split('total', null), split('strong', 0.6)] };
    const rows = profileRows(profile(columns, target), schema);
    expect(rows.map((r) => r.column.name)).toEqual(['churn', 'strong', 'weak', 'total', 'when']);
    expect(rows[0]!.isTarget).toBe(true);
    expect(rows[1]!.split?.strength).toBe(0.6);
    expect(rows[4]!.split).toBeUndefined();
  });
});

describe('the target drawn in its own colours', () => {
  it('gives each target value its own bar in its group', () => {
    const churn = category('churn', [['Yes', 3], ['No', 7]]);
    expect(targetSelfSplit(churn, ['No', 'Yes'])).toEqual({
      bins: ['No', 'Yes'],
      groups: [
        { target: 'No', counts: [7, 0] },
        { target: 'Yes', counts: [0, 3] },
      ],
    });
  });

  it('does nothing for a numeric target, whose groups are bins', () => {
    expect(targetSelfSplit(date('when'), ['a'])).toBeNull();
  });
});
