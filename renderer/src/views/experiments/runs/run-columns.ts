import type { RunSummary, SearchRunsResult } from '../../../../../shared/contract';
import { formatDuration, formatNumber, formatTime, runDuration } from './format';
import { identifier, type KeyKind } from './search-query';

/** A column of the runs table: an attribute of the run, or one param, metric or tag key. */
export interface RunColumn {
  kind: KeyKind;
  key: string;
}

export type RunKeys = SearchRunsResult['keys'];

export const BACKEND_TAG = 'workbench.backend';
export const DEVICE_TAG = 'workbench.device';
export const BEST_TRIAL_TAG = 'workbench.bestTrialRunId';

/** The run attributes a table can show; `duration` is worked out here, so MLflow cannot sort by it. */
export const attributeColumns = ['run_name', 'status', 'start_time', 'end_time', 'duration', 'experiment_id', 'run_id'] as const;
const attributeLabels: Record<string, string> = {
  run_name: 'Name',
  status: 'Status',
  start_time: 'Start',
  end_time: 'End',
  duration: 'Duration',
  experiment_id: 'Experiment',
  run_id: 'Run id',
};
const unsortable = new Set(['duration']);

/** Metrics shown first when the user has not chosen: the usual headline figures of a model. */
const headlineMetrics = ['val_roc_auc', 'roc_auc', 'test_roc_auc', 'val_accuracy', 'accuracy', 'val_loss', 'loss', 'rmse', 'val_rmse', 'r2', 'f1'];
const DEFAULT_METRIC_COLUMNS = 3;

export function columnId(column: RunColumn): string {
  return identifier(column.kind, column.key);
}

export function sameColumn(a: RunColumn, b: RunColumn): boolean {
  return a.kind === b.kind && a.key === b.key;
}

export function columnLabel(column: RunColumn): string {
  return column.kind === 'attributes' ? (attributeLabels[column.key] ?? column.key) : column.key;
}

export function isSortable(column: RunColumn): boolean {
  return !(column.kind === 'attributes' && unsortable.has(column.key));
}

/** Name, status, start, duration, the backend tag and a few metrics: headline ones first, then the first by name. */
export function defaultColumns(keys: RunKeys): RunColumn[] {
  const metrics = [...headlineMetrics.filter((key) => keys.metrics.includes(key)), ...[...keys.metrics].sort()];
  const chosen = [...new Set(metrics)].slice(0, DEFAULT_METRIC_COLUMNS);
  return [
    { kind: 'attributes', key: 'run_name' },
    { kind: 'attributes', key: 'status' },
    { kind: 'attributes', key: 'start_time' },
    { kind: 'attributes', key: 'duration' },
    { kind: 'tags', key: BACKEND_TAG },
    ...chosen.map((key): RunColumn => ({ kind: 'metrics', key })),
  ];
}

/** Every column the chooser offers, by kind, sorted by key; the shown ones are offered even when no run has them any more. */
export function availableColumns(keys: RunKeys, shown: readonly RunColumn[]): Record<KeyKind, string[]> {
  const withShown = (kind: KeyKind, list: readonly string[]): string[] =>
    [...new Set([...list, ...shown.filter((column) => column.kind === kind).map((column) => column.key)])].sort();
  return {
    attributes: [...attributeColumns],
    params: withShown('params', keys.params),
    metrics: withShown('metrics', keys.metrics),
    tags: withShown('tags', keys.tags),
  };
}

/** Adds the column at the end, or takes it away. */
export function toggleColumn(shown: readonly RunColumn[], column: RunColumn): RunColumn[] {
  return shown.some((other) => sameColumn(other, column)) ? shown.filter((other) => !sameColumn(other, column)) : [...shown, column];
}

/** What a cell shows for a run; empty when the run lacks the key. */
export function cellText(run: RunSummary, column: RunColumn, now: number): string {
  switch (column.kind) {
    case 'params':
      return run.params[column.key] ?? '';
    case 'tags':
      return run.tags[column.key] ?? '';
    case 'metrics': {
      const value = run.metrics[column.key];
      return value === undefined ? '' : formatNumber(value);
    }
    case 'attributes':
      return attributeText(run, column.key, now);
  }
}

function attributeText(run: RunSummary, key: string, now: number): string {
  switch (key) {
    case 'run_name':
      return run.name;
    case 'status':
      return run.status;
    case 'start_time':
      return formatTime(run.startTime);
    case 'end_time':
      return run.endTime === null ? '' : formatTime(run.endTime);
    case 'duration':
      return formatDuration(runDuration(run, now));
    case 'experiment_id':
      return run.experimentId;
    case 'run_id':
      return run.id;
    default:
      return '';
  }
}

/** Pixel width of a column in the grid: names wide, times medium, figures narrow. */
export function columnWidth(column: RunColumn): number {
  if (column.kind === 'attributes') {
    if (column.key === 'run_name') return 240;
    if (column.key === 'start_time' || column.key === 'end_time') return 160;
    if (column.key === 'run_id') return 260;
    return 110;
  }
  return column.kind === 'metrics' ? 110 : 130;
}

export function isNumericColumn(column: RunColumn): boolean {
  return column.kind === 'metrics';
}
