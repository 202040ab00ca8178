import { useId, useState, type SyntheticEvent } from 'react';
import type { CredentialsInput } from '../../../../../shared/contract';

interface Props {
  remote: string;
  /** False in server mode: credentials then live in the backend's memory only. */
  persisted: boolean;
  busy: boolean;
  onSave: (credentials: CredentialsInput) => Promise<boolean>;
  onCancel: () => void;
}

/**
 * A token (with an optional user name) or a user name and password for one
 * remote. Secrets are typed into password fields, sent once, and cleared: the
 * UI never shows them again.
 */
export function CredentialsForm({ remote, persisted, busy, onSave, onCancel }: Props) {
  const id = useId();
  const [kind, setKind] = useState<'token' | 'basic'>('token');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const ready = secret !== '' && (kind === 'token' || username.trim() !== '');

  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const user = username.trim();
    const credentials: CredentialsInput = kind === 'token' ? { kind, token: secret, ...(user ? { username: user } : {}) } : { kind, username: user, password: secret };
    void onSave(credentials).then((done) => {
      setSecret('');
      if (done) onCancel();
    });
  };

  return (
    <form className="git-credentials" aria-label={`Credentials for ${remote}`} onSubmit={submit} autoComplete="off">
      <h3>Credentials for {remote}</h3>
      <fieldset className="git-credentials-kind">
        <legend className="git-visually-hidden">Kind of credentials</legend>
        <label className="git-check">
          <input type="radio" name={`${id}-kind`} checked={kind === 'token'} onChange={() => setKind('token')} />
          Access token
        </label>
        <label className="git-check">
          <input type="radio" name={`${id}-kind`} checked={kind === 'basic'} onChange={() => setKind('basic')} />
          User name and password
        </label>
      </fieldset>
      <div className="git-inline-form">
        <label htmlFor={`${id}-user`}>{kind === 'token' ? 'User name (optional)' : 'User name'}</label>
        <input id={`${id}-user`} value={username} onChange={(event) => setUsername(event.target.value)} required={kind === 'basic'} spellCheck={false} autoComplete="off" />
        <label htmlFor={`${id}-secret`}>{kind === 'token' ? 'Token' : 'Password'}</label>
        <input id={`${id}-secret`} type="password" value={secret} onChange={(event) => setSecret(event.target.value)} required autoComplete="new-password" />
        <button type="submit" disabled={busy || !ready}>
          Save credentials
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="git-muted">
        {persisted
          ? 'Kept encrypted by the system keychain on this machine, and sent only to this remote.'
          : 'Kept in the backend’s memory only, until it stops (server mode stores no secrets on disk), and sent only to this remote.'}
      </p>
    </form>
  );
}
