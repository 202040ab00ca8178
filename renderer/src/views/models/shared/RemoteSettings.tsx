import { useId, useState, type SyntheticEvent } from 'react';
import type { RegistryRemote } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { ConfirmDialog } from '../../git/ConfirmDialog';
import { describeCredentials } from '../push-plan';
import { useAction } from '../use-action';

type AuthKind = RegistryRemote['auth'];

interface Props {
  /** Undefined while reading. */
  remote: RegistryRemote | null | undefined;
  onChanged: (remote: RegistryRemote | null) => void;
}

/** The team's MLflow server: its URL and credentials (typed once, kept encrypted, never shown again), or forgetting it. */
export function RemoteSettings({ remote, onChanged }: Props) {
  const id = useId();
  const { client, info } = useBackend();
  const { busy, act } = useAction();
  const [editing, setEditing] = useState(false);
  const [forgetting, setForgetting] = useState(false);
  const [url, setUrl] = useState('');
  const [auth, setAuth] = useState<AuthKind>('token');
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const open = editing || remote === null;
  const urlOk = /^https?:\/\/\S+$/.test(url.trim());
  const ready = urlOk && (auth === 'none' || (secret !== '' && (auth === 'token' || username.trim() !== '')));

  const startEditing = (): void => {
    setUrl(remote?.url ?? '');
    setAuth(remote?.auth ?? 'token');
    setUsername(remote?.username ?? '');
    setSecret('');
    setEditing(true);
  };
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    if (!ready) return;
    const credentials = auth === 'none' ? { kind: 'none' as const } : auth === 'token' ? { kind: 'token' as const, token: secret } : { kind: 'basic' as const, username: username.trim(), password: secret };
    void act(async () => onChanged(await client.call('registry.setRemote', { url: url.trim(), credentials })), 'Saved the shared registry.').then((done) => {
      setSecret('');
      if (done) setEditing(false);
    });
  };

  return (
    <section className="mdl-panel" aria-labelledby={`${id}-title`} data-testid="registry-remote">
      <h2 id={`${id}-title`}>Shared registry</h2>
      {remote === undefined && <p className="mdl-muted">Reading…</p>}
      {remote && !open && (
        <>
          <dl className="mdl-facts">
            <dt>Server</dt>
            <dd>
              <code data-testid="registry-remote-url">{remote.url}</code>
            </dd>
            <dt>Signs in with</dt>
            <dd>{describeCredentials(remote)}</dd>
          </dl>
          <div className="mdl-toolbar">
            <button type="button" onClick={startEditing}>
              Change…
            </button>
            <button type="button" className="mdl-danger" onClick={() => setForgetting(true)}>
              Forget…
            </button>
          </div>
        </>
      )}
      {open && remote !== undefined && (
        <form className="mdl-view" aria-label="Shared registry settings" onSubmit={submit} autoComplete="off">
          {remote === null && <p className="mdl-hint">No shared registry yet. Give the URL of the team’s MLflow tracking server; nothing is sent to it until you push or pull.</p>}
          <label className="mdl-field">
            MLflow server URL
            <input type="url" value={url} maxLength={2000} onChange={(event) => setUrl(event.target.value)} placeholder="https://mlflow.example.com" spellCheck={false} data-testid="registry-remote-url-input" />
          </label>
          <fieldset className="mdl-fieldset">
            <legend>Credentials</legend>
            {(['none', 'token', 'basic'] as const).map((kind) => (
              <label key={kind} className="mdl-radio">
                <input type="radio" name={`${id}-auth`} checked={auth === kind} onChange={() => setAuth(kind)} />
                {kind === 'none' ? 'None' : kind === 'token' ? 'Access token' : 'User name and password'}
              </label>
            ))}
          </fieldset>
          <div className="mdl-form">
            {auth === 'basic' && (
              <label className="mdl-field">
                User name
                <input value={username} maxLength={500} onChange={(event) => setUsername(event.target.value)} autoComplete="off" spellCheck={false} />
              </label>
            )}
            {auth !== 'none' && (
              <label className="mdl-field">
                {auth === 'token' ? 'Token' : 'Password'}
                <input type="password" value={secret} maxLength={4000} onChange={(event) => setSecret(event.target.value)} autoComplete="new-password" />
              </label>
            )}
            <button type="submit" disabled={busy || !ready} data-testid="registry-remote-save">
              {busy ? 'Checking…' : 'Check and save'}
            </button>
            {remote !== null && (
              <button type="button" onClick={() => setEditing(false)}>
                Cancel
              </button>
            )}
            <p className="mdl-hint">
              The server is asked once to check the URL and credentials.{' '}
              {info?.mode === 'server' ? 'In server mode the secret stays in the backend’s memory only, until it stops.' : 'The secret is kept encrypted by the system keychain, and sent only to this server.'}
            </p>
          </div>
        </form>
      )}
      {forgetting && remote && (
        <ConfirmDialog
          title="Forget the shared registry?"
          confirm="Forget"
          busy={busy}
          onConfirm={() =>
            void act(async () => {
              await client.call('registry.forgetRemote', {});
              onChanged(null);
            }, `Forgot ${remote.url}.`).then(() => setForgetting(false))
          }
          onClose={() => setForgetting(false)}
        >
          <p>
            The workbench forgets <code>{remote.url}</code> and its credentials. Nothing changes on that server, nor in the local registry; the audit log stays.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
