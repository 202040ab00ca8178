import { useState } from 'react';
import type { ModelServer } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { ConfirmDialog } from '../../git/ConfirmDialog';
import { LatencyChart } from '../log/LatencyChart';
import { RequestLog } from '../log/RequestLog';
import { useRequestLog } from '../log/use-request-log';
import { TryItPanel } from '../tryit/TryItPanel';
import { ServerCard } from './ServerCard';
import { StartServerForm } from './StartServerForm';
import { TokenNotice } from './TokenNotice';
import { useServers } from './use-servers';

/** Start servers, see the running ones, and for the one shown: try it, its live log and its latency. */
export function ServersTab() {
  const { client } = useBackend();
  const { reportError, inform } = useNotices();
  const { servers, failure, swaps, accept, forget } = useServers();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [token, setToken] = useState<{ token: string; url: string } | null>(null);
  const [stopping, setStopping] = useState<ModelServer | null>(null);
  const [busy, setBusy] = useState(false);
  // The chosen server, else the newest: a server that stops hands the panels to another.
  const selected = servers?.find((s) => s.id === selectedId) ?? servers?.at(-1) ?? null;
  const log = useRequestLog(selected?.id ?? null);

  const started = (server: ModelServer, startedToken: string | null): void => {
    accept(server);
    setSelectedId(server.id);
    setToken(startedToken === null ? null : { token: startedToken, url: server.url });
    inform(`Serving at ${server.url}.`);
  };
  const stop = (server: ModelServer): void => {
    setBusy(true);
    client
      .call('serving.stop', { id: server.id })
      .then(() => {
        forget(server.id);
        if (token?.url === server.url) setToken(null);
      }, reportError)
      .finally(() => {
        setBusy(false);
        setStopping(null);
      });
  };

  return (
    <div className="sv-servers">
      <div className="sv-column">
        <StartServerForm onStarted={started} />
        {token && <TokenNotice token={token.token} url={token.url} onDismiss={() => setToken(null)} />}
        <section className="sv-section" aria-labelledby="sv-running-title">
          <h2 id="sv-running-title">Running servers</h2>
          {failure && <p className="sv-problem">The servers could not be listed: {failure}</p>}
          {servers === null ? (
            !failure && <p className="sv-hint">Loading…</p>
          ) : servers.length === 0 ? (
            <p className="sv-hint" data-testid="serving-no-servers">
              No server is running.
            </p>
          ) : (
            <ul className="sv-server-list" data-testid="serving-servers">
              {servers.map((server) => (
                <ServerCard key={server.id} server={server} swaps={swaps} selected={server.id === selected?.id} onSelect={() => setSelectedId(server.id)} onStop={() => setStopping(server)} />
              ))}
            </ul>
          )}
        </section>
      </div>
      {selected && (
        <div className="sv-column" data-testid="serving-detail" data-server-id={selected.id}>
          <TryItPanel key={selected.id} server={selected} />
          <section className="sv-section" aria-labelledby="sv-log-title">
            <h2 id="sv-log-title">
              Requests to <code>{selected.url}</code>
            </h2>
            <LatencyChart log={log} label={`Latency of the recent requests to ${selected.url}`} />
            <RequestLog log={log} url={selected.url} />
          </section>
        </div>
      )}
      {stopping && (
        <ConfirmDialog title={`Stop the server at ${stopping.url}?`} confirm="Stop" busy={busy} onConfirm={() => stop(stopping)} onClose={() => setStopping(null)}>
          <p>Requests in flight finish first; after that, clients of {stopping.url} get no answer.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
