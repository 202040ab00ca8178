import { useId, useState, type SyntheticEvent } from 'react';

interface Props {
  /** Set when changing an existing remote's URL: its name is fixed. */
  editing: { name: string; url: string } | null;
  busy: boolean;
  onSave: (name: string, url: string) => Promise<boolean>;
  onCancel: () => void;
}

/** Adds a remote, or changes the URL of one; credentials go in their own form, never in the URL. */
export function RemoteForm({ editing, busy, onSave, onCancel }: Props) {
  const id = useId();
  const [name, setName] = useState(editing?.name ?? 'origin');
  const [url, setUrl] = useState(editing?.url ?? '');

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void onSave(name.trim(), url.trim()).then((done) => {
      if (!done || editing) return;
      setName('');
      setUrl('');
    });
  };

  return (
    <form className="git-inline-form" aria-label={editing ? `Change the URL of ${editing.name}` : 'Add a remote'} onSubmit={submit}>
      <label htmlFor={`${id}-name`}>{editing ? 'Remote' : 'New remote'}</label>
      <input id={`${id}-name`} className="git-remote-name-input" value={name} onChange={(event) => setName(event.target.value)} required disabled={editing !== null} spellCheck={false} />
      <label htmlFor={`${id}-url`}>URL</label>
      <input id={`${id}-url`} className="git-remote-url-input" type="url" value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://github.com/team/project.git" required spellCheck={false} autoFocus={editing !== null} />
      <button type="submit" disabled={busy || name.trim() === '' || url.trim() === ''}>
        {editing ? 'Save URL' : 'Add remote'}
      </button>
      {editing && (
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      )}
    </form>
  );
}
