import { useId, useState } from 'react';
import type { WorkbenchClient } from '../../../../shared/client';
import type { Alert } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';
import { useBackendValue } from '../../app/use-backend-value';
import { ConfirmDialog } from '../git/ConfirmDialog';
import { useAction } from '../models/use-action';
import { toReportSpec, type ReportForm } from './report-form';

const readMonitors = (client: WorkbenchClient) => client.call('monitoring.monitors', {});
const readJobs = (client: WorkbenchClient) => client.call('training.jobs', {});
const readAlerts = (client: WorkbenchClient) => client.call('monitoring.alerts', {});
const followAlerts = (client: WorkbenchClient, set: (alerts: Alert[]) => void): (() => void) => client.on('monitoring.alert', () => void readAlerts(client).then(set, () => undefined));

/** Monitors (save the current form with a schedule, run now, delete) and the alerts they raise, live. */
export function MonitorsPanel({ form, onOpenReport }: { form: ReportForm; onOpenReport: (id: string) => void }) {
  const id = useId();
  const { client } = useBackend();
  const monitors = useBackendValue(readMonitors);
  const jobs = useBackendValue(readJobs);
  const alerts = useBackendValue(readAlerts, followAlerts);
  const { busy, act } = useAction();
  const [name, setName] = useState('');
  const [schedule, setSchedule] = useState('0 6 * * *');
  const [enabled, setEnabled] = useState(true);
  const [retrainJob, setRetrainJob] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [deleting, setDeleting] = useState<string | null>(null);

  const save = (): void => {
    const checked = toReportSpec(form);
    const issues = [...(name.trim() === '' ? ['Name the monitor.'] : []), ...checked.problems.map((p) => `Report form: ${p}`)];
    setProblems(issues);
    if (!checked.spec || issues.length > 0) return;
    const spec = checked.spec;
    void act(async () => {
      await client.call('monitoring.saveMonitor', { name: name.trim(), spec, schedule: schedule.trim() === '' ? null : schedule.trim(), enabled, retrainJob: retrainJob === '' ? null : retrainJob });
      monitors.reload();
    }, `Monitor ${name.trim()} saved.`);
  };
  const runNow = (monitor: string): void => {
    void act(async () => {
      const answer = await client.call('monitoring.runMonitor', { name: monitor });
      monitors.reload();
      alerts.reload();
      onOpenReport(answer.reportId);
    });
  };
  const remove = (monitor: string): void => {
    void act(async () => {
      await client.call('monitoring.deleteMonitor', { name: monitor });
      setDeleting(null);
      monitors.reload();
    }, `Monitor ${monitor} deleted.`);
  };
  const acknowledge = (alert: string): void => {
    void act(async () => {
      await client.call('monitoring.acknowledge', { id: alert });
      alerts.reload();
    });
  };

  return (
    <div className="mon-column">
      <form
        className="mon-section"
        aria-labelledby={`${id}-title`}
        data-testid="mon-monitor-form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <h2 id={`${id}-title`}>Save the New report form as a monitor</h2>
        <div className="mon-row">
          <div className="mon-field">
            <label htmlFor={`${id}-name`}>Monitor name</label>
            <input id={`${id}-name`} value={name} maxLength={100} onChange={(event) => setName(event.target.value)} data-testid="mon-monitor-name" />
          </div>
          <div className="mon-field">
            <label htmlFor={`${id}-cron`}>Cron schedule (empty: only on demand)</label>
            <input id={`${id}-cron`} className="mon-code" value={schedule} spellCheck={false} onChange={(event) => setSchedule(event.target.value)} data-testid="mon-monitor-schedule" />
          </div>
          <div className="mon-field">
            <label htmlFor={`${id}-job`}>Retrain with (when it alerts)</label>
            <select id={`${id}-job`} value={retrainJob} onChange={(event) => setRetrainJob(event.target.value)} data-testid="mon-monitor-job">
              <option value="">No retraining</option>
              {(jobs.value ?? []).map((j) => (
                <option key={j.name} value={j.name}>
                  {j.name}
                </option>
              ))}
            </select>
          </div>
          <label className="mon-check mon-align">
            <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} data-testid="mon-monitor-enabled" />
            Enabled
          </label>
        </div>
        {problems.length > 0 && (
          <ul className="mon-problems" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div className="mon-actions">
          <button type="submit" disabled={busy} data-testid="mon-monitor-save">
            Save monitor
          </button>
        </div>
      </form>
      <section className="mon-section" aria-label="Monitors" data-testid="mon-monitors">
        <h2>Monitors</h2>
        {monitors.failure && <p className="mon-problem">The monitors could not be read: {monitors.failure}</p>}
        {monitors.value?.length === 0 && <p className="mon-soft">No monitors yet.</p>}
        {(monitors.value?.length ?? 0) > 0 && (
          <table className="mon-table" aria-label="Monitors list">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Schedule</th>
                <th scope="col">Next run</th>
                <th scope="col">Retrain job</th>
                <th scope="col">Last report</th>
                <th scope="col">
                  <span className="mon-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(monitors.value ?? []).map((m) => (
                <tr key={m.name} data-testid="mon-monitor-row" data-name={m.name}>
                  <th scope="row">
                    {m.name}
                    {!m.enabled && <span className="mon-soft"> (disabled)</span>}
                  </th>
                  <td className="mon-code">{m.schedule ?? 'on demand'}</td>
                  <td>{m.nextRunAt === null ? '—' : new Date(m.nextRunAt).toLocaleString()}</td>
                  <td>{m.retrainJob ?? '—'}</td>
                  <td>
                    {m.lastReportId ? (
                      <button type="button" className="mon-link" onClick={() => onOpenReport(m.lastReportId ?? '')}>
                        Open
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="mon-actions-cell">
                    <button type="button" className="mon-small" disabled={busy} onClick={() => runNow(m.name)} data-testid="mon-monitor-run">
                      Run now
                    </button>
                    <button type="button" className="mon-small" disabled={busy} onClick={() => setDeleting(m.name)} data-testid="mon-monitor-delete">
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="mon-section" aria-label="Alerts" data-testid="mon-alerts">
        <h2>Alerts</h2>
        {alerts.value?.length === 0 && <p className="mon-soft">No alerts.</p>}
        <ul className="mon-alert-list">
          {(alerts.value ?? []).map((a) => (
            <li key={a.id} className={a.acknowledged ? 'mon-alert mon-alert-seen' : 'mon-alert'} data-testid="mon-alert" data-acknowledged={a.acknowledged ? 'yes' : 'no'}>
              <span className="mon-soft">{new Date(a.at).toLocaleString()}</span>
              {a.monitor && <strong>{a.monitor}</strong>}
              <span>{a.message}</span>
              {a.retrainRunId && (
                <span data-testid="mon-alert-run">
                  retraining run <code>{a.retrainRunId}</code>
                </span>
              )}
              <button type="button" className="mon-link" onClick={() => onOpenReport(a.reportId)}>
                Report
              </button>
              {!a.acknowledged && (
                <button type="button" className="mon-small" disabled={busy} onClick={() => acknowledge(a.id)} data-testid="mon-alert-ack">
                  Acknowledge
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      {deleting && (
        <ConfirmDialog title={`Delete the monitor ${deleting}?`} confirm="Delete" busy={busy} onConfirm={() => remove(deleting)} onClose={() => setDeleting(null)}>
          <p>Its schedule stops; the reports it made stay.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
