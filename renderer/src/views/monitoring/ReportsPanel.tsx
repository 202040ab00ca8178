import { useEffect, useState } from 'react';
import type { WorkbenchClient } from '../../../../shared/client';
import type { MonitoringReport } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';
import { useBackendValue } from '../../app/use-backend-value';
import { ConfirmDialog } from '../git/ConfirmDialog';
import { useAction } from '../models/use-action';
import { ComparePanel } from './ComparePanel';

const readReports = (client: WorkbenchClient) => client.call('monitoring.reports', {});

/** Saved reports, newest first: open, delete, or pick two to compare. */
export function ReportsPanel({ version, onOpen }: { version: number; onOpen: (id: string) => void }) {
  const { client } = useBackend();
  const reports = useBackendValue(readReports);
  const { busy, act } = useAction();
  const [deleting, setDeleting] = useState<{ id: string; label: string } | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [compared, setCompared] = useState<[MonitoringReport, MonitoringReport] | null>(null);
  const { reload } = reports;
  useEffect(reload, [version, reload]);

  const toggle = (id: string): void => setPicked((current) => (current.includes(id) ? current.filter((p) => p !== id) : [...current.slice(-1), id]));
  const compare = (): void => {
    const [a, b] = picked;
    if (a === undefined || b === undefined) return;
    void act(async () => setCompared(await Promise.all([client.call('monitoring.report', { id: a }), client.call('monitoring.report', { id: b })])));
  };
  const remove = (id: string): void => {
    void act(async () => {
      await client.call('monitoring.deleteReport', { id });
      setDeleting(null);
      setPicked((current) => current.filter((p) => p !== id));
      reload();
    }, 'Report deleted.');
  };

  const list = reports.value;
  return (
    <div className="mon-column">
      <section className="mon-section" aria-label="Saved reports" data-testid="mon-reports">
        <h2>Saved reports</h2>
        {reports.failure && <p className="mon-problem">The reports could not be read: {reports.failure}</p>}
        {list === null ? (
          <p className="mon-soft">Loading…</p>
        ) : list.length === 0 ? (
          <p className="mon-soft">No reports yet: run one from New report.</p>
        ) : (
          <table className="mon-table" aria-label="Reports">
            <thead>
              <tr>
                <th scope="col">Compare</th>
                <th scope="col">Name</th>
                <th scope="col">Version</th>
                <th scope="col">Created</th>
                <th scope="col">Model</th>
                <th scope="col">Drift</th>
                <th scope="col">Alerts</th>
                <th scope="col">
                  <span className="mon-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id} data-testid="mon-report-row" data-report-id={r.id} data-name={r.name} data-version={r.version}>
                  <td>
                    <input type="checkbox" aria-label={`Compare ${r.name} v${r.version}`} checked={picked.includes(r.id)} onChange={() => toggle(r.id)} data-testid="mon-report-pick" />
                  </td>
                  <th scope="row">{r.name}</th>
                  <td className="mon-num">{r.version}</td>
                  <td>{new Date(r.createdAt).toLocaleString()}</td>
                  <td>{r.model ? `${r.model.name} v${r.model.version}` : '—'}</td>
                  <td data-testid="mon-report-drift">{r.driftDetected ? <strong className="mon-yes">{`Yes (${r.driftedColumns} columns)`}</strong> : 'No'}</td>
                  <td className="mon-num">{r.alerts}</td>
                  <td className="mon-actions-cell">
                    <button type="button" className="mon-small" onClick={() => onOpen(r.id)} data-testid="mon-report-open">
                      Open
                    </button>
                    <button type="button" className="mon-small" onClick={() => setDeleting({ id: r.id, label: `${r.name} v${r.version}` })} data-testid="mon-report-delete">
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="mon-actions">
          <span className="mon-soft">{picked.length} of 2 picked</span>
          <button type="button" disabled={busy || picked.length !== 2} onClick={compare} data-testid="mon-compare">
            Compare
          </button>
        </div>
      </section>
      {compared && <ComparePanel a={compared[0]} b={compared[1]} />}
      {deleting && (
        <ConfirmDialog title={`Delete ${deleting.label}?`} confirm="Delete" busy={busy} onConfirm={() => remove(deleting.id)} onClose={() => setDeleting(null)}>
          <p>The saved report goes; exported HTML files stay.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
