import { useState, type SyntheticEvent } from 'react';
import { datasetName, type ResultFilter, type ResultSort } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { exportPathFor, isAbsolutePath, suggestDatasetName, withExtension } from './result-actions';
import { useJobRunner, type JobProgressView } from './use-job-runner';

interface Props {
  resultId: string;
  title: string;
  sort: ResultSort[];
  filters: ResultFilter[];
  onSaved: () => void;
}

type Open = 'export' | 'save' | null;

/** Export to CSV or Parquet, and Save as dataset: both jobs, with progress and Cancel. */
export function ResultActions(props: Props) {
  const [open, setOpen] = useState<Open>(null);
  const toggle = (which: Exclude<Open, null>): void => setOpen((current) => (current === which ? null : which));
  return (
    <>
      <div className="sql-result-actions">
        <button type="button" aria-expanded={open === 'export'} onClick={() => toggle('export')}>
          Export…
        </button>
        <button type="button" aria-expanded={open === 'save'} onClick={() => toggle('save')}>
          Save as dataset…
        </button>
      </div>
      {open === 'export' && <ExportForm {...props} onDone={() => setOpen(null)} />}
      {open === 'save' && <SaveForm {...props} onDone={() => setOpen(null)} />}
    </>
  );
}

function ExportForm({ resultId, title, sort, filters, onDone }: Props & { onDone: () => void }) {
  const { client, workspace } = useBackend();
  const { reportError, inform } = useNotices();
  const [format, setFormat] = useState<'csv' | 'parquet'>('csv');
  const [path, setPath] = useState(() => exportPathFor(workspace?.path, title, 'csv'));
  const [problem, setProblem] = useState<string | null>(null);
  const job = useJobRunner();

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const target = path.trim();
    if (!isAbsolutePath(target)) return setProblem('Give an absolute path, such as /home/me/result.csv.');
    setProblem(null);
    job
      .run((options) => client.runJob('data.export', { resultId, format, path: target, sort, filters }, options))
      .then(
        (answer) => {
          inform(`Exported the result to ${answer.path}`);
          onDone();
        },
        reportError,
      );
  };

  return (
    <form className="sql-form" aria-label="Export the result" onSubmit={submit}>
      <label>
        Format
        <select value={format} onChange={(e) => {
          const next = e.target.value === 'parquet' ? 'parquet' : 'csv';
          setFormat(next);
          setPath((p) => (p ? withExtension(p, next) : p));
        }}>
          <option value="csv">CSV</option>
          <option value="parquet">Parquet (zstd)</option>
        </select>
      </label>
      <label className="sql-form-grow">
        File (absolute path)
        <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/result.csv" spellCheck={false} />
      </label>
      <JobButtons progress={job.progress} label="Export" onCancel={job.cancel} />
      <p className="sql-note">{sort.length + filters.length > 0 ? 'The file gets the rows as the grid shows them: sorted and filtered.' : 'All rows of the result.'} An existing file is replaced.</p>
      {problem && <p className="sql-filter-error" role="alert">{problem}</p>}
    </form>
  );
}

function SaveForm({ resultId, title, onSaved, onDone }: Props & { onDone: () => void }) {
  const { client } = useBackend();
  const { reportError, inform } = useNotices();
  const [name, setName] = useState(() => suggestDatasetName(title));
  const [mode, setMode] = useState<'view' | 'parquet'>('view');
  const [problem, setProblem] = useState<string | null>(null);
  const job = useJobRunner();

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const parsed = datasetName.safeParse(name);
    if (!parsed.success) return setProblem(parsed.error.issues[0]?.message ?? 'Not a valid dataset name.');
    setProblem(null);
    job.run((options) => client.runJob('data.saveResult', { resultId, name: parsed.data, mode }, options)).then(
      (dataset) => {
        inform(`Saved as dataset ${dataset.name}`);
        onSaved();
        onDone();
      },
      reportError,
    );
  };

  return (
    <form className="sql-form" aria-label="Save as dataset" onSubmit={submit}>
      <label>
        Dataset name
        <input value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} />
      </label>
      <fieldset className="sql-form-modes">
        <legend>Keep it as</legend>
        <label>
          <input type="radio" name="mode" checked={mode === 'view'} onChange={() => setMode('view')} /> a view (the query runs on use; always current)
        </label>
        <label>
          <input type="radio" name="mode" checked={mode === 'parquet'} onChange={() => setMode('parquet')} /> Parquet rows in the workspace's data/ (a snapshot; fast)
        </label>
      </fieldset>
      <JobButtons progress={job.progress} label="Save" onCancel={job.cancel} />
      {problem && <p className="sql-filter-error" role="alert">{problem}</p>}
    </form>
  );
}

function JobButtons({ progress, label, onCancel }: { progress: JobProgressView; label: string; onCancel: () => void }) {
  if (!progress.running) return <button type="submit">{label}</button>;
  return (
    <span className="sql-job">
      <progress max={1} value={progress.fraction ?? undefined} aria-label={`${label} progress`} />
      <span className="sql-note">{progress.message}</span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </span>
  );
}
