import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { datasetName, type Dataset } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';

/**
 * Registers a file, folder, glob or DuckDB database by reference. A browser has
 * no file dialog, so the path is typed; the job's progress shows in the status bar.
 */
export function AddDatasetForm({ onAdded }: { onAdded: (datasets: Dataset[]) => void }) {
  const { client } = useBackend();
  const { reportError, inform } = useNotices();
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [running, setRunning] = useState<AbortController | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const nameCheck = name.trim() === '' ? null : datasetName.safeParse(name);
  const nameError = nameCheck && !nameCheck.success ? nameCheck.error.issues[0]?.message : undefined;

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (!path.trim() || nameError || running) return;
    const abort = new AbortController();
    controller.current = abort;
    setRunning(abort);
    const input = { path: path.trim(), ...(name.trim() ? { name: name.trim() } : {}) };
    client
      .runJob('data.add', input, { signal: abort.signal })
      .then(({ datasets }) => {
        onAdded(datasets);
        setPath('');
        setName('');
        inform(`Added ${datasets.map((d) => d.name).join(', ')}.`);
      }, reportError)
      .finally(() => {
        if (controller.current === abort) controller.current = null;
        setRunning(null);
      });
  };

  return (
    <form className="ds-add" aria-label="Add a dataset" onSubmit={submit}>
      <label className="ds-field ds-field-path">
        Path, folder or glob
        <input
          value={path}
          onChange={(event) => setPath(event.target.value)}
          placeholder="/data/customers.csv, /data/events/, /data/2024-*.parquet"
          spellCheck={false}
          disabled={running !== null}
        />
      </label>
      <label className="ds-field ds-field-name">
        Name (optional)
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="from the file name"
          spellCheck={false}
          disabled={running !== null}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? 'ds-add-name-error' : undefined}
        />
      </label>
      <div className="ds-add-actions">
        <button type="submit" disabled={!path.trim() || nameError !== undefined || running !== null}>
          {running ? 'Adding…' : 'Add'}
        </button>
        {running && (
          <button type="button" onClick={() => running.abort()}>
            Cancel adding
          </button>
        )}
      </div>
      {nameError && (
        <p id="ds-add-name-error" className="ds-error-text">
          {nameError}
        </p>
      )}
      <p className="ds-hint">
        CSV, TSV, Parquet, JSON or NDJSON files, a folder of them, a glob, or a DuckDB database. Registered by reference: nothing is
        copied, and the name is what SQL queries use.
      </p>
    </form>
  );
}
