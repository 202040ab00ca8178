import { useState } from 'react';
import type { ResultColumn, ResultFilter } from '../../../../../shared/contract';
import { draftFor, draftsToFilters, type FilterDraft } from './filter-drafts';
import { filterOps, opNeedsValue, type FilterOp } from './grid-view';

interface Props {
  columns: ResultColumn[];
  drafts: FilterDraft[];
  onDrafts: (drafts: FilterDraft[]) => void;
  applied: ResultFilter[];
  onApply: (filters: ResultFilter[]) => void;
}

/** Filters on the result's columns, applied in DuckDB; Enter in a value applies them all. */
export function FilterBar({ columns, drafts, onDrafts, applied, onApply }: Props) {
  const [problem, setProblem] = useState<{ key: number; error: string } | null>(null);

  const apply = (list: FilterDraft[]): void => {
    const answer = draftsToFilters(list, columns);
    if ('error' in answer) return setProblem(answer);
    setProblem(null);
    onApply(answer.filters);
  };
  const update = (key: number, change: Partial<FilterDraft>): void => onDrafts(drafts.map((d) => (d.key === key ? { ...d, ...change } : d)));
  const remove = (key: number): void => {
    const rest = drafts.filter((d) => d.key !== key);
    onDrafts(rest);
    apply(rest);
  };
  const first = columns[0];

  return (
    <div className="sql-filters" role="group" aria-label="Filters">
      {drafts.map((draft) => (
        <div key={draft.key} className={`sql-filter${problem?.key === draft.key ? ' sql-filter-invalid' : ''}`}>
          <select aria-label="Filter column" value={draft.column} onChange={(e) => update(draft.key, { column: e.target.value })}>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
          <select aria-label="Filter operator" value={draft.op} onChange={(e) => update(draft.key, { op: e.target.value as FilterOp })}>
            {filterOps.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
          {opNeedsValue(draft.op) && (
            <input
              aria-label={`Filter value for ${draft.column}`}
              value={draft.text}
              placeholder="value"
              // A filter added from a column header wants its value typed next.
              autoFocus={draft.text === ''}
              onChange={(e) => update(draft.key, { text: e.target.value })}
              onKeyDown={(e) => e.key === 'Enter' && apply(drafts)}
            />
          )}
          <button type="button" className="sql-icon-button" aria-label={`Remove filter on ${draft.column}`} onClick={() => remove(draft.key)}>
            ×
          </button>
        </div>
      ))}
      {first && (
        <button type="button" onClick={() => onDrafts([...drafts, draftFor(first)])}>
          Add filter
        </button>
      )}
      {drafts.length > 0 && (
        <button type="button" onClick={() => apply(drafts)}>
          Apply filters
        </button>
      )}
      {(drafts.length > 0 || applied.length > 0) && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            onDrafts([]);
            apply([]);
          }}
        >
          Clear
        </button>
      )}
      {problem && (
        <span className="sql-filter-error" role="alert">
          {problem.error}
        </span>
      )}
    </div>
  );
}
