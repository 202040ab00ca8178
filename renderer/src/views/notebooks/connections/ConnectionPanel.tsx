import { useRef, useState } from 'react';
import type { JupyterServer, JupyterStatus } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { RemoteForm, tokenNote } from './RemoteForm';
import { ServerLog } from './ServerLog';
import type { JupyterState } from './use-jupyter';

const kindLabel = { discovered: 'found on this machine', local: 'started here', remote: 'remote' } as const;

/** Jupyter for the workspace: whether it is installed, the servers known, and starting, using, stopping or forgetting them. */
export function ConnectionPanel({ jupyter }: { jupyter: JupyterState }) {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const { status, failure, reload, accept } = jupyter;
  const [progress, setProgress] = useState<{ fraction: number | null; message: string } | null>(null);
  const [startFailure, setStartFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [log, setLog] = useState<JupyterServer | null>(null);
  const [remoteOpen, setRemoteOpen] = useState(false);
  const controller = useRef<AbortController | null>(null);

  const startLocal = async (): Promise<void> => {
    const mine = new AbortController();
    controller.current = mine;
    setStartFailure(null);
    setProgress({ fraction: null, message: 'Starting' });
    try {
      await client.runJob('jupyter.startLocal', {}, { signal: mine.signal, onProgress: (job) => setProgress({ fraction: job.progress.fraction, message: job.progress.message }) });
      reload();
    } catch (error) {
      reportError(error);
      if (!mine.signal.aborted) setStartFailure(error instanceof Error ? error.message : String(error));
    } finally {
      controller.current = null;
      setProgress(null);
    }
  };

  const act = async (id: string, call: () => Promise<JupyterStatus>): Promise<void> => {
    setBusy(id);
    try {
      accept(await call());
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(null);
    }
  };

  if (!status) {
    return (
      <section className="nbv-panel" aria-label="Jupyter">
        <h2>Jupyter</h2>
        {failure ? (
          <div role="alert" className="nbv-inline-error">
            <p>Jupyter's status could not be read: {failure}</p>
            <button type="button" onClick={reload}>
              Retry
            </button>
          </div>
        ) : (
          <p className="nbv-soft">Looking for Jupyter…</p>
        )}
      </section>
    );
  }

  const localRunning = status.servers.some((s) => s.kind === 'local' && (s.state === 'running' || s.state === 'starting'));
  return (
    <section className="nbv-panel" aria-label="Jupyter" data-testid="jupyter-panel">
      <h2>Jupyter</h2>
      {status.command === null ? (
        <div className="nbv-not-installed">
          <p>
            <strong>Jupyter is not installed on this machine.</strong> Install it to run notebooks here, or connect to a server elsewhere.
          </p>
          <pre className="nbv-hint">{status.installHint}</pre>
        </div>
      ) : (
        !localRunning && (
          <div className="nbv-start">
            {progress ? (
              <div className="nbv-progress" role="status">
                <progress value={progress.fraction ?? undefined} max={1} aria-label="Starting Jupyter" />
                <span>{progress.message || 'Starting Jupyter…'}</span>
                <button type="button" onClick={() => controller.current?.abort()}>
                  Cancel
                </button>
              </div>
            ) : (
              <button type="button" className="nbv-primary" onClick={() => void startLocal()}>
                Start Jupyter for this workspace
              </button>
            )}
            {startFailure && !progress && (
              <div role="alert" className="nbv-inline-error">
                <p>Jupyter did not start: {startFailure}</p>
                <button type="button" onClick={() => void startLocal()}>
                  Retry
                </button>
              </div>
            )}
          </div>
        )
      )}

      {status.servers.length > 0 && (
        <ul className="nbv-servers" aria-label="Jupyter servers">
          {status.servers.map((server) => {
            const active = server.id === status.activeId;
            const working = busy === server.id;
            return (
              <li key={server.id} className={active ? 'nbv-active' : undefined} data-testid="jupyter-server">
                <div className="nbv-server-head">
                  <span className={`nbv-dot nbv-state-${server.state}`} aria-hidden="true" />
                  <strong>{server.label}</strong>
                  {active && <span className="nbv-badge">in use</span>}
                </div>
                <div className="nbv-soft nbv-server-meta">
                  {kindLabel[server.kind]} · <span data-testid="jupyter-server-state">{server.state}</span>
                  {server.pid !== null && ` · pid ${server.pid}`}
                </div>
                <code className="nbv-server-url">{server.url}</code>
                {server.problem && <p className="nbv-error-text">{server.problem}</p>}
                {server.kind === 'remote' && <p className="nbv-soft">{tokenNote(server)}</p>}
                <div className="nbv-server-actions">
                  {!active && (
                    <button type="button" disabled={working} onClick={() => void act(server.id, () => client.call('jupyter.use', { id: server.id }))}>
                      Use
                    </button>
                  )}
                  {server.kind === 'local' && (server.state === 'running' || server.state === 'starting') && (
                    <button type="button" disabled={working} onClick={() => void act(server.id, () => client.call('jupyter.stop', { id: server.id }))}>
                      Stop
                    </button>
                  )}
                  {server.kind === 'local' && (
                    <button type="button" onClick={() => setLog(server)}>
                      Log
                    </button>
                  )}
                  {server.kind === 'remote' && (
                    <button type="button" disabled={working} onClick={() => void act(server.id, () => client.call('jupyter.forget', { id: server.id }))}>
                      Forget
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <details className="nbv-remote" open={remoteOpen || status.command === null} onToggle={(event) => setRemoteOpen(event.currentTarget.open)}>
        <summary>Connect to a remote server</summary>
        <RemoteForm onConnected={reload} />
      </details>
      {log && <ServerLog server={log} onClose={() => setLog(null)} />}
    </section>
  );
}
