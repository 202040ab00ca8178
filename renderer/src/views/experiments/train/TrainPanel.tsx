import { useMemo, useState, type SyntheticEvent } from 'react';
import type { SavedJob, TrainSpec } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { DataSection } from './DataSection';
import { applyProposal } from './form-load';
import { ModelSection } from './ModelSection';
import { PipelineEditor } from './PipelineEditor';
import { placeProblems } from './problems';
import { SaveJobDialog, type JobDraft } from './SaveJobDialog';
import { SearchSection } from './SearchSection';
import { initialForm, type Problem, type TrainForm } from './form-state';
import { formToSpec } from './spec-form';
import { SplitSection } from './SplitSection';
import { useTrainOptions } from './use-train-options';

/** A form to show: a saved job being edited, or a run to train again. */
export interface FormLoad {
  form: TrainForm;
  job: SavedJob | null;
}

interface Props {
  initial: FormLoad | null;
  onStarted: (queueId: string) => void;
  onJobSaved: (job: SavedJob) => void;
}

type Busy = 'propose' | 'check' | 'start' | null;

/**
 * The Train tab's form: data and target, the proposed pipeline, algorithm,
 * settings, split and search. Problems are shown next to their fields: those
 * found here at once, and those `training.check` finds in the data.
 */
export function TrainPanel({ initial, onStarted, onJobSaved }: Props) {
  const { client } = useBackend();
  const { reportError, inform } = useNotices();
  const options = useTrainOptions();
  const [form, setForm] = useState<TrainForm>(initial?.form ?? initialForm);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [attempted, setAttempted] = useState(false);
  const [dataProblems, setDataProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState<Busy>(null);
  const [job, setJob] = useState<SavedJob | null>(initial?.job ?? null);
  const [saving, setSaving] = useState(false);

  const local = useMemo(() => formToSpec(form), [form]);
  const problems = useMemo(() => [...(attempted && !local.ok ? local.problems : []), ...dataProblems], [attempted, local, dataProblems]);
  const placed = useMemo(
    () =>
      placeProblems(
        problems,
        form.columns.map((c) => c.column),
        form.target,
      ),
    [problems, form.columns, form.target],
  );
  const update = (patch: Partial<TrainForm>): void => setForm((current) => ({ ...current, ...patch }));
  const dataset = options.datasets?.find((d) => d.name === form.dataset);

  const propose = (): void => {
    setBusy('propose');
    client
      .call('training.propose', { dataset: form.dataset, target: form.target })
      .then((proposal) => {
        setForm((current) => applyProposal(current, proposal));
        setReasons(proposal.reasons);
        setDataProblems([]);
      }, reportError)
      .finally(() => setBusy(null));
  };

  /** The spec, once neither the form nor the data checks find a problem. */
  const checked = async (): Promise<TrainSpec | null> => {
    setAttempted(true);
    if (!local.ok) return null;
    const answer = await client.call('training.check', { spec: local.spec });
    setDataProblems(answer.problems);
    return answer.problems.length === 0 ? local.spec : null;
  };

  const check = (): void => {
    setBusy('check');
    checked()
      .then((spec) => spec && inform('No problems found: ready to train.'), reportError)
      .finally(() => setBusy(null));
  };

  const start = (event: SyntheticEvent): void => {
    event.preventDefault();
    setBusy('start');
    checked()
      .then(async (spec) => {
        if (!spec) return;
        const started = await client.call('training.start', { spec, trigger: 'manual' });
        onStarted(started.queueId);
        inform(`Queued ${spec.runName ? `“${spec.runName}”` : 'a run'} in experiment “${spec.experiment}”.`);
      })
      .catch(reportError)
      .finally(() => setBusy(null));
  };

  const openSave = (): void => {
    setAttempted(true);
    if (local.ok) setSaving(true);
  };
  const save = async (draft: JobDraft): Promise<void> => {
    if (!local.ok) throw new Error('The form has problems: fix them first.');
    const saved = await client.call('training.saveJob', { name: draft.name, spec: local.spec, schedule: draft.schedule === '' ? null : draft.schedule, enabled: draft.enabled });
    setJob(saved);
    onJobSaved(saved);
    inform(`Saved the training job “${saved.name}”.`);
  };

  const general = placed.get('other') ?? [];
  return (
    <>
      <form className="xp-train-form" aria-label="Train a model" onSubmit={start} noValidate data-testid="train-form">
        {job && (
          <p className="xp-editing" data-testid="train-editing-job">
            Editing the saved job <strong>{job.name}</strong>. Save as job to update it, or Start to run it as it is now.
          </p>
        )}
        <DataSection form={form} update={update} problems={placed} datasets={options.datasets} experiments={options.experiments} proposing={busy === 'propose'} onPropose={propose} targetReason={reasons[form.target]} />
        <PipelineEditor form={form} update={update} problems={placed} reasons={reasons} />
        <ModelSection form={form} update={update} problems={placed} backends={options.backends} />
        <SplitSection form={form} update={update} problems={placed} columns={dataset?.columns ?? []} />
        <SearchSection form={form} update={update} problems={placed} />
        <div className="xp-actions">
          {problems.length > 0 && (
            <div className="xp-problems" role="alert" data-testid="train-problems">
              <strong>{problems.length === 1 ? '1 problem' : `${problems.length} problems`}</strong>
              {general.length > 0 ? (
                <ul>
                  {general.map((message) => (
                    <li key={message}>{message}</li>
                  ))}
                </ul>
              ) : (
                <span>, shown next to {problems.length === 1 ? 'its field' : 'their fields'}.</span>
              )}
            </div>
          )}
          <button type="button" onClick={openSave} disabled={busy !== null} data-testid="train-save-job">
            Save as job…
          </button>
          <button type="button" onClick={check} disabled={busy !== null} data-testid="train-check">
            {busy === 'check' ? 'Checking…' : 'Check'}
          </button>
          <button type="submit" disabled={busy !== null} data-testid="train-start">
            {busy === 'start' ? 'Starting…' : 'Start training'}
          </button>
        </div>
      </form>
      {saving && (
        <SaveJobDialog
          initial={{ name: job?.name ?? '', schedule: job?.schedule ?? '', enabled: job?.enabled ?? true }}
          onSave={save}
          onClose={() => setSaving(false)}
        />
      )}
    </>
  );
}
