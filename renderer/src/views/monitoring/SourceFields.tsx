import { useId } from 'react';
import type { Dataset } from '../../../../shared/contract';
import { ModelUriPicker } from '../serving/ModelUriPicker';
import type { SourceForm, SourceKind } from './report-form';

interface Props {
  legend: string;
  value: SourceForm;
  onChange: (value: SourceForm) => void;
  datasets: Dataset[] | null;
  /** The kinds offered: the reference is a dataset or a file; current data can also be an inference log. */
  kinds: readonly SourceKind[];
  /** Prefix of the test ids: `${testId}-kind`, `${testId}-dataset`, `${testId}-path`... */
  testId: string;
}

const kindLabels: Record<SourceKind, string> = { dataset: 'A dataset', file: 'A file', inferenceLog: "A model's inference log" };

/** Where a report's rows come from: a dataset, a file, or a window of a model server's inference log. */
export function SourceFields({ legend, value, onChange, datasets, kinds, testId }: Props) {
  const id = useId();
  const update = (patch: Partial<SourceForm>): void => onChange({ ...value, ...patch });
  return (
    <fieldset className="mon-fieldset">
      <legend>{legend}</legend>
      <div className="mon-row">
        {kinds.map((kind) => (
          <label key={kind} className="mon-check">
            <input type="radio" name={`${id}-kind`} checked={value.kind === kind} onChange={() => update({ kind })} data-testid={`${testId}-kind-${kind}`} />
            {kindLabels[kind]}
          </label>
        ))}
      </div>
      {value.kind === 'dataset' && (
        <div className="mon-field">
          <label htmlFor={`${id}-dataset`}>{`${legend} dataset`}</label>
          <select id={`${id}-dataset`} value={value.dataset} onChange={(event) => update({ dataset: event.target.value })} data-testid={`${testId}-dataset`}>
            <option value="">{datasets === null ? 'Loading…' : datasets.length === 0 ? 'No datasets: add one in Data' : 'Choose a dataset'}</option>
            {(datasets ?? []).map((d) => (
              <option key={d.id} value={d.name}>{`${d.name} (${d.rowCount.toLocaleString('en-US')} rows)`}</option>
            ))}
          </select>
        </div>
      )}
      {value.kind === 'file' && (
        <div className="mon-field">
          <label htmlFor={`${id}-path`}>{`${legend} file`}</label>
          <input id={`${id}-path`} value={value.path} spellCheck={false} placeholder="data/production.parquet" onChange={(event) => update({ path: event.target.value })} data-testid={`${testId}-path`} />
        </div>
      )}
      {value.kind === 'inferenceLog' && (
        <>
          <ModelUriPicker uri={value.model} onChange={(model) => update({ model })} testId={`${testId}-log`} />
          <div className="mon-row">
            <div className="mon-field">
              <label htmlFor={`${id}-from`}>From</label>
              <input id={`${id}-from`} type="datetime-local" value={value.from} onChange={(event) => update({ from: event.target.value })} data-testid={`${testId}-from`} />
            </div>
            <div className="mon-field">
              <label htmlFor={`${id}-to`}>To</label>
              <input id={`${id}-to`} type="datetime-local" value={value.to} onChange={(event) => update({ to: event.target.value })} data-testid={`${testId}-to`} />
            </div>
          </div>
        </>
      )}
    </fieldset>
  );
}
