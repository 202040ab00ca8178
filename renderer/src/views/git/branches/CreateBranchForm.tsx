import { useId, useState, type SyntheticEvent } from 'react';
import type { GitRefs } from '../../../../../shared/contract';
import { RefSelect } from './RefSelect';

interface Props {
  refs: GitRefs | null;
  busy: boolean;
  onCreate: (name: string, from: string | null, checkout: boolean) => Promise<boolean>;
}

/** A new branch from HEAD or a chosen ref, switched to at once unless unticked. */
export function CreateBranchForm({ refs, busy, onCreate }: Props) {
  const id = useId();
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [checkout, setCheckout] = useState(true);

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    void onCreate(name.trim(), from || null, checkout).then((done) => {
      if (!done) return;
      setName('');
      setFrom('');
    });
  };

  return (
    <form className="git-inline-form" aria-label="Create a branch" onSubmit={submit}>
      <label htmlFor={`${id}-name`}>New branch</label>
      <input id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} placeholder="feature/cleaning" required spellCheck={false} autoComplete="off" />
      <label htmlFor={`${id}-from`}>from</label>
      <RefSelect id={`${id}-from`} refs={refs} value={from} onChange={setFrom} />
      <label className="git-check">
        <input type="checkbox" checked={checkout} onChange={(event) => setCheckout(event.target.checked)} />
        Switch to it
      </label>
      <button type="submit" disabled={busy || name.trim() === ''}>
        Create branch
      </button>
    </form>
  );
}
