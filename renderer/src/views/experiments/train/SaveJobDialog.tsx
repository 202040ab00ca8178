import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';

export interface JobDraft {
  name: string;
  /** A cron expression, or '' for none. */
  schedule: string;
  enabled: boolean;
}

interface Props {
  initial: JobDraft;
  onSave: (draft: JobDraft) => Promise<void>;
  onClose: () => void;
}

/** Saves the form as a named training job, with an optional cron schedule. A name that exists is replaced. */
export function SaveJobDialog({ initial, onSave, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    // As ConfirmDialog: no close() on cleanup, StrictMode runs this twice.
    if (element && !element.open) element.showModal();
  }, []);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    onSave({ ...draft, name: draft.name.trim(), schedule: draft.schedule.trim() }).then(
      () => dialog.current?.close(),
      (error: unknown) => {
        setBusy(false);
        setFailure(error instanceof Error ? error.message : String(error));
      },
    );
  };

  return (
    <dialog ref={dialog} className="scm-dialog xp-dialog" aria-labelledby={`${id}-title`} onClose={onClose} data-testid="save-job-dialog">
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>Save as a training job</h2>
        <p className="xp-hint">The job keeps this dataset, pipeline, algorithm, settings and search. It can run now, on a schedule, or on a call to the API.</p>
        <div className="xp-field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input id={`${id}-name`} value={draft.name} required maxLength={100} placeholder="nightly-churn" autoFocus onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </div>
        <div className="xp-field">
          <label htmlFor={`${id}-schedule`}>Schedule (cron, optional)</label>
          <input id={`${id}-schedule`} value={draft.schedule} placeholder="0 3 * * *  (every day at 03:00)" spellCheck={false} onChange={(event) => setDraft({ ...draft, schedule: event.target.value })} />
          <span className="xp-hint">Five or six fields, in local time. Leave empty to run it only by hand or over the API.</span>
        </div>
        <label className="xp-check">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} />
          Enabled
        </label>
        {failure && (
          <p className="xp-problem" role="alert">
            {failure}
          </p>
        )}
        <div className="scm-dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" disabled={busy || draft.name.trim() === ''}>
            {busy ? 'Saving…' : 'Save job'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
