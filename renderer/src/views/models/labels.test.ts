import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../shared/contract';
import { modelNameProblem, runLabel } from './labels';

describe('names and labels', () => {
  it('accepts the model names MLflow and the contract accept', () => {
    expect(modelNameProblem('churn')).toBeNull();
    expect(modelNameProblem('churn.v2_final-3')).toBeNull();
    expect(modelNameProblem('-churn')).toMatch(/starts with a letter or digit/);
    expect(modelNameProblem('my model')).not.toBeNull();
    expect(modelNameProblem('a'.repeat(101))).toMatch(/100 characters/);
  });

  it('labels a run with its name, whether it is a trial, and its first test metric', () => {
    const start = new Date(2025, 2, 4, 14, 5).getTime();
    const run: RunSummary = { id: 'abcdef0123456789', experimentId: '0', name: 'mlp-churn', status: 'FINISHED', startTime: start, endTime: start + 1000, parentRunId: null, params: {}, metrics: { test_roc_auc: 0.84567, loss: 0.3, test_accuracy: 0.8 }, tags: {} };
    expect(runLabel(run)).toBe('mlp-churn · 2025-03-04 14:05 · test_accuracy 0.8');
    expect(runLabel({ ...run, name: '', parentRunId: 'p', metrics: {} })).toBe('abcdef01 (trial) · 2025-03-04 14:05');
  });
});
