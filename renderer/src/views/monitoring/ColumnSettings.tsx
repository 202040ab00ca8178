import { useId } from 'react';
import { driftTests, type DriftTest } from '../../../../shared/contract';
import type { OverrideRow } from './report-form';

interface Props {
  /** The reference's columns when known (a dataset); otherwise names are typed. */
  known: string[];
  columns: string[];
  onColumns: (columns: string[]) => void;
  overrides: OverrideRow[];
  onOverrides: (overrides: OverrideRow[]) => void;
}

const testLabels: Record<DriftTest, string> = {
  ks: 'Kolmogorov–Smirnov',
  chisquare: 'Chi-square',
  z: 'Z-test (proportions)',
  wasserstein: 'Wasserstein (normed)',
  jensenshannon: 'Jensen–Shannon',
  psi: 'PSI',
  kl: 'Kullback–Leibler',
  hellinger: 'Hellinger',
};

/** Which columns to compare (none chosen: all shared), and per-column test and threshold overrides. */
export function ColumnSettings({ known, columns, onColumns, overrides, onOverrides }: Props) {
  const id = useId();
  const setRow = (index: number, patch: Partial<OverrideRow>): void => onOverrides(overrides.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="mon-fieldset">
      <legend>Columns and tests</legend>
      <div className="mon-field">
        <label htmlFor={`${id}-columns`}>Columns (none selected: every column both sides share)</label>
        {known.length > 0 ? (
          <select id={`${id}-columns`} multiple size={Math.min(6, known.length)} value={columns} onChange={(event) => onColumns([...event.target.selectedOptions].map((o) => o.value))} data-testid="mon-columns">
            {known.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={`${id}-columns`}
            value={columns.join(', ')}
            placeholder="all"
            spellCheck={false}
            onChange={(event) =>
              onColumns(
                event.target.value
                  .split(',')
                  .map((c) => c.trim())
                  .filter((c) => c !== ''),
              )
            }
            data-testid="mon-columns"
          />
        )}
      </div>
      {overrides.length > 0 && (
        <table className="mon-table" aria-label="Per-column overrides">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Test</th>
              <th scope="col">Threshold</th>
              <th scope="col">
                <span className="mon-visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overrides.map((row, index) => (
              <tr key={index} data-testid="mon-override">
                <td>
                  <input aria-label="Override column" list={`${id}-known`} value={row.column} spellCheck={false} onChange={(event) => setRow(index, { column: event.target.value })} />
                </td>
                <td>
                  <select aria-label="Override test" value={row.test} onChange={(event) => setRow(index, { test: event.target.value as DriftTest | '' })}>
                    <option value="">Default</option>
                    {driftTests.map((test) => (
                      <option key={test} value={test}>
                        {testLabels[test]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input aria-label="Override threshold" value={row.threshold} placeholder="default" inputMode="decimal" onChange={(event) => setRow(index, { threshold: event.target.value })} />
                </td>
                <td>
                  <button type="button" className="mon-small" onClick={() => onOverrides(overrides.filter((_, i) => i !== index))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <datalist id={`${id}-known`}>
        {known.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div>
        <button type="button" className="mon-small" onClick={() => onOverrides([...overrides, { column: '', test: '', threshold: '' }])} data-testid="mon-add-override">
          Override a column's test
        </button>
      </div>
    </fieldset>
  );
}
