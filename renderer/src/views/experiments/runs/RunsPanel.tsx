import { useEffect, useMemo, useState } from 'react';
import type { WorkbenchClient } from '../../../../../shared/client';
import type { Experiment } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useBackendValue } from '../../../app/use-backend-value';
import { ColumnChooser } from './ColumnChooser';
import { usePanelState } from './panel-state';
import { columnId, defaultColumns, type RunColumn } from './run-columns';
import { RunsTable } from './RunsTable';
import { RunsToolbar } from './RunsToolbar';
import { combineFilters, nextSort, orderBy, statusFilter } from './search-query';
import { throttle } from './throttle';
import { useRunsSearch, type RunsQuery } from './use-runs-search';
import { useTableRows } from './use-table-rows';
import { useTrials } from './use-trials';
import './runs.css';

interface Props {
  onOpenRun: (runId: string) => void;
  onCompare: (runIds: string[]) => void;
  /** Starts a new run with a run's params (shown when given). */
  onRerun?: (runId: string) => void;
}

/** Live updates arrive a few times a second per run; the table reads its page at most this often. */
const REFRESH_MS = 1000;

const readExperiments = (client: WorkbenchClient): Promise<Experiment[]> => client.call('tracking.experiments', {});

/**
 * The runs of one experiment or all: sorted, filtered and paged by the
 * backend, kept current by `tracking.changed`; ticked runs can be compared.
 */
export function RunsPanel({ onOpenRun, onCompare, onRerun }: Props) {
  const { client, workspace } = useBackend();
  const [state, update] = usePanelState(workspace?.path ?? null);
  const experiments = useBackendValue(readExperiments);
  const nested = state.trials === 'nested';

  const query = useMemo<RunsQuery>(
    () => ({
      experimentIds: state.experimentId === null ? [] : [state.experimentId],
      filter: combineFilters(state.filter, statusFilter(state.status)),
      orderBy: orderBy(state.sort),
      includeChildren: state.trials === 'flat',
    }),
    [state.experimentId, state.filter, state.status, state.sort, state.trials],
  );
  const search = useRunsSearch(query);
  const queryKey = JSON.stringify(query);

  // Opened searches belong to one query: another sort or filter closes them.
  const [opened, setOpened] = useState<{ key: string; ids: string[] }>({ key: queryKey, ids: [] });
  const expanded = useMemo(() => (opened.key === queryKey ? opened.ids : []), [opened, queryKey]);
  const trials = useTrials(expanded, query.orderBy, search.epoch);
  const rows = useTableRows(search, nested, expanded, trials);
  const toggleExpanded = (runId: string): void =>
    setOpened({ key: queryKey, ids: expanded.includes(runId) ? expanded.filter((id) => id !== runId) : [...expanded, runId] });

  const { refresh } = search;
  const { reload: reloadExperiments } = experiments;
  useEffect(() => {
    const runs = throttle(refresh, REFRESH_MS);
    const counts = throttle(reloadExperiments, 2 * REFRESH_MS);
    const stop = client.on('tracking.changed', (change) => {
      if (change.kind !== 'updated') counts.call();
      if (state.experimentId === null || change.experimentId === state.experimentId) runs.call();
    });
    return () => {
      stop();
      runs.cancel();
      counts.cancel();
    };
  }, [client, refresh, reloadExperiments, state.experimentId]);

  const columns = state.columns ?? defaultColumns(search.keys);
  const selected = useMemo(() => new Set(state.selected), [state.selected]);
  const select = (runId: string, on: boolean): void =>
    update({ selected: on ? [...state.selected.filter((id) => id !== runId), runId] : state.selected.filter((id) => id !== runId) });
  const sortBy = (column: RunColumn): void => update({ sort: nextSort(state.sort, column.kind, column.key) });
  const firstSelected = state.selected[0];

  return (
    <section className="exp-runs" data-testid="runs-panel" aria-label="Runs">
      <RunsToolbar
        experiments={experiments.value}
        experimentId={state.experimentId}
        onExperiment={(experimentId) => update({ experimentId })}
        filter={state.filter}
        onFilter={(filter) => update({ filter })}
        status={state.status}
        onStatus={(status) => update({ status })}
        trials={state.trials}
        onTrials={(trialsMode) => update({ trials: trialsMode })}
      />
      {search.failure && (
        <p className="exp-error" role="alert" data-testid="runs-error">
          {search.failure}
        </p>
      )}
      <div className="exp-runs-bar">
        <span className="exp-muted" data-testid="runs-count" aria-live="polite">
          {search.failure ? '' : search.total === null ? 'Loading runs…' : `${search.total.toLocaleString()} ${search.total === 1 ? 'run' : 'runs'}`}
        </span>
        <span className="exp-gap" />
        {state.selected.length > 0 && (
          <>
            <span className="exp-muted" data-testid="runs-selected-count">
              {state.selected.length} selected
            </span>
            <button type="button" onClick={() => update({ selected: [] })}>
              Clear selection
            </button>
          </>
        )}
        {onRerun && (
          <button type="button" disabled={state.selected.length !== 1 || firstSelected === undefined} onClick={() => firstSelected && onRerun(firstSelected)} title="Start a new run with the selected run's params">
            New run with these params
          </button>
        )}
        <button type="button" className="exp-primary" disabled={state.selected.length < 2} onClick={() => onCompare(state.selected)} data-testid="runs-compare">
          Compare{state.selected.length >= 2 ? ` (${state.selected.length})` : ''}
        </button>
        <ColumnChooser keys={search.keys} shown={columns} onChange={(chosen) => update({ columns: chosen })} />
      </div>
      {search.total === 0 && !search.failure ? (
        <div className="empty-state" data-testid="runs-empty">
          {state.filter !== '' || state.status !== null ? (
            <p>No runs match this filter.</p>
          ) : (
            <>
              <p>No runs yet.</p>
              <p className="exp-muted">Train a model here, or point an MLflow client at the workbench (MLFLOW_TRACKING_URI) and its runs appear in this table.</p>
            </>
          )}
        </div>
      ) : (
        <RunsTable
          columns={columns}
          count={rows.count}
          rowAt={rows.rowAt}
          onVisible={rows.onVisible}
          refreshKey={search.epoch}
          resetKey={`${queryKey}|${columns.map(columnId).join(',')}`}
          sort={state.sort}
          onSort={sortBy}
          selected={selected}
          onSelect={select}
          onOpen={onOpenRun}
          onExpand={toggleExpanded}
        />
      )}
    </section>
  );
}
