import { useState, type SyntheticEvent } from 'react';

interface Props {
  /** For labels: "the model churn", "version 3". */
  subject: string;
  tags: Record<string, string>;
  /** Sets one tag, or removes it with null; resolves true when done. */
  onChange: (key: string, value: string | null) => Promise<boolean>;
}

/** Tags as a key/value table with a remove button each, and a form that adds one or changes a value. */
export function TagsEditor({ subject, tags, onChange }: Props) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));

  const change = (k: string, v: string | null): void => {
    setBusy(true);
    void onChange(k, v).then((done) => {
      setBusy(false);
      if (done && v !== null) {
        setKey('');
        setValue('');
      }
    });
  };
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (key.trim() !== '') change(key.trim(), value);
  };

  return (
    <div>
      {entries.length === 0 ? (
        <p className="mdl-muted">No tags.</p>
      ) : (
        <table className="mdl-table" aria-label={`Tags of ${subject}`}>
          <tbody>
            {entries.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td className="mdl-wrap">{v}</td>
                <td className="mdl-actions-cell">
                  <button type="button" className="mdl-small" disabled={busy} aria-label={`Remove the tag ${k}`} onClick={() => change(k, null)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="mdl-form" aria-label={`Add a tag to ${subject}`} onSubmit={submit}>
        <label className="mdl-field">
          Tag
          <input value={key} maxLength={250} onChange={(event) => setKey(event.target.value)} spellCheck={false} />
        </label>
        <label className="mdl-field mdl-field-wide">
          Value
          <input value={value} maxLength={5000} onChange={(event) => setValue(event.target.value)} />
        </label>
        <button type="submit" disabled={busy || key.trim() === ''}>
          {Object.hasOwn(tags, key.trim()) ? 'Change tag' : 'Add tag'}
        </button>
      </form>
    </div>
  );
}
