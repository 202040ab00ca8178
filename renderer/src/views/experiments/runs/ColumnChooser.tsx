import { useState } from 'react';
import { availableColumns, columnLabel, sameColumn, toggleColumn, type RunColumn, type RunKeys } from './run-columns';
import type { KeyKind } from './search-query';

interface Props {
  keys: RunKeys;
  shown: RunColumn[];
  onChange: (columns: RunColumn[] | null) => void;
}

const sections: { kind: KeyKind; title: string }[] = [
  { kind: 'attributes', title: 'Run' },
  { kind: 'metrics', title: 'Metrics' },
  { kind: 'params', title: 'Params' },
  { kind: 'tags', title: 'Tags' },
];

/** Shown columns: ticks for the run's attributes and every param, metric and tag key the runs have; a search box for long lists. */
export function ColumnChooser({ keys, shown, onChange }: Props) {
  const [search, setSearch] = useState('');
  const offered = availableColumns(keys, shown);
  const needle = search.trim().toLowerCase();
  return (
    <details className="exp-columns" data-testid="runs-columns">
      <summary>Columns ({shown.length})</summary>
      <div className="exp-columns-popup">
        <input type="search" placeholder="Find a key" aria-label="Find a column" value={search} onChange={(event) => setSearch(event.target.value)} />
        {sections.map(({ kind, title }) => {
          const matching = offered[kind].filter((key) => needle === '' || key.toLowerCase().includes(needle));
          if (matching.length === 0) return null;
          return (
            <fieldset key={kind} className="exp-columns-section">
              <legend>{title}</legend>
              {matching.map((key) => {
                const column: RunColumn = { kind, key };
                return (
                  <label key={key} className="exp-columns-option">
                    <input type="checkbox" checked={shown.some((other) => sameColumn(other, column))} onChange={() => onChange(toggleColumn(shown, column))} />
                    {columnLabel(column)}
                  </label>
                );
              })}
            </fieldset>
          );
        })}
        <div className="exp-columns-actions">
          <button type="button" onClick={() => onChange(null)}>
            Default columns
          </button>
        </div>
      </div>
    </details>
  );
}
