import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../../../shared/contract';
import { metricColumns } from './columns';

const withMetrics = (metrics: Record<string, number>): ModelVersion => ({ lineage: { metrics } }) as unknown as ModelVersion;

describe('the metric columns of the versions table', () => {
  it('shows the test metrics the versions have between them, headline figures first', () => {
    const versions = [withMetrics({ test_roc_auc: 0.8, loss: 0.3, test_log_loss: 0.5, test_f1: 0.4 }), withMetrics({ test_accuracy: 0.7, val_loss: 0.4, test_brier: 0.2 })];
    expect(metricColumns(versions)).toEqual(['test_roc_auc', 'test_accuracy', 'test_f1', 'test_brier']);
    expect(metricColumns(versions, 10)).toEqual(['test_roc_auc', 'test_accuracy', 'test_f1', 'test_brier', 'test_log_loss']);
  });

  it('falls back to any metric when none is a test metric, and keeps to the limit', () => {
    expect(metricColumns([withMetrics({ e: 1, d: 1, c: 1, b: 1, a: 1 })])).toEqual(['a', 'b', 'c', 'd']);
    expect(metricColumns([withMetrics({})])).toEqual([]);
  });
});
