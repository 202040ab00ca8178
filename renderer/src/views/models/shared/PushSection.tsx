import { useId, useState } from 'react';
import type { RegistryRemote } from '../../../../../shared/contract';
import { useNotices } from '../../../app/notices';
import { ConfirmDialog } from '../../git/ConfirmDialog';
import { parseAliasList } from '../aliases';
import { formatSize } from '../format';
import { JobProgress } from '../JobProgress';
import { modelNameProblem } from '../labels';
import { planPush } from '../push-plan';
import { SelectField } from '../SelectField';
import { useJob } from '../use-job';
import { useModel, useModels } from '../use-registry';

export interface PushTarget {
  name: string;
  version: number;
}

interface Props {
  remote: RegistryRemote | null;
  /** A version handed over from its page; a new `seq` chooses it. */
  handedOver: { seq: number; target: PushTarget | null };
  /** After any push ends: the audit log has a new record. */
  onEnded: () => void;
}

/** Pushes one version to the shared registry, after a confirmation that says exactly what goes where. */
export function PushSection({ remote, handedOver, onEnded }: Props) {
  const id = useId();
  const { inform } = useNotices();
  const job = useJob();
  const models = useModels('');
  const [name, setName] = useState<string | null>(handedOver.target?.name ?? null);
  const [versionNumber, setVersionNumber] = useState<number | null>(handedOver.target?.version ?? null);
  // Set while rendering (React's pattern for following a prop), so a running push is not disturbed.
  const [seenSeq, setSeenSeq] = useState(handedOver.seq);
  if (handedOver.seq !== seenSeq) {
    setSeenSeq(handedOver.seq);
    if (handedOver.target) {
      setName(handedOver.target.name);
      setVersionNumber(handedOver.target.version);
    }
  }
  const [remoteName, setRemoteName] = useState('');
  const [aliasText, setAliasText] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [last, setLast] = useState<string | null>(null);
  const chosenName = name ?? models.value?.[0]?.name ?? null;
  const model = useModel(chosenName);
  const versions = model.value?.model.name === chosenName ? model.value.versions : [];
  const version = versions.find((v) => v.version === versionNumber) ?? versions[0] ?? null;
  const aliases = parseAliasList(aliasText);
  const nameProblem = remoteName.trim() === '' ? null : modelNameProblem(remoteName.trim());
  const ready = remote !== null && version !== null && aliases.problem === null && nameProblem === null && job.running === null;
  const plan = remote && version ? planPush(remote, version, { remoteName, aliases: aliases.aliases }) : null;

  const push = (): void => {
    if (!ready || remote === null || version === null) return;
    setConfirming(false);
    setLast(null);
    const input = { name: version.name, version: version.version, aliases: aliases.aliases, ...(remoteName.trim() ? { remoteName: remoteName.trim() } : {}) };
    void job.start('registry.push', input, `Pushing ${version.name} version ${version.version}`).then((result) => {
      if (result) {
        const text = `Pushed ${version.name} version ${version.version} to ${remote.url} as ${result.remoteName} version ${result.remoteVersion}.`;
        setLast(`${text} Source: ${result.source}`);
        inform(text);
      }
      onEnded();
    });
  };

  return (
    <section className="mdl-panel" aria-labelledby={`${id}-title`} data-testid="registry-push">
      <h2 id={`${id}-title`}>Push a version</h2>
      {remote === null && <p className="mdl-hint">Set the shared registry above first.</p>}
      <div className="mdl-form">
        <SelectField
          label="Model"
          value={chosenName ?? ''}
          onChange={(value) => {
            setName(value);
            setVersionNumber(null);
          }}
          disabled={(models.value ?? []).length === 0}
          testId="push-model"
        >
          {(models.value ?? []).map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Version" value={version?.version ?? ''} onChange={(value) => setVersionNumber(Number(value))} disabled={versions.length === 0} testId="push-version">
          {versions.map((v) => (
            <option key={v.version} value={v.version}>
              {v.version}
              {v.aliases.length > 0 ? ` (@${v.aliases.join(', @')})` : ''}
            </option>
          ))}
        </SelectField>
        <label className="mdl-field">
          Name there (optional)
          <input value={remoteName} maxLength={100} placeholder={chosenName ?? ''} onChange={(event) => setRemoteName(event.target.value)} spellCheck={false} aria-invalid={nameProblem !== null} />
        </label>
        <label className="mdl-field">
          Aliases to set there (optional)
          <input value={aliasText} maxLength={600} placeholder="champion, challenger" onChange={(event) => setAliasText(event.target.value)} spellCheck={false} aria-invalid={aliases.problem !== null} data-testid="push-aliases" />
        </label>
        <button type="button" className="mdl-primary" disabled={!ready} onClick={() => setConfirming(true)} data-testid="push-start">
          Push…
        </button>
        {(nameProblem ?? aliases.problem) && (
          <p className="mdl-problem" role="alert">
            {nameProblem ?? aliases.problem}
          </p>
        )}
        <p className="mdl-hint">Nothing is sent until you confirm. A push that fails halfway leaves no half-made version there, and can be tried again.</p>
      </div>
      <JobProgress job={job} testId="push-progress" />
      {last && (
        <p role="status" data-testid="push-result">
          {last}
        </p>
      )}
      {confirming && plan && version && (
        <ConfirmDialog title={`Push ${version.name} version ${version.version} to ${plan.destination}?`} confirm="Push" danger={false} onConfirm={push} onClose={() => setConfirming(false)}>
          <p>
            Sends to <code>{plan.destination}</code>, signing in with {plan.credentials}:
          </p>
          <ol className="mdl-plan" data-testid="push-plan">
            {plan.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <p>The files ({formatSize(plan.totalBytes)}):</p>
          <ul className="mdl-files">
            {plan.files.map((file) => (
              <li key={file.path}>
                <code>{file.path}</code> <span className="mdl-muted">{formatSize(file.size)}</span>
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </section>
  );
}
