import { useId, useState } from 'react';

interface Props {
  /** What it describes, for labels: "the model churn", "version 3". */
  subject: string;
  text: string;
  /** Resolves true when saved. */
  onSave: (text: string) => Promise<boolean>;
  testId: string;
}

/** A description shown as text, edited in place. */
export function DescriptionEditor({ subject, text, onSave, testId }: Props) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (draft === null) {
    return (
      <div className="mdl-description" data-testid={testId}>
        {text ? <p>{text}</p> : <p className="mdl-muted">No description.</p>}
        <div>
          <button type="button" className="mdl-small" onClick={() => setDraft(text)} aria-label={`Edit the description of ${subject}`}>
            Edit description
          </button>
        </div>
      </div>
    );
  }
  const save = (): void => {
    setBusy(true);
    void onSave(draft).then((saved) => {
      setBusy(false);
      if (saved) setDraft(null);
    });
  };
  return (
    <div className="mdl-description" data-testid={testId}>
      <label htmlFor={`${id}-text`} className="mdl-visually-hidden">
        Description of {subject}
      </label>
      <textarea id={`${id}-text`} value={draft} maxLength={5000} onChange={(event) => setDraft(event.target.value)} autoFocus />
      <div className="mdl-toolbar">
        <button type="button" className="mdl-primary" disabled={busy || draft === text} onClick={save}>
          Save description
        </button>
        <button type="button" onClick={() => setDraft(null)} disabled={busy}>
          Cancel
        </button>
      </div>
    </div>
  );
}
