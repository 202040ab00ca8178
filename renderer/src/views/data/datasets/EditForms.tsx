import { useState, type SyntheticEvent } from 'react';
import { datasetName, type Dataset } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';

interface Props {
  dataset: Dataset;
  onSaved: (dataset: Dataset) => void;
  onClose: () => void;
}

/** Renames a dataset, which is its SQL name; the file is untouched. */
export function RenameForm({ dataset, onSaved, onClose }: Props) {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const [name, setName] = useState(dataset.name);
  const [saving, setSaving] = useState(false);
  const check = datasetName.safeParse(name);
  const problem = check.success ? undefined : check.error.issues[0]?.message;

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (!check.success || saving) return;
    if (check.data === dataset.name) return onClose();
    setSaving(true);
    client
      .call('data.rename', { id: dataset.id, name: check.data })
      .then((renamed) => {
        onSaved(renamed);
        onClose();
      }, reportError)
      .finally(() => setSaving(false));
  };

  return (
    <form className="ds-edit" aria-label="Rename dataset" onSubmit={submit}>
      <label className="ds-field">
        New name
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          spellCheck={false}
          autoFocus
          aria-invalid={problem ? true : undefined}
          onKeyDown={(event) => event.key === 'Escape' && onClose()}
        />
      </label>
      <p className={problem ? 'ds-error-text' : 'ds-hint'}>{problem ?? 'SQL queries use this name: update saved queries that use the old one.'}</p>
      <div className="ds-edit-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" disabled={!check.success || saving}>
          Save name
        </button>
      </div>
    </form>
  );
}

/** What the data is and where it came from, in the user's words. */
export function DescriptionForm({ dataset, onSaved, onClose }: Props) {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const [text, setText] = useState(dataset.description);
  const [saving, setSaving] = useState(false);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    client
      .call('data.describe', { id: dataset.id, description: text.trim() })
      .then((described) => {
        onSaved(described);
        onClose();
      }, reportError)
      .finally(() => setSaving(false));
  };

  return (
    <form className="ds-edit" aria-label="Edit description" onSubmit={submit}>
      <label className="ds-field">
        Description
        <textarea
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={3}
          maxLength={10_000}
          autoFocus
          placeholder="Where the data comes from, what a row is, known quirks"
          onKeyDown={(event) => event.key === 'Escape' && onClose()}
        />
      </label>
      <div className="ds-edit-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" disabled={saving}>
          Save description
        </button>
      </div>
    </form>
  );
}
