import type { ModelServer } from '../../../../../shared/contract';
import { clockTime } from '../log/request-log';
import { swapKey, type Swap } from './swaps';

interface Props {
  server: ModelServer;
  swaps: ReadonlyMap<string, Swap>;
  selected: boolean;
  onSelect: () => void;
  onStop: () => void;
}

const started = (ms: number): string => new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });

/** One running server: where it answers, what it serves (and which version is loaded now), its counts, Stop. */
export function ServerCard({ server, swaps, selected, onSelect, onStop }: Props) {
  return (
    <li className={selected ? 'sv-server sv-server-selected' : 'sv-server'} data-testid="serving-server" data-server-id={server.id} data-url={server.url} aria-label={`Server at ${server.url}`}>
      <div className="sv-server-head">
        <code className="sv-url" data-testid="serving-server-url">
          {server.url}
        </code>
        {server.tokenRequired && <span className="sv-badge">token required</span>}
        <span className="sv-badge" data-testid="serving-log-badge" title={server.logDatasets.length > 0 ? 'Each request and its predictions are logged into these datasets of the workspace' : 'This server keeps no inference log'}>
          {server.logDatasets.length > 0 ? `logged to ${server.logDatasets.join(', ')}` : 'not logged'}
        </span>
        <span className="sv-counts">
          <span data-testid="serving-requests-count">{server.requests.toLocaleString('en-US')}</span> {server.requests === 1 ? 'request' : 'requests'} ·{' '}
          <span className={server.errors > 0 ? 'sv-error-text' : undefined} data-testid="serving-errors-count">
            {server.errors.toLocaleString('en-US')}
          </span>{' '}
          {server.errors === 1 ? 'error' : 'errors'}
        </span>
        <button type="button" className="sv-small" aria-pressed={selected} onClick={onSelect} data-testid="serving-select-server">
          {selected ? 'Shown below' : 'Log and try it'}
        </button>
        <button type="button" className="sv-small sv-danger" onClick={onStop} aria-label={`Stop the server at ${server.url}`} data-testid="serving-stop">
          Stop
        </button>
      </div>
      <table className="sv-table" aria-label={`Models served at ${server.url}`}>
        <thead>
          <tr>
            <th scope="col">Route</th>
            <th scope="col">Model URI</th>
            <th scope="col">Loaded version</th>
            <th scope="col">Loaded at</th>
          </tr>
        </thead>
        <tbody>
          {server.models.map((model) => {
            const swap = swaps.get(swapKey(server.id, model.name));
            return (
              <tr key={model.name} data-testid="serving-served-model" data-model={model.name} data-version={model.version}>
                <th scope="row">
                  <code>{model.name}</code>
                </th>
                <td>
                  <code>{model.uri}</code>
                </td>
                <td>
                  <span data-testid="serving-loaded-version">{model.version}</span>
                  {swap && swap.to === model.version && (
                    <span className="sv-swap" data-testid="serving-swap" title="The alias moved; the new version was swapped in without dropping requests.">
                      {' '}
                      swapped from {swap.from} at {clockTime(swap.at)}
                    </span>
                  )}
                </td>
                <td>{clockTime(model.loadedAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="sv-hint">Started {started(server.startedAt)}</p>
    </li>
  );
}
