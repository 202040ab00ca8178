import { describe, expect, it } from 'vitest';
import { childrenFilter, combineFilters, identifier, literal, nextSort, orderBy, statusFilter } from './search-query';

describe('identifier', () => {
  it('leaves plain and dotted keys bare', () => {
    expect(identifier('metrics', 'val_roc_auc')).toBe('metrics.val_roc_auc');
    expect(identifier('tags', 'workbench.backend')).toBe('tags.workbench.backend');
  });
  it('quotes keys the parser would split', () => {
    expect(identifier('params', 'learning rate')).toBe('params.`learning rate`');
    expect(identifier('metrics', 'val-loss')).toBe('metrics.`val-loss`');
    expect(identifier('metrics', '1st')).toBe('metrics.`1st`');
    expect(identifier('params', 'odd`key')).toBe('params."odd`key"');
  });
});

describe('filters', () => {
  it('quotes literals so a quote inside survives', () => {
    expect(literal('adam')).toBe("'adam'");
    expect(literal("it's")).toBe('"it\'s"');
  });
  it('joins the non-blank parts with and', () => {
    expect(combineFilters('  metrics.auc > 0.8 ', '', null, statusFilter('RUNNING'))).toBe("metrics.auc > 0.8 and attributes.status = 'RUNNING'");
    expect(combineFilters(statusFilter(null), '   ')).toBe('');
  });
  it('finds the trials of a search by their parent tag', () => {
    expect(childrenFilter('abc123')).toBe("tags.mlflow.parentRunId = 'abc123'");
  });
});

describe('sorting', () => {
  it('writes MLflow order_by entries', () => {
    expect(orderBy(null)).toEqual([]);
    expect(orderBy({ kind: 'metrics', key: 'val_roc_auc', descending: true })).toEqual(['metrics.val_roc_auc DESC']);
    expect(orderBy({ kind: 'params', key: 'learningRate', descending: false })).toEqual(['params.learningRate']);
  });
  it('sorts a new metric or time column descending first, others ascending, and flips on a second click', () => {
    expect(nextSort(null, 'metrics', 'auc').descending).toBe(true);
    expect(nextSort(null, 'attributes', 'start_time').descending).toBe(true);
    expect(nextSort(null, 'params', 'lr').descending).toBe(false);
    const first = nextSort(null, 'params', 'lr');
    expect(nextSort(first, 'params', 'lr')).toEqual({ kind: 'params', key: 'lr', descending: true });
    expect(nextSort(first, 'metrics', 'lr')).toEqual({ kind: 'metrics', key: 'lr', descending: true });
  });
});
