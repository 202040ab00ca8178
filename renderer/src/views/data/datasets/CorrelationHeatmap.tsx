import { useId, useState } from 'react';
import type { Matrix, Profile } from '../../../../../shared/contract';
import { formatCount } from './format';
import { cellShade, correlationMethods, formatCorrelation, type CorrelationMethod } from './heatmap';

type Correlations = Profile['correlations'];

/** Pearson, Spearman (numbers) or Cramér's V (categories) as a heatmap table, saying when they come from a sample. */
export function CorrelationHeatmap({ correlations, rowCount }: { correlations: Correlations; rowCount: number }) {
  // Panels stay mounted: each heatmap needs its own radio group.
  const group = useId();
  const [chosen, setChosen] = useState<CorrelationMethod | null>(null);
  // Start where there is something to see: a dataset of categories only has no Pearson matrix.
  const method = chosen ?? (correlations.pearson.columns.length >= 2 ? 'pearson' : 'cramersV');
  const about = correlationMethods.find((m) => m.id === method)?.about ?? '';
  const matrix = correlations[method];

  return (
    <div className="ds-correlations">
      <div className="ds-toolbar">
        <div role="radiogroup" aria-label="Correlation measure" className="ds-segmented">
          {correlationMethods.map((m) => (
            <label key={m.id} className={m.id === method ? 'on' : undefined} title={m.about}>
              <input type="radio" name={group} value={m.id} checked={m.id === method} onChange={() => setChosen(m.id)} />
              {m.label}
            </label>
          ))}
        </div>
        <span className="ds-hint">
          {about}{' '}
          {correlations.exact
            ? `Computed on all ${formatCount(rowCount)} rows.`
            : `Estimated from a sample of ${formatCount(correlations.sampleRows)} of ${formatCount(rowCount)} rows.`}
        </span>
      </div>
      {matrix.columns.length < 2 ? (
        <p className="ds-empty">
          {method === 'cramersV' ? 'Needs at least two categorical columns.' : 'Needs at least two numeric columns.'}
        </p>
      ) : (
        <>
          <HeatmapTable matrix={matrix} label={correlationMethods.find((m) => m.id === method)?.label ?? method} />
          <p className="ds-hint">
            {method === 'cramersV' ? 'Blue is stronger association.' : 'Blue is positive, red negative; stronger is darker.'} A dash marks an
            undefined value: a constant column{method === 'cramersV' ? ', or one with over 100 distinct values' : ''}.
          </p>
        </>
      )}
    </div>
  );
}

function HeatmapTable({ matrix, label }: { matrix: Matrix; label: string }) {
  // Values in every cell stop being readable past about twenty columns; tooltips still give them.
  const showValues = matrix.columns.length <= 20;
  return (
    <div className="ds-heatmap-scroll">
      <table className="ds-heatmap" aria-label={`${label} correlations`}>
        <thead>
          <tr>
            <td />
            {matrix.columns.map((name) => (
              <th key={name} scope="col" className="ds-heat-col">
                <span>{name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.columns.map((rowName, i) => (
            <tr key={rowName}>
              <th scope="row">{rowName}</th>
              {matrix.columns.map((colName, j) => {
                const value = matrix.values[i]?.[j] ?? null;
                const shade = cellShade(value);
                const colour = shade.sign === 'negative' ? 'var(--ds-heat-neg)' : 'var(--ds-heat-pos)';
                return (
                  <td
                    key={colName}
                    className={shade.strong ? 'ds-heat strong' : 'ds-heat'}
                    style={{ background: `color-mix(in srgb, ${colour} ${shade.mix}%, var(--bg))` }}
                    title={`${rowName} × ${colName}: ${formatCorrelation(value)}`}
                  >
                    {showValues ? formatCorrelation(value) : <span className="ds-visually-hidden">{formatCorrelation(value)}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
