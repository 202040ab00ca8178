import { useId, useState, type SyntheticEvent } from 'react';
import type { WorkbenchClient } from '../../../../../shared/client';
import type { ModelVersion, RegisteredModel } from '../../../../../shared/contract';
import { useShownValue } from '../../git/branches/use-shown-value';
import { modelNameProblem, runLabel } from '../labels';
import { SelectField } from '../SelectField';
import type { JobRunner } from '../use-job';

const readFinishedRuns = (client: WorkbenchClient) =>
  client.call('tracking.searchRuns', { filter: "attributes.status = 'FINISHED'", orderBy: ['attributes.start_time DESC'], limit: 200 }).then((answer) => answer.runs);

interface Props {
  active: boolean;
  job: JobRunner;
  models: RegisteredModel[];
  onRegistered: (version: ModelVersion) => void;
}

/** Registers a finished run's model: exported to ONNX, checked for parity, and added as a new version. */
export function RegisterFromRun({ active, job, models, onRegistered }: Props) {
  const id = useId();
  const runs = useShownValue(readFinishedRuns, active, '');
  const [runId, setRunId] = useState('');
  const [typing, setTyping] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const problem = name.trim() === '' ? null : modelNameProblem(name.trim());
  const ready = runId.trim() !== '' && name.trim() !== '' && problem === null && job.running === null;
  const existing = models.find((m) => m.name === name.trim());

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (!ready) return;
    const model = name.trim();
    void job.start('registry.registerRun', { runId: runId.trim(), name: model, description }, `Registering ${model}`).then((version) => version && onRegistered(version));
  };

  return (
    <form className="mdl-panel" aria-label="Register a run's model" onSubmit={submit} data-testid="register-run-form">
      <h2>From a run</h2>
      <p className="mdl-hint">The run’s pipeline and network become one ONNX graph in MLflow’s model format, checked against TensorFlow.js on the test split.</p>
      <div className="mdl-form">
        {typing ? (
          <label className="mdl-field mdl-field-wide">
            Run id
            <input value={runId} maxLength={64} onChange={(event) => setRunId(event.target.value)} spellCheck={false} data-testid="register-run-id" />
          </label>
        ) : (
          <SelectField label="Run" value={runId} onChange={setRunId} wide testId="register-run-select">
            <option value="">{runs.value === null ? 'Reading the runs…' : runs.value.length === 0 ? 'No finished runs yet' : 'Choose a finished run…'}</option>
            {(runs.value ?? []).map((run) => (
              <option key={run.id} value={run.id}>
                {runLabel(run)}
              </option>
            ))}
          </SelectField>
        )}
        <button type="button" className="link-button" onClick={() => setTyping(!typing)}>
          {typing ? 'Choose from the list' : 'Enter a run id'}
        </button>
        <button type="button" className="mdl-small" onClick={runs.reload} aria-label="Read the runs again">
          Refresh
        </button>
      </div>
      {runs.failure && (
        <p className="mdl-error" role="alert">
          Could not read the runs: {runs.failure}
        </p>
      )}
      <div className="mdl-form">
        <label className="mdl-field">
          Model name
          <input name="model-name" list={`${id}-models`} value={name} maxLength={100} onChange={(event) => setName(event.target.value)} spellCheck={false} autoComplete="off" aria-invalid={problem !== null} data-testid="register-run-name" />
        </label>
        <datalist id={`${id}-models`}>
          {models.map((m) => (
            <option key={m.name} value={m.name} />
          ))}
        </datalist>
        <label className="mdl-field mdl-field-wide">
          Description (optional)
          <input value={description} maxLength={5000} onChange={(event) => setDescription(event.target.value)} />
        </label>
        <button type="submit" disabled={!ready} data-testid="register-run-submit">
          Register
        </button>
        {problem ? (
          <p className="mdl-problem" role="alert">
            {problem}
          </p>
        ) : (
          name.trim() !== '' && <p className="mdl-hint">{existing ? `Adds a new version to ${existing.name}.` : `Creates the model ${name.trim()}.`}</p>
        )}
      </div>
    </form>
  );
}
