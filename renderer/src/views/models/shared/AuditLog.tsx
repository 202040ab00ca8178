import type { OutputOf } from '../../../../../shared/contract';
import { formatIsoTime } from '../format';

type AuditEntry = OutputOf<'registry.auditLog'>[number];

/** Everything the registry sent to a shared server: when, what, where, which files. */
export function AuditLog({ entries, failure, onReload }: { entries: AuditEntry[] | null; failure: string | null; onReload: () => void }) {
  return (
    <section className="mdl-panel" aria-labelledby="mdl-audit-title" data-testid="registry-audit">
      <div className="mdl-toolbar">
        <h2 id="mdl-audit-title">Sent from this machine</h2>
        <span className="mdl-gap" />
        <button type="button" className="mdl-small" onClick={onReload}>
          Refresh
        </button>
      </div>
      {failure && (
        <p className="mdl-error" role="alert">
          Could not read the audit log: {failure}
        </p>
      )}
      {entries === null ? (
        !failure && <p className="mdl-muted">Reading…</p>
      ) : entries.length === 0 ? (
        <p className="mdl-muted">Nothing has been sent from this machine yet.</p>
      ) : (
        <div className="mdl-table-scroll">
          <table className="mdl-table" aria-label="Sent from this machine">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Where</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, index) => (
                <tr key={`${entry.at}|${index}`} data-testid="audit-entry">
                  <td title={entry.at}>{formatIsoTime(entry.at)}</td>
                  <td>{entry.action}</td>
                  <td className="mdl-wrap">
                    <code>{entry.target}</code>
                  </td>
                  <td className="mdl-wrap">{entry.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
