import type { ServingRequest } from '../../../../../shared/contract';
import { clockTime, statusTone } from './request-log';

/** How many of the kept requests the table draws. */
const SHOWN = 200;

/** The live request log of one server, newest first; statuses coloured by class. */
export function RequestLog({ log, url }: { log: readonly ServingRequest[]; url: string }) {
  if (log.length === 0) return <p className="sv-hint" data-testid="serving-log-empty">No requests yet. Requests to {url} appear here as they are answered.</p>;
  return (
    <div className="sv-table-scroll">
      <table className="sv-table sv-log" aria-label={`Requests to ${url}`} data-testid="serving-log">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Method</th>
            <th scope="col">Path</th>
            <th scope="col">Model</th>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col" className="sv-number">
              ms
            </th>
            <th scope="col" className="sv-number">
              Rows
            </th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {log.slice(0, SHOWN).map((request, index) => (
            <tr key={`${request.at}-${index}`} data-testid="serving-log-row" data-status={request.status} data-path={request.path}>
              <td className="sv-time">{clockTime(request.at)}</td>
              <td>{request.method}</td>
              <td>
                <code>{request.path}</code>
              </td>
              <td>{request.model ?? '—'}</td>
              <td>{request.version ?? '—'}</td>
              <td>
                <span className={`sv-status sv-status-${statusTone(request.status)}`}>{request.status}</span>
              </td>
              <td className="sv-number">{request.ms < 10 ? request.ms.toFixed(2) : request.ms.toFixed(0)}</td>
              <td className="sv-number">{request.rows ?? '—'}</td>
              <td className="sv-log-error" title={request.error ?? undefined}>
                {request.error ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.length > SHOWN && <p className="sv-hint">The latest {SHOWN} of {log.length} kept requests are listed; the chart shows them all.</p>}
    </div>
  );
}
