import { useId, useState, type SyntheticEvent } from 'react';
import type { ModelVersion, RegistryRemote } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { JobProgress } from '../JobProgress';
import { modelNameProblem } from '../labels';
import { SelectField } from '../SelectField';
import { useJob } from '../use-job';
import { pullChoices, type RemoteModel } from './pull-choices';

interface Props {
  remote: RegistryRemote | null;
  onPulled: (version: ModelVersion) => void;
}

/** Lists the shared registry's models (only when asked), then pulls a version, or the one an alias names, into the local registry. */
export function PullSection({ remote, onPulled }: Props) {
  const id = useId();
  const { client } = useBackend();
  const { reportError, inform } = useNotices();
  const job = useJob();
  const [filter, setFilter] = useState('');
  const [listing, setListing] = useState(false);
  const [list, setList] = useState<RemoteModel[] | null>(null);
  const [remoteName, setRemoteName] = useState('');
  const [choice, setChoice] = useState('');
  const [localName, setLocalName] = useState('');
  const chosenModel = list?.find((m) => m.name === remoteName) ?? list?.[0] ?? null;
  const choices = chosenModel ? pullChoices(chosenModel) : [];
  const chosen = choices.find((c) => c.value === choice) ?? choices[0] ?? null;
  const nameProblem = localName.trim() === '' ? null : modelNameProblem(localName.trim());
  const defaultLocalName = chosenModel && modelNameProblem(chosenModel.name) === null ? chosenModel.name : '';
  const ready = remote !== null && chosenModel !== null && chosen !== null && nameProblem === null && (localName.trim() !== '' || defaultLocalName !== '') && job.running === null;

  const readList = (event: SyntheticEvent): void => {
    event.preventDefault();
    setListing(true);
    client
      .call('registry.remoteModels', { filter: filter.trim() })
      .then(setList, reportError)
      .finally(() => setListing(false));
  };
  const pull = (): void => {
    if (!ready || chosenModel === null || chosen === null) return;
    const input = { remoteName: chosenModel.name, ...chosen.input, ...(localName.trim() ? { localName: localName.trim() } : {}) };
    void job.start('registry.pull', input, `Pulling ${chosenModel.name} ${chosen.label}`).then((version) => {
      if (!version) return;
      inform(`Pulled ${chosenModel.name} ${chosen.label} as ${version.name} version ${version.version}.`);
      onPulled(version);
    });
  };

  return (
    <section className="mdl-panel" aria-labelledby={`${id}-title`} data-testid="registry-pull">
      <h2 id={`${id}-title`}>Pull a version</h2>
      <form className="mdl-form" aria-label="List the shared models" onSubmit={readList}>
        <label className="mdl-field mdl-field-wide">
          Filter (MLflow’s, optional)
          <input value={filter} maxLength={500} placeholder="name LIKE 'churn%'" onChange={(event) => setFilter(event.target.value)} spellCheck={false} />
        </label>
        <button type="submit" disabled={remote === null || listing} data-testid="pull-list">
          {listing ? 'Asking…' : 'List shared models'}
        </button>
      </form>
      {list !== null && list.length === 0 && <p className="mdl-muted">The shared registry has no models{filter.trim() ? ' matching the filter' : ''}.</p>}
      {chosenModel && (
        <div className="mdl-form">
          <SelectField
            label="Shared model"
            value={chosenModel.name}
            onChange={(value) => {
              setRemoteName(value);
              setChoice('');
            }}
            testId="pull-model"
          >
            {(list ?? []).map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Version or alias" value={chosen?.value ?? ''} onChange={setChoice} disabled={choices.length === 0} testId="pull-version">
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </SelectField>
          <label className="mdl-field">
            Name here
            <input value={localName} maxLength={100} placeholder={defaultLocalName} onChange={(event) => setLocalName(event.target.value)} spellCheck={false} aria-invalid={nameProblem !== null} />
          </label>
          <button type="button" className="mdl-primary" disabled={!ready} onClick={pull} data-testid="pull-start">
            Pull
          </button>
          {nameProblem && (
            <p className="mdl-problem" role="alert">
              {nameProblem}
            </p>
          )}
          {chosenModel.description && <p className="mdl-hint">{chosenModel.description}</p>}
        </div>
      )}
      <JobProgress job={job} testId="pull-progress" />
    </section>
  );
}
