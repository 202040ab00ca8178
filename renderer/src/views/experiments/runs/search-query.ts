import type { RunStatus } from '../../../../../shared/contract';

/** The four namespaces of MLflow's search syntax. */
export type KeyKind = 'attributes' | 'params' | 'metrics' | 'tags';

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * `metrics.val_auc`, or `metrics.\`val auc\`` for a key MLflow's parser would
 * split (spaces, dashes...). Dotted keys stay bare: MLflow splits the
 * namespace at the first dot only.
 */
export function identifier(kind: KeyKind, key: string): string {
  if (PLAIN_KEY.test(key)) return `${kind}.${key}`;
  return key.includes('`') ? `${kind}."${key}"` : `${kind}.\`${key}\``;
}

/** A string literal: single-quoted, or double-quoted when the value holds a single quote (MLflow has no escapes). */
export function literal(value: string): string {
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}

/** The filters given, joined with `and` (MLflow's syntax has no `or`); blank parts are left out. */
export function combineFilters(...parts: (string | null | undefined)[]): string {
  return parts
    .map((part) => part?.trim() ?? '')
    .filter((part) => part !== '')
    .join(' and ');
}

export function statusFilter(status: RunStatus | null): string {
  return status === null ? '' : `attributes.status = ${literal(status)}`;
}

/** The trials of a search: runs whose `mlflow.parentRunId` tag names it. */
export function childrenFilter(parentRunId: string): string {
  return `tags.mlflow.parentRunId = ${literal(parentRunId)}`;
}

export interface SortState {
  kind: KeyKind;
  key: string;
  descending: boolean;
}

/** MLflow's order_by list: `metrics.val_roc_auc DESC`, `params.learningRate`. */
export function orderBy(sort: SortState | null): string[] {
  if (sort === null) return [];
  const column = identifier(sort.kind, sort.key);
  return [sort.descending ? `${column} DESC` : column];
}

/**
 * The next sort after a click on a column's header: a new column sorts
 * metrics and times best-first (descending), others ascending; the same
 * column flips its direction.
 */
export function nextSort(current: SortState | null, kind: KeyKind, key: string): SortState {
  if (current && current.kind === kind && current.key === key) return { ...current, descending: !current.descending };
  const descendingFirst = kind === 'metrics' || (kind === 'attributes' && (key === 'start_time' || key === 'end_time'));
  return { kind, key, descending: descendingFirst };
}
