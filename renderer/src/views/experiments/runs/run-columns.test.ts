import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../../shared/contract';
import { availableColumns, cellText, columnId, columnLabel, defaultColumns, isSortable, toggleColumn, type RunColumn } from './run-columns';

const run: RunSummary = {
  id: 'r1',
  experimentId: '3',
  name: 'brave-owl',
  status: 'FINISHED',
  startTime: new Date(2025, 0, 2, 3, 4, 5).getTime(),
  endTime: new Date(2025, 0, 2, 3, 4, 5).getTime() + 65_000,
  parentRunId: null,
  params: { optimizer: 'adam' },
  metrics: { val_roc_auc: 0.912345, epochs_run: 12 },
  tags: { 'workbench.backend': 'wasm' },
};

describe('default columns', () => {
  it('shows name, status, start, duration, backend, then headline metrics before others', () => {
    const columns = defaultColumns({ params: ['lr'], metrics: ['a_metric', 'loss', 'val_roc_auc', 'zeta'], tags: [] });
    expect(columns.map(columnId)).toEqual([
      'attributes.run_name',
      'attributes.status',
      'attributes.start_time',
      'attributes.duration',
      'tags.workbench.backend',
      'metrics.val_roc_auc',
      'metrics.loss',
      'metrics.a_metric',
    ]);
  });
  it('shows fewer metric columns when runs have fewer metrics', () => {
    expect(defaultColumns({ params: [], metrics: ['rmse'], tags: [] }).filter((c) => c.kind === 'metrics')).toEqual([{ kind: 'metrics', key: 'rmse' }]);
  });
});

describe('choosing columns', () => {
  it('offers every key by kind, keeping shown keys that no run has now', () => {
    const shown: RunColumn[] = [{ kind: 'params', key: 'gone' }];
    const offered = availableColumns({ params: ['lr', 'batch'], metrics: ['auc'], tags: ['t'] }, shown);
    expect(offered.params).toEqual(['batch', 'gone', 'lr']);
    expect(offered.metrics).toEqual(['auc']);
    expect(offered.attributes).toContain('duration');
  });
  it('adds a column at the end and removes a shown one', () => {
    const shown: RunColumn[] = [{ kind: 'attributes', key: 'run_name' }];
    const added = toggleColumn(shown, { kind: 'params', key: 'lr' });
    expect(added.map(columnId)).toEqual(['attributes.run_name', 'params.lr']);
    expect(toggleColumn(added, { kind: 'attributes', key: 'run_name' }).map(columnId)).toEqual(['params.lr']);
  });
  it('labels attributes in words and keys as they are; duration cannot be sorted by MLflow', () => {
    expect(columnLabel({ kind: 'attributes', key: 'start_time' })).toBe('Start');
    expect(columnLabel({ kind: 'metrics', key: 'val_loss' })).toBe('val_loss');
    expect(isSortable({ kind: 'attributes', key: 'duration' })).toBe(false);
    expect(isSortable({ kind: 'metrics', key: 'auc' })).toBe(true);
  });
});

describe('cells', () => {
  const now = run.startTime + 1_000_000;
  it('shows params, tags and rounded metrics, blank when missing', () => {
    expect(cellText(run, { kind: 'params', key: 'optimizer' }, now)).toBe('adam');
    expect(cellText(run, { kind: 'params', key: 'lr' }, now)).toBe('');
    expect(cellText(run, { kind: 'tags', key: 'workbench.backend' }, now)).toBe('wasm');
    expect(cellText(run, { kind: 'metrics', key: 'val_roc_auc' }, now)).toBe('0.9123');
    expect(cellText(run, { kind: 'metrics', key: 'epochs_run' }, now)).toBe('12');
    expect(cellText(run, { kind: 'metrics', key: 'missing' }, now)).toBe('');
  });
  it('shows attributes: times, duration to the end or to now', () => {
    expect(cellText(run, { kind: 'attributes', key: 'start_time' }, now)).toBe('2025-01-02 03:04:05');
    expect(cellText(run, { kind: 'attributes', key: 'duration' }, now)).toBe('1m 05s');
    expect(cellText({ ...run, endTime: null, status: 'RUNNING' }, { kind: 'attributes', key: 'duration' }, now)).toBe('16m 40s');
    expect(cellText({ ...run, endTime: null }, { kind: 'attributes', key: 'end_time' }, now)).toBe('');
  });
});
