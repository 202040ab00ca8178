import { describe, expect, it } from 'vitest';
import type { ColumnDrift, MonitoringReport } from '../../../../shared/contract';
import { compareReports, formatScore, verdictSentence } from './compare';

function column(name: string, drifted: boolean, score: number): ColumnDrift {
  return { column: name, type: 'numeric', test: 'ks', score, threshold: 0.05, drifted, skipped: null, histogram: { bins: [], reference: [], current: [] }, missing: { reference: 0, current: 0, drifted: false } };
}

function report(version: number, columns: ColumnDrift[], detected: boolean): MonitoringReport {
  const drifted = columns.filter((c) => c.drifted).length;
  return {
    id: `r${version}`,
    name: 'churn',
    version,
    createdAt: 0,
    spec: { name: 'churn', reference: { kind: 'dataset', dataset: 'a' }, current: { kind: 'dataset', dataset: 'b' }, columns: [], overrides: {}, byType: {}, driftShare: 0.5, business: [] },
    model: null,
    sources: { reference: 'x', current: 'y', referenceRows: 1, currentRows: 1 },
    schema: { onlyInReference: [], onlyInCurrent: [], typeMismatches: [] },
    drift: { columns, drifted, share: drifted / columns.length, detected, driftShare: 0.5 },
    predictionDrift: null,
    quality: null,
    business: [],
    alerts: [],
    warnings: [],
  };
}

describe('compareReports', () => {
  it('lines up columns, flags changed drift and columns on one side only', () => {
    const a = report(1, [column('tenure', false, 0.4), column('gender', false, 0.9), column('old', true, 0.01)], false);
    const b = report(2, [column('gender', false, 0.8), column('tenure', true, 0.001), column('new', false, 0.5)], true);
    const comparison = compareReports(a, b);
    expect(comparison.rows.map((row) => [row.column, row.changed])).toEqual([
      ['tenure', true],
      ['gender', false],
      ['old', true],
      ['new', true],
    ]);
    expect(comparison.rows[0]?.b?.score).toBe(0.001);
    expect(comparison.rows[2]?.b).toBeNull();
    expect(comparison.rows[3]?.a).toBeNull();
    expect(comparison.a).toMatchObject({ label: 'churn v1', detected: false, drifted: 1, columns: 3 });
    expect(comparison.b).toMatchObject({ label: 'churn v2', detected: true, drifted: 1 });
  });
});

describe('formatting', () => {
  it('formats scores and the verdict sentence', () => {
    expect(formatScore(null)).toBe('—');
    expect(formatScore(0.123456)).toBe('0.123');
    expect(formatScore(0.0000123)).toBe('1.23e-5');
    expect(formatScore(0)).toBe('0');
    expect(verdictSentence(report(1, [column('a', true, 0)], true).drift)).toBe('Dataset drift is detected (threshold 0.5)');
    expect(verdictSentence(report(1, [column('a', false, 1)], false).drift)).toBe('Dataset drift is not detected (threshold 0.5)');
  });
});
