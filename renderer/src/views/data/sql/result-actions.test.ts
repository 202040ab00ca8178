import { describe, expect, it } from 'vitest';
import { exportPathFor, formatDuration, isAbsolutePath, suggestDatasetName, withExtension } from './result-actions';

describe('result actions', () => {
  it('tells absolute paths from relative ones', () => {
    for (const path of ['/tmp/a.csv', 'C:\\data\\a.csv', 'd:/a.parquet', '\\\\server\\share\\a.csv']) expect(isAbsolutePath(path)).toBe(true);
    for (const path of ['a.csv', './a.csv', '~/a.csv', '']) expect(isAbsolutePath(path)).toBe(false);
  });

  it('swaps the extension for the chosen format', () => {
    expect(withExtension('/tmp/out.csv', 'parquet')).toBe('/tmp/out.parquet');
    expect(withExtension('/tmp/out', 'csv')).toBe('/tmp/out.csv');
  });

  it('suggests a valid dataset name from a tab title', () => {
    expect(suggestDatasetName('Churn by month!')).toBe('churn_by_month');
    expect(suggestDatasetName('2024 sales')).toBe('q_2024_sales');
    expect(suggestDatasetName('***')).toBe('query_result');
    expect(suggestDatasetName('x'.repeat(100))).toHaveLength(63);
  });

  it('suggests an export path in the workspace', () => {
    expect(exportPathFor('/home/me/ws/', 'Query 1', 'csv')).toBe('/home/me/ws/query_1.csv');
    expect(exportPathFor('C:\\ws', 'Query 1', 'parquet')).toBe('C:\\ws\\query_1.parquet');
    expect(exportPathFor(undefined, 'Query 1', 'csv')).toBe('');
  });

  it('formats query times', () => {
    expect(formatDuration(0.0004)).toBe('1 ms');
    expect(formatDuration(0.123)).toBe('123 ms');
    expect(formatDuration(3.456)).toBe('3.46 s');
    expect(formatDuration(125)).toBe('2 min 5 s');
  });
});
