import { useId, useRef, useState } from 'react';
import type { JobSnapshot, ResultOf } from '../../../../../shared/contract';
import { isWorkbenchError } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { formatEta } from '../../../shell/format';
import { useDatasets } from '../../data/datasets/useDatasets';
import { ModelUriPicker } from '../ModelUriPicker';
import { emptyBatchForm, toBatchInput, type BatchForm } from './batch-form';

type BatchResult = ResultOf<'scoring.batch'>;

/** Score a dataset or a file in chunks with a registered model, into a new Parquet file or dataset; with progress and Cancel. */
export function BatchPanel() {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const { datasets } = useDatasets();
  const id = useId();
  const [form, setForm] = useState<BatchForm>(emptyBatchForm);
  const [problems, setProblems] = useState<string[]>([]);
  const [progress, setProgress] = useState<JobSnapshot | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<BatchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const update = (patch: Partial<BatchForm>): void => {
    setForm((current) => ({ ...current, ...patch }));
    setProblems([]);
  };

  const start = (): void => {
    const checked = toBatchInput(form);
    if (!checked.input) {
      setProblems(checked.problems);
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setRunning(true);
    setResult(null);
    setError(null);
    setProgress(null);
    client
      .runJob('scoring.batch', checked.input, { signal: controller.signal, onProgress: setProgress })
      .then(setResult, (failure: unknown) => {
        setError(isWorkbenchError(failure) && failure.code === 'cancelled' ? 'Cancelled: nothing was written.' : failure instanceof Error ? failure.message : String(failure));
        reportError(failure);
      })
      .finally(() => {
        abort.current = null;
        setRunning(false);
      });
  };

  const fraction = running && progress?.state === 'running' ? progress.progress.fraction : null;
  return (
    <form
      className="sv-section sv-batch"
      aria-labelledby={`${id}-title`}
      data-testid="batch-panel"
      onSubmit={(event) => {
        event.preventDefault();
        start();
      }}
    >
      <h2 id={`${id}-title`}>Batch scoring</h2>
      <p className="sv-hint">Scores every row in chunks and writes the rows with a predictions column added (replaced when the input has one).</p>
      <ModelUriPicker uri={form.model} onChange={(model) => update({ model })} testId="batch" disabled={running} />
      <fieldset className="sv-fieldset" disabled={running}>
        <legend>Input</legend>
        <div className="sv-row">
          <label className="sv-check">
            <input type="radio" name={`${id}-input`} checked={form.inputKind === 'dataset'} onChange={() => update({ inputKind: 'dataset' })} data-testid="batch-input-dataset" />A dataset
          </label>
          <label className="sv-check">
            <input type="radio" name={`${id}-input`} checked={form.inputKind === 'path'} onChange={() => update({ inputKind: 'path' })} data-testid="batch-input-path" />A file (CSV, Parquet, or file.duckdb::table)
          </label>
        </div>
        {form.inputKind === 'dataset' ? (
          <div className="sv-field">
            <label htmlFor={`${id}-dataset`}>Dataset</label>
            <select id={`${id}-dataset`} value={form.dataset} onChange={(event) => update({ dataset: event.target.value })} data-testid="batch-dataset">
              <option value="">{datasets === null ? 'Loading…' : datasets.length === 0 ? 'No datasets: add one in Data' : 'Choose a dataset'}</option>
              {(datasets ?? []).map((d) => (
                <option key={d.id} value={d.name}>{`${d.name} (${d.rowCount.toLocaleString('en-US')} rows)`}</option>
              ))}
            </select>
          </div>
        ) : (
          <div className="sv-field">
            <label htmlFor={`${id}-path`}>File path</label>
            <input id={`${id}-path`} value={form.path} spellCheck={false} placeholder="data/customers.parquet" onChange={(event) => update({ path: event.target.value })} data-testid="batch-path" />
          </div>
        )}
      </fieldset>
      <fieldset className="sv-fieldset" disabled={running}>
        <legend>Output</legend>
        <div className="sv-row">
          <label className="sv-check">
            <input type="radio" name={`${id}-output`} checked={form.outputKind === 'parquet'} onChange={() => update({ outputKind: 'parquet' })} data-testid="batch-output-parquet" />A new Parquet file
          </label>
          <label className="sv-check">
            <input type="radio" name={`${id}-output`} checked={form.outputKind === 'dataset'} onChange={() => update({ outputKind: 'dataset' })} data-testid="batch-output-dataset" />A new dataset
          </label>
        </div>
        {form.outputKind === 'parquet' ? (
          <div className="sv-field">
            <label htmlFor={`${id}-out-path`}>Parquet file</label>
            <input id={`${id}-out-path`} value={form.outputPath} spellCheck={false} placeholder="scored/customers.parquet" onChange={(event) => update({ outputPath: event.target.value })} data-testid="batch-output-path" />
          </div>
        ) : (
          <div className="sv-field">
            <label htmlFor={`${id}-out-name`}>Dataset name</label>
            <input id={`${id}-out-name`} value={form.outputName} spellCheck={false} placeholder="customers_scored" onChange={(event) => update({ outputName: event.target.value })} data-testid="batch-output-name" />
          </div>
        )}
        <div className="sv-row">
          <div className="sv-field">
            <label htmlFor={`${id}-column`}>Predictions column</label>
            <input id={`${id}-column`} value={form.column} spellCheck={false} onChange={(event) => update({ column: event.target.value })} data-testid="batch-column" />
          </div>
          <div className="sv-field sv-narrow">
            <label htmlFor={`${id}-chunk`}>Rows per chunk</label>
            <input id={`${id}-chunk`} type="number" min={1} max={1_000_000} step={1} value={form.chunkRows} onChange={(event) => update({ chunkRows: event.target.value })} data-testid="batch-chunk-rows" />
          </div>
        </div>
      </fieldset>
      {problems.length > 0 && (
        <ul className="sv-problems" role="alert" data-testid="batch-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="sv-actions">
        {running && (
          <div className="sv-progress" data-testid="batch-progress">
            <progress max={1} value={fraction ?? undefined} aria-label="Batch scoring progress" />
            <span>{progress?.progress.message || 'Starting…'}</span>
            {progress && <span className="sv-soft">{formatEta(progress.progress.etaSeconds)}</span>}
          </div>
        )}
        {running ? (
          <button type="button" onClick={() => abort.current?.abort()} data-testid="batch-cancel">
            Cancel
          </button>
        ) : (
          <button type="submit" data-testid="batch-start">
            Score
          </button>
        )}
      </div>
      {error && !running && (
        <p className="sv-problem" role="alert" data-testid="batch-error">
          {error}
        </p>
      )}
      {result && (
        <dl className="sv-result" data-testid="batch-result">
          <dt>Rows</dt>
          <dd data-testid="batch-result-rows">{result.rows.toLocaleString('en-US')}</dd>
          <dt>Written to</dt>
          <dd>
            <code data-testid="batch-result-output">{result.output}</code>
          </dd>
          <dt>Model</dt>
          <dd>
            <code>{result.model}</code> version {result.version}
          </dd>
          <dt>Took</dt>
          <dd>{`${result.seconds.toFixed(1)} s · ${Math.round(result.rows / Math.max(result.seconds, 1e-9)).toLocaleString('en-US')} rows/s`}</dd>
        </dl>
      )}
    </form>
  );
}
