import { useId } from 'react';
import type { Dataset } from '../../../../shared/contract';
import type { BusinessRow, QualityForm as Quality } from './report-form';
import { SourceFields } from './SourceFields';

interface Props {
  value: Quality;
  onChange: (value: Quality) => void;
  business: BusinessRow[];
  onBusiness: (business: BusinessRow[]) => void;
  datasets: Dataset[] | null;
}

/** The optional model-quality section (columns, window, late labels, alert) and the business metrics. */
export function QualityFields({ value, onChange, business, onBusiness, datasets }: Props) {
  const id = useId();
  const update = (patch: Partial<Quality>): void => onChange({ ...value, ...patch });
  const text = (key: 'prediction' | 'probability' | 'probabilityPrefix' | 'label' | 'timeColumn' | 'positiveClass' | 'idColumn' | 'alertMetric' | 'alertBelow', label: string, placeholder = '') => (
    <div className="mon-field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} value={value[key]} placeholder={placeholder} spellCheck={false} onChange={(event) => update({ [key]: event.target.value })} data-testid={`mon-quality-${key}`} />
    </div>
  );
  const setBusiness = (index: number, patch: Partial<BusinessRow>): void => onBusiness(business.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <>
      <fieldset className="mon-fieldset">
        <legend>
          <label className="mon-check">
            <input type="checkbox" checked={value.enabled} onChange={(event) => update({ enabled: event.target.checked })} data-testid="mon-quality-enabled" />
            Model quality over time (needs labels)
          </label>
        </legend>
        {value.enabled && (
          <>
            <div className="mon-row">
              <div className="mon-field">
                <label htmlFor={`${id}-task`}>Task</label>
                <select id={`${id}-task`} value={value.task} onChange={(event) => update({ task: event.target.value as Quality['task'] })}>
                  <option value="binary">Binary classification</option>
                  <option value="multiclass">Multiclass classification</option>
                  <option value="regression">Regression</option>
                </select>
              </div>
              <div className="mon-field">
                <label htmlFor={`${id}-window`}>Window</label>
                <select id={`${id}-window`} value={value.window} onChange={(event) => update({ window: event.target.value as Quality['window'] })}>
                  <option value="day">Day</option>
                  <option value="week">Week</option>
                  <option value="month">Month</option>
                </select>
              </div>
            </div>
            <div className="mon-row">
              {text('prediction', 'Prediction column')}
              {value.task === 'binary' && text('probability', 'Probability column (optional)')}
              {value.task === 'multiclass' && text('probabilityPrefix', 'Probability columns: prefix before the class (optional)', 'probability_')}
              {text('label', 'Label column')}
              {text('timeColumn', 'Time column')}
              {value.task === 'binary' && text('positiveClass', 'Positive class (optional)')}
            </div>
            <label className="mon-check">
              <input type="checkbox" checked={value.lateLabels} onChange={(event) => update({ lateLabels: event.target.checked })} data-testid="mon-quality-late" />
              Labels arrive later, in another source
            </label>
            {value.lateLabels && (
              <>
                <SourceFields legend="Labels" value={value.labels} onChange={(labels) => update({ labels })} datasets={datasets} kinds={['dataset', 'file']} testId="mon-labels" />
                {text('idColumn', 'ID column joining labels to rows', 'customerID')}
              </>
            )}
            <div className="mon-row">
              {text('alertMetric', 'Alert when metric…', value.task === 'regression' ? 'mae' : 'f1')}
              <div className="mon-field">
                <label htmlFor={`${id}-alertDirection`}>…goes</label>
                <select id={`${id}-alertDirection`} value={value.alertDirection} onChange={(event) => update({ alertDirection: event.target.value === 'above' ? 'above' : 'below' })} data-testid="mon-quality-alertDirection">
                  <option value="below">below (a score: accuracy, F1, R²)</option>
                  <option value="above">above (an error: MAE, RMSE, MAPE, log loss)</option>
                </select>
              </div>
              {text('alertBelow', 'the bound', value.alertDirection === 'above' ? '10' : '0.6')}
            </div>
          </>
        )}
      </fieldset>
      <fieldset className="mon-fieldset">
        <legend>Business metrics (SQL aggregates over the current data, per window)</legend>
        {business.map((row, index) => (
          // Rows have no identity but their place.
          <div key={index} className="mon-row" data-testid="mon-business">
            <div className="mon-field mon-narrow">
              <label htmlFor={`${id}-bn-${index}`}>Name</label>
              <input id={`${id}-bn-${index}`} value={row.name} onChange={(event) => setBusiness(index, { name: event.target.value })} />
            </div>
            <div className="mon-field mon-grow">
              <label htmlFor={`${id}-bs-${index}`}>SQL expression</label>
              <input id={`${id}-bs-${index}`} className="mon-code" value={row.sql} spellCheck={false} placeholder="avg(CASE WHEN flagged THEN churned::INT END)" onChange={(event) => setBusiness(index, { sql: event.target.value })} />
            </div>
            <button type="button" className="mon-small mon-align" onClick={() => onBusiness(business.filter((_, i) => i !== index))}>
              Remove
            </button>
          </div>
        ))}
        <div>
          <button type="button" className="mon-small" onClick={() => onBusiness([...business, { name: '', sql: '' }])} data-testid="mon-add-business">
            Add a business metric
          </button>
        </div>
      </fieldset>
    </>
  );
}
