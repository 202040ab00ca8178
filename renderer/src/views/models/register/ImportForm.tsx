import { useState, type SyntheticEvent } from 'react';
import type { ModelVersion } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { modelNameProblem } from '../labels';
import type { JobRunner } from '../use-job';

/** The last part of a path, less `.onnx`: a first guess at the model's name. */
function nameFromPath(path: string): string {
  const base = path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  return base.replace(/\.onnx$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 100);
}

interface Props {
  job: JobRunner;
  onRegistered: (version: ModelVersion) => void;
}

/** Adds an ONNX file, or an MLflow model folder with an onnx flavour (from skl2onnx, torch.onnx, a colleague), as a new version. */
export function ImportForm({ job, onRegistered }: Props) {
  const { client, info } = useBackend();
  const { reportError } = useNotices();
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const shownName = name === '' ? nameFromPath(path) : name;
  const problem = shownName.trim() === '' ? null : modelNameProblem(shownName.trim());
  const ready = path.trim() !== '' && shownName.trim() !== '' && problem === null && job.running === null;

  const browse = (): void => {
    client.call('host.pickFolder', { title: 'Choose an MLflow model folder' }).then((answer) => answer.path !== null && setPath(answer.path), reportError);
  };
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (!ready) return;
    const model = shownName.trim();
    void job.start('registry.importModel', { path: path.trim(), name: model, description }, `Importing ${model}`).then((version) => version && onRegistered(version));
  };

  return (
    <form className="mdl-panel" aria-label="Import a model" onSubmit={submit} data-testid="import-form">
      <h2>Import</h2>
      <p className="mdl-hint">An .onnx file, or a folder with an MLmodel file and an onnx flavour. The signature is read from the MLmodel file, or else from the graph.</p>
      <div className="mdl-form">
        <label className="mdl-field mdl-field-wide">
          Path
          <input value={path} maxLength={2000} onChange={(event) => setPath(event.target.value)} spellCheck={false} placeholder="/path/to/model.onnx or a model folder" data-testid="import-path" />
        </label>
        {info?.nativeDialogs && (
          <button type="button" onClick={browse}>
            Choose folder…
          </button>
        )}
      </div>
      <div className="mdl-form">
        <label className="mdl-field">
          Model name
          <input value={shownName} maxLength={100} onChange={(event) => setName(event.target.value)} spellCheck={false} aria-invalid={problem !== null} data-testid="import-name" />
        </label>
        <label className="mdl-field mdl-field-wide">
          Description (optional)
          <input value={description} maxLength={5000} onChange={(event) => setDescription(event.target.value)} />
        </label>
        <button type="submit" disabled={!ready} data-testid="import-submit">
          Import
        </button>
        {problem && (
          <p className="mdl-problem" role="alert">
            {problem}
          </p>
        )}
      </div>
    </form>
  );
}
