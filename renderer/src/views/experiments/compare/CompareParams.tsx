import { useState } from 'react';
import type { CompareRun } from './CompareMetrics';
import { paramRows } from './param-diff';

/** Params side by side, one column per run; "differences only" hides the params every run shares. */
export function CompareParams({ runs }: { runs: CompareRun[] }) {
  const [differencesOnly, setDifferencesOnly] = useState(true);
  const rows = paramRows(
    runs.map(({ run }) => run.params),
    differencesOnly,
  );
  return (
    <div className="cmp-params">
      <label className="cmp-switch">
        <input type="checkbox" role="switch" checked={differencesOnly} onChange={(event) => setDifferencesOnly(event.target.checked)} data-testid="compare-differences-only" />
        Differences only
      </label>
      {rows.length === 0 ? (
        <p className="exp-muted" data-testid="compare-params-same">
          {differencesOnly ? 'These runs have the same params.' : 'These runs have no params.'}
        </p>
      ) : (
        <div className="exp-table-scroll">
          <table className="exp-table cmp-table" aria-label="Params per run" data-testid="compare-params">
            <thead>
              <tr>
                <th scope="col">Param</th>
                {runs.map(({ run, color }) => (
                  <th scope="col" key={run.id}>
                    <span className="cmp-swatch" style={{ background: color }} aria-hidden="true" />
                    {run.name || run.id}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} className={row.differs ? 'cmp-differs' : undefined} data-param={row.key}>
                  <th scope="row">{row.key}</th>
                  {row.values.map((value, index) => (
                    <td key={runs[index]?.run.id ?? index} className="exp-wrap">
                      {value ?? <span className="exp-muted">—</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
