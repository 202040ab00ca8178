import { useCallback, useState } from 'react';
import { isWorkbenchError, type QueryResult, type ResultFilter, type ResultSort } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useDataView } from '../data-view-context';
import { useProfile } from '../datasets/useProfile';
import { FilterBar } from './FilterBar';
import { draftFor, type FilterDraft } from './filter-drafts';
import { nextSort, viewKey } from './grid-view';
import { ResultActions } from './ResultActions';
import { formatDuration } from './result-actions';
import { ResultGrid } from './ResultGrid';
import { ResultProfile } from './ResultProfile';
import { ResultViewSwitch, type ResultView } from './ResultViewSwitch';
import { useResultCount, useResultRows } from './use-result-data';

interface Props {
  result: QueryResult;
  title: string;
  /** The result is from before the latest run, which failed or was cancelled. */
  stale: boolean;
  onSaved: () => void;
}

const noSort: ResultSort[] = [];
const noFilters: ResultFilter[] = [];

/** One query's result: counts and timing, filters, the grid or the profile, and what can be done with it. */
export function ResultPane({ result, title, stale, onSaved }: Props) {
  const { client } = useBackend();
  const { openChart } = useDataView();
  const [sort, setSort] = useState<ResultSort[]>(noSort);
  const [filters, setFilters] = useState<ResultFilter[]>(noFilters);
  const [drafts, setDrafts] = useState<FilterDraft[]>([]);
  const rows = useResultRows(client, result, sort, filters);
  const count = useResultCount(client, result, filters);
  const onSort = useCallback((column: string, additive: boolean) => setSort((current) => nextSort(current, column, additive)), []);
  const [view, setView] = useState<ResultView>('rows');
  const profile = useProfile({ resultId: result.resultId });

  const chooseView = (next: ResultView): void => {
    setView(next);
    // Profiling re-runs the query in DuckDB, so it starts when asked for, once.
    if (next !== 'rows' && !profile.profile && !profile.progress) profile.run({ target: null });
  };

  if (result.columns.length === 0) {
    return (
      <p className="sql-summary" role="status">
        Done: {result.statements} statement{result.statements === 1 ? '' : 's'} ran in {formatDuration(result.seconds)}; no rows to show.
      </p>
    );
  }

  const gridRows = count.rows ?? rows.exactFromPages ?? rows.knownRows;
  const pageError = rows.error ?? count.error;
  return (
    <div className={`sql-result${stale ? ' sql-result-stale' : ''}`}>
      <div className="sql-summary-bar">
        <p className="sql-summary" role="status" data-testid="sql-summary">
          {count.rows !== null ? (
            <strong data-testid="sql-row-count">{count.rows.toLocaleString()} row{count.rows === 1 ? '' : 's'}</strong>
          ) : count.counting ? (
            <span>Counting rows…</span>
          ) : (
            <span>{result.truncated ? `First ${result.rows.length.toLocaleString()} rows` : 'Rows not counted'}</span>
          )}
          {filters.length > 0 && <span className="sql-note"> (filtered)</span>}
          <span className="sql-note">
            {' · '}
            {result.columns.length} column{result.columns.length === 1 ? '' : 's'} · query {formatDuration(result.seconds)}
            {rows.loading ? ' · loading rows…' : ''}
          </span>
          {stale && <span className="sql-note"> · from the previous run</span>}
        </p>
        <ResultViewSwitch view={view} onView={chooseView} pageable={result.pageable} />
        {result.pageable && (
          <>
            <button type="button" onClick={() => openChart({ resultId: result.resultId, label: title })}>
              Chart…
            </button>
            <ResultActions resultId={result.resultId} title={title} sort={sort} filters={filters} onSaved={onSaved} />
          </>
        )}
      </div>
      {!result.pageable && (
        <p className="sql-note sql-script-note">
          A script of {result.statements} statements: these are the rows of its last statement as they came
          {result.truncated ? ' (the first 10,000)' : ''}. Sorting, filtering, profiling, export and saving need a single SELECT.
        </p>
      )}
      {view !== 'rows' && <ResultProfile title={title} columns={result.columns} run={profile} show={view} filtered={filters.length > 0} />}
      {result.pageable && view === 'rows' && (
        <FilterBar
          columns={result.columns}
          drafts={drafts}
          onDrafts={setDrafts}
          applied={filters}
          onApply={(next) => setFilters(next.length === 0 ? noFilters : next)}
        />
      )}
      {pageError !== null && view === 'rows' && (
        <p className="sql-page-error" role="alert">
          {isWorkbenchError(pageError) ? `${pageError.code}: ${pageError.message}` : pageError instanceof Error ? pageError.message : 'The rows could not be loaded.'}
        </p>
      )}
      {view === 'rows' && (
        <ResultGrid
          key={result.resultId}
          columns={result.columns}
          rowCount={gridRows}
          rowAt={rows.rowAt}
          request={rows.request}
          sort={sort}
          onSort={result.pageable ? onSort : undefined}
          onFilterColumn={
            result.pageable
              ? (name) => {
                  const column = result.columns.find((c) => c.name === name);
                  if (column) setDrafts((current) => [...current, draftFor(column)]);
                }
              : undefined
          }
          filtered={new Set(filters.map((f) => f.column))}
          resetKey={viewKey(sort, filters)}
        />
      )}
    </div>
  );
}
