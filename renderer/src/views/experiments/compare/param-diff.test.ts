import { describe, expect, it } from 'vitest';
import { paramRows } from './param-diff';

const runs: Record<string, string>[] = [
  { optimizer: 'adam', lr: '0.01', epochs: '20' },
  { optimizer: 'adam', lr: '0.001', epochs: '20', dropout: '0.1' },
];

describe('paramRows', () => {
  it('lists every key once, sorted, with a value per run', () => {
    expect(paramRows(runs, false)).toEqual([
      { key: 'dropout', values: [null, '0.1'], differs: true },
      { key: 'epochs', values: ['20', '20'], differs: false },
      { key: 'lr', values: ['0.01', '0.001'], differs: true },
      { key: 'optimizer', values: ['adam', 'adam'], differs: false },
    ]);
  });
  it('keeps only the differing keys when asked', () => {
    expect(paramRows(runs, true).map((row) => row.key)).toEqual(['dropout', 'lr']);
  });
  it('has no differences between identical runs', () => {
    const only = runs[0] ?? {};
    expect(paramRows([only, { ...only }], true)).toEqual([]);
  });
});
