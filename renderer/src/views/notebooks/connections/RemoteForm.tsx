import { useState, type SyntheticEvent } from 'react';
import type { JupyterServer } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';

/** Connect to a Jupyter server or JupyterHub elsewhere by URL and token; the backend checks it before keeping it. */
export function RemoteForm({ onConnected }: { onConnected: (server: JupyterServer) => void }) {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<JupyterServer | null>(null);

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setDone(null);
    try {
      const server = await client.call('jupyter.connect', { url: url.trim(), token, ...(label.trim() ? { label: label.trim() } : {}) });
      setToken('');
      setDone(server);
      onConnected(server);
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="nbv-remote-form" aria-label="Connect to a Jupyter server" onSubmit={(event) => void submit(event)}>
      <label>
        <span>Server URL</span>
        <input type="url" required placeholder="https://jupyter.example.org/user/me/" value={url} onChange={(event) => setUrl(event.target.value)} />
      </label>
      <label>
        <span>Token</span>
        <input type="password" autoComplete="off" value={token} onChange={(event) => setToken(event.target.value)} />
      </label>
      <label>
        <span>Name (optional)</span>
        <input type="text" value={label} onChange={(event) => setLabel(event.target.value)} />
      </label>
      <div className="nbv-form-actions">
        <button type="submit" disabled={busy || url.trim() === ''}>
          {busy ? 'Connecting…' : 'Connect'}
        </button>
      </div>
      {done && (
        <p role="status" className="nbv-soft">
          Connected to {done.label}. {tokenNote(done)}
        </p>
      )}
    </form>
  );
}

/** Where the token is kept, in words. */
export function tokenNote(server: JupyterServer): string {
  if (!server.hasToken) return 'No token kept.';
  return server.tokenSaved ? 'Its token is kept encrypted on this machine.' : 'Its token is kept in memory only: it is asked again after a restart.';
}
