import { useId, useState, type SyntheticEvent } from 'react';
import type { GitRefs } from '../../../../../shared/contract';
import { RefSelect } from './RefSelect';

interface Props {
  refs: GitRefs | null;
  busy: boolean;
  onCreate: (name: string, ref: string | null, message: string | null) => Promise<boolean>;
}

/** A tag on HEAD or a chosen ref: lightweight, or annotated with a message. */
export function CreateTagForm({ refs, busy, onCreate }: Props) {
  const id = useId();
  const [name, setName] = useState('');
  const [ref, setRef] = useState('');
  const [annotated, setAnnotated] = useState(false);
  const [message, setMessage] = useState('');
  const ready = name.trim() !== '' && (!annotated || message.trim() !== '');

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void onCreate(name.trim(), ref || null, annotated ? message.trim() : null).then((done) => {
      if (!done) return;
      setName('');
      setMessage('');
    });
  };

  return (
    <form className="git-tag-form" aria-label="Create a tag" onSubmit={submit}>
      <div className="git-inline-form">
        <label htmlFor={`${id}-name`}>New tag</label>
        <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} placeholder="v1.0" required spellCheck={false} autoComplete="off" />
        <label htmlFor={`${id}-ref`}>on</label>
        <RefSelect id={`${id}-ref`} refs={refs} value={ref} onChange={setRef} />
        <label className="git-check">
          <input type="checkbox" checked={annotated} onChange={(event) => setAnnotated(event.target.checked)} />
          Annotated, with a message
        </label>
        <button type="submit" disabled={busy || !ready}>
          Create tag
        </button>
      </div>
      {annotated && (
        <textarea
          aria-label="Tag message"
          className="git-tag-message"
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          rows={3}
          placeholder="What this version is, e.g. the model shipped on 3 March"
          required
        />
      )}
    </form>
  );
}
