import { useId } from 'react';
import { CheckField, ProblemText, SelectField, TextField, type SectionProps } from './fields';
import { validationMetrics } from './form-load';
import type { SearchForm, SpaceRowForm } from './form-state';

/** The parameters a search can set, as `settings.x` or `algorithm.x` paths. */
const knownPaths = [
  'settings.learningRate',
  'settings.batchSize',
  'settings.epochs',
  'settings.optimizer',
  'algorithm.hiddenLayers',
  'algorithm.activation',
  'algorithm.dropout',
  'algorithm.l2',
];

const newRow = (rows: readonly SpaceRowForm[]): SpaceRowForm => {
  const path = knownPaths.find((p) => !rows.some((row) => row.path === p)) ?? '';
  return path === 'settings.learningRate' ? { path, type: 'loguniform', low: '0.0001', high: '0.1', values: '' } : { path, type: 'uniform', low: '', high: '', values: '' };
};

/** An optional hyperparameter search: each trial is a child run; the best is highlighted in Runs. */
export function SearchSection({ form, update, problems }: SectionProps) {
  const pathList = useId();
  const metricList = useId();
  const search = form.search;
  const set = (patch: Partial<SearchForm>): void => update({ search: { ...search, ...patch } });
  const setRow = (index: number, patch: Partial<SpaceRowForm>): void => set({ space: search.space.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  const enable = (enabled: boolean): void => {
    const metric = search.metric || (form.task === 'regression' ? 'val_rmse' : 'val_roc_auc');
    const direction = search.metric ? search.direction : form.task === 'regression' ? 'minimize' : 'maximize';
    set({ enabled, metric, direction, space: search.space.length > 0 ? search.space : [newRow([])] });
  };

  return (
    <fieldset className="xp-section" data-testid="train-search">
      <legend>Hyperparameter search</legend>
      <CheckField label="Search hyperparameters" checked={search.enabled} onChange={enable} testId="train-search-enabled" />
      <ProblemText id="search-problem" messages={problems.get('search')} />
      {search.enabled && (
        <>
          <div className="xp-grid">
            <SelectField
              label="Method"
              value={search.method}
              options={[
                { value: 'tpe', label: 'Bayesian (TPE)' },
                { value: 'random', label: 'Random' },
              ]}
              onChange={(method) => set({ method })}
              slot="search.method"
              problems={problems}
            />
            <TextField label="Trials" value={search.trials} onChange={(trials) => set({ trials })} slot="search.trials" problems={problems} numeric placeholder="20" />
            <TextField label="In parallel" value={search.parallel} onChange={(parallel) => set({ parallel })} slot="search.parallel" problems={problems} numeric placeholder="2" hint="Bounded by the cores" />
            <TextField label="Metric" value={search.metric} onChange={(metric) => set({ metric })} slot="search.metric" problems={problems} list={metricList} placeholder="val_roc_auc" />
            <SelectField
              label="Direction"
              value={search.direction}
              options={[
                { value: 'maximize', label: 'maximize' },
                { value: 'minimize', label: 'minimize' },
              ]}
              onChange={(direction) => set({ direction })}
              slot="search.direction"
              problems={problems}
            />
            <div className="xp-field xp-field-button">
              <CheckField label="Median pruning" checked={search.pruning} onChange={(pruning) => set({ pruning })} />
            </div>
          </div>
          <datalist id={metricList}>
            {validationMetrics(form.task).map((metric) => (
              <option key={metric} value={metric} />
            ))}
          </datalist>
          <datalist id={pathList}>
            {knownPaths.map((path) => (
              <option key={path} value={path} />
            ))}
          </datalist>
          <table className="xp-table xp-space" aria-label="Search space">
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">Distribution</th>
                <th scope="col">Low</th>
                <th scope="col">High</th>
                <th scope="col">Values</th>
                <th scope="col">
                  <span className="xp-visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {search.space.map((row, index) => (
                <SpaceRow key={index} row={row} index={index} pathList={pathList} onChange={(patch) => setRow(index, patch)} onRemove={() => set({ space: search.space.filter((_, i) => i !== index) })} />
              ))}
            </tbody>
          </table>
          <ProblemText id="search-space-problem" messages={problems.get('search.space')} />
          <div>
            <button type="button" onClick={() => set({ space: [...search.space, newRow(search.space)] })}>
              Add parameter
            </button>
          </div>
        </>
      )}
    </fieldset>
  );
}

interface RowProps {
  row: SpaceRowForm;
  index: number;
  pathList: string;
  onChange: (patch: Partial<SpaceRowForm>) => void;
  onRemove: () => void;
}

function SpaceRow({ row, index, pathList, onChange, onRemove }: RowProps) {
  const name = row.path || `parameter ${index + 1}`;
  const choice = row.type === 'choice';
  return (
    <tr>
      <td>
        <input aria-label={`Parameter ${index + 1} path`} list={pathList} value={row.path} placeholder="settings.learningRate" spellCheck={false} onChange={(event) => onChange({ path: event.target.value })} />
      </td>
      <td>
        <select aria-label={`${name} distribution`} value={row.type} onChange={(event) => onChange({ type: event.target.value as SpaceRowForm['type'] })}>
          <option value="uniform">uniform</option>
          <option value="loguniform">log-uniform</option>
          <option value="int">integer</option>
          <option value="choice">choice</option>
        </select>
      </td>
      <td>
        <input className="xp-small-input" aria-label={`${name} low`} inputMode="decimal" value={row.low} disabled={choice} onChange={(event) => onChange({ low: event.target.value })} />
      </td>
      <td>
        <input className="xp-small-input" aria-label={`${name} high`} inputMode="decimal" value={row.high} disabled={choice} onChange={(event) => onChange({ high: event.target.value })} />
      </td>
      <td>
        <input aria-label={`${name} values`} placeholder="adam, sgd  or  [64, 64], [128]" value={row.values} disabled={!choice} onChange={(event) => onChange({ values: event.target.value })} />
      </td>
      <td>
        <button type="button" className="xp-icon-button" aria-label={`Remove ${name}`} onClick={onRemove}>
          ×
        </button>
      </td>
    </tr>
  );
}
