import { ProblemText, type SectionProps } from './fields';
import { columnSlot } from './problems';
import type { ColumnForm, ImputeChoice, ScaleChoice } from './form-state';

const imputeLabels: Record<ImputeChoice, string> = { none: 'none', mean: 'mean', median: 'median', most_frequent: 'most frequent', constant: 'constant' };
const scaleLabels: Record<ScaleChoice, string> = { none: 'none', standardize: 'standardize (z-score)', minmax: 'min-max (0..1)' };

/**
 * The data transformer, one row per input column: its role and the steps
 * applied to it in order (impute, bucketize, scale, one-hot), all fitted on
 * the training split only. The proposal's reason for each row is shown with it.
 */
export function PipelineEditor({ form, update, problems, reasons }: SectionProps & { reasons: Readonly<Record<string, string>> }) {
  const setColumn = (index: number, patch: Partial<ColumnForm>): void => update({ columns: form.columns.map((column, i) => (i === index ? { ...column, ...patch } : column)) });
  const used = form.columns.filter((c) => c.role !== 'drop').length;
  const general = problems.get('pipeline.columns');

  return (
    <fieldset className="xp-section" data-testid="train-pipeline">
      <legend>Pipeline</legend>
      {form.columns.length === 0 ? (
        <p className="xp-hint">Choose a dataset and a target, then Propose: categories get one-hot, numbers get scaled, ID-like columns are dropped. Every step can be edited.</p>
      ) : (
        <p className="xp-hint">{`${used} input column${used === 1 ? '' : 's'}, ${form.columns.length - used} dropped · fitted on the training split only`}</p>
      )}
      <ProblemText id="pipeline-problems" messages={general} />
      {form.columns.length > 0 && (
        <div className="xp-table-scroll">
          <table className="xp-table xp-pipeline" aria-label="Pipeline columns">
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Role</th>
                <th scope="col">Impute</th>
                <th scope="col">Bucketize</th>
                <th scope="col">Scale</th>
                <th scope="col">One-hot</th>
              </tr>
            </thead>
            <tbody>
              {form.columns.map((column, index) => (
                <ColumnRow key={column.column} column={column} reason={reasons[column.column]} messages={problems.get(columnSlot(index))} onChange={(patch) => setColumn(index, patch)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </fieldset>
  );
}

function ColumnRow({ column, reason, messages, onChange }: { column: ColumnForm; reason: string | undefined; messages: readonly string[] | undefined; onChange: (patch: Partial<ColumnForm>) => void }) {
  const name = column.column;
  const dropped = column.role === 'drop';
  const numeric = column.role === 'numeric';
  return (
    <tr className={dropped ? 'xp-dropped' : undefined} data-testid="pipeline-row" data-column={name} aria-invalid={messages?.length ? true : undefined}>
      <th scope="row">
        <span className="xp-column-name">{name}</span>
        {reason && <span className="xp-reason">{reason}</span>}
        <ProblemText id={`pipeline-${name}-problem`} messages={messages} />
      </th>
      <td>
        <select aria-label={`${name} role`} value={column.role} onChange={(event) => onChange(withRole(column, event.target.value as ColumnForm['role']))}>
          <option value="numeric">numeric</option>
          <option value="categorical">categorical</option>
          <option value="drop">drop</option>
        </select>
      </td>
      <td>
        <div className="xp-cell">
          <select aria-label={`${name} impute`} value={column.impute} disabled={dropped} onChange={(event) => onChange({ impute: event.target.value as ImputeChoice })}>
            {Object.entries(imputeLabels)
              .filter(([value]) => numeric || (value !== 'mean' && value !== 'median'))
              .map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
          </select>
          {column.impute === 'constant' && (
            <input className="xp-small-input" aria-label={`${name} fill value`} placeholder={numeric ? '0' : 'missing'} value={column.fill} disabled={dropped} onChange={(event) => onChange({ fill: event.target.value })} />
          )}
        </div>
      </td>
      <td>
        <div className="xp-cell">
          <input type="checkbox" aria-label={`${name} bucketize`} checked={column.bucketize} disabled={!numeric} onChange={(event) => onChange({ bucketize: event.target.checked })} />
          {column.bucketize && numeric && (
            <>
              <input className="xp-tiny-input" aria-label={`${name} bins`} inputMode="numeric" value={column.bins} onChange={(event) => onChange({ bins: event.target.value })} />
              <select aria-label={`${name} bin strategy`} value={column.binStrategy} onChange={(event) => onChange({ binStrategy: event.target.value as ColumnForm['binStrategy'] })}>
                <option value="quantile">quantile</option>
                <option value="uniform">uniform</option>
              </select>
            </>
          )}
        </div>
      </td>
      <td>
        <select aria-label={`${name} scale`} value={column.scale} disabled={!numeric} onChange={(event) => onChange({ scale: event.target.value as ScaleChoice })}>
          {Object.entries(scaleLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </td>
      <td>
        <div className="xp-cell">
          <input type="checkbox" aria-label={`${name} one-hot`} checked={column.onehot} disabled={dropped} onChange={(event) => onChange({ onehot: event.target.checked })} />
          {column.onehot && !dropped && (
            <input className="xp-tiny-input" aria-label={`${name} max categories`} title="Most frequent categories kept; the rest go to “other”" inputMode="numeric" value={column.maxCategories} onChange={(event) => onChange({ maxCategories: event.target.value })} />
          )}
        </div>
      </td>
    </tr>
  );
}

/** A category cannot be averaged, bucketized or scaled: those steps go when a column becomes categorical. */
function withRole(column: ColumnForm, role: ColumnForm['role']): Partial<ColumnForm> {
  if (role !== 'categorical') return { role };
  const averaged = column.impute === 'mean' || column.impute === 'median';
  // A category is only read through its one-hot columns.
  return { role, impute: averaged ? 'most_frequent' : column.impute, scale: 'none', bucketize: false, onehot: true };
}
