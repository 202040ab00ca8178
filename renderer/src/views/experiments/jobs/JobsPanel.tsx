import { useEffect, useEffectEvent, useState } from 'react';
import type { SavedJob } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { ConfirmDialog } from '../../git/ConfirmDialog';
import { linearName } from '../train/form-state';

interface Props {
  active: boolean;
  /** Bumped when a job is saved elsewhere (the Train tab), to read the list again. */
  version: number;
  onEdit: (job: SavedJob) => void;
  onStarted: (queueId: string) => void;
}

const when = (ms: number | null): string => (ms === null ? '—' : new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));

function describe(job: SavedJob): string {
  const { spec } = job;
  const algorithm = spec.algorithm.kind === 'linear' ? linearName(spec.pipeline.task) : `MLP ${spec.algorithm.hiddenLayers.join('×')}`;
  const search = spec.search ? ` · ${spec.search.method === 'tpe' ? 'TPE' : 'random'} search, ${spec.search.trials} trials` : '';
  return `${spec.dataset} → ${spec.pipeline.target} · ${algorithm}${search}`;
}

/** Saved training jobs: their schedules and next runs; run one now, edit it in the Train tab, switch it off, delete it. */
export function JobsPanel({ active, version, onEdit, onStarted }: Props) {
  const { client, workspace } = useBackend();
  const { reportError, inform } = useNotices();
  const [jobs, setJobs] = useState<SavedJob[] | null>(null);
  const [deleting, setDeleting] = useState<SavedJob | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [reads, setReads] = useState(0);
  // reportError changes with every notice; that must not read the list again.
  const report = useEffectEvent((error: unknown) => reportError(error));
  const workspacePath = workspace?.path;
  useEffect(() => {
    // Next-run times move on: the list is read again each time the tab is shown.
    if (!active || workspacePath === undefined) return;
    let live = true;
    client.call('training.jobs', {}).then(
      (list) => live && setJobs([...list].sort((a, b) => a.name.localeCompare(b.name))),
      (error: unknown) => {
        if (!live) return;
        setJobs([]);
        report(error);
      },
    );
    return () => {
      live = false;
    };
  }, [client, active, version, reads, workspacePath]);

  const act = (job: SavedJob, work: () => Promise<unknown>): void => {
    setBusy(job.name);
    work()
      .catch(reportError)
      .finally(() => {
        setBusy(null);
        setReads((n) => n + 1);
      });
  };
  const runNow = (job: SavedJob): void =>
    act(job, async () => {
      const started = await client.call('training.start', { job: job.name, trigger: 'manual' });
      onStarted(started.queueId);
      inform(`Queued the job “${job.name}”.`);
    });
  const setEnabled = (job: SavedJob, enabled: boolean): void => act(job, () => client.call('training.saveJob', { name: job.name, spec: job.spec, schedule: job.schedule, enabled }));
  const remove = (job: SavedJob): void => {
    setDeleting(null);
    act(job, () => client.call('training.deleteJob', { name: job.name }));
  };

  if (jobs === null) return <p className="xp-hint">Loading the saved jobs…</p>;
  return (
    <div className="xp-jobs" data-testid="jobs-panel">
      {jobs.length === 0 ? (
        <p className="xp-hint">No saved jobs. In the Train tab, Save as job keeps the whole setup by name, to run now, on a cron schedule or from the API.</p>
      ) : (
        <table className="xp-table xp-jobs-table" aria-label="Saved training jobs">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">What it trains</th>
              <th scope="col">Schedule</th>
              <th scope="col">Next run</th>
              <th scope="col">Enabled</th>
              <th scope="col">
                <span className="xp-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.name} data-testid="job-row" data-job={job.name}>
                <th scope="row">{job.name}</th>
                <td>{describe(job)}</td>
                <td>{job.schedule ? <code>{job.schedule}</code> : <span className="xp-soft">by hand or API</span>}</td>
                <td>{job.enabled ? when(job.nextRunAt) : <span className="xp-soft">off</span>}</td>
                <td>
                  <input type="checkbox" aria-label={`${job.name} enabled`} checked={job.enabled} disabled={busy === job.name} onChange={(event) => setEnabled(job, event.target.checked)} />
                </td>
                <td className="xp-row-actions">
                  <button type="button" className="xp-small" disabled={busy === job.name} onClick={() => runNow(job)} aria-label={`Run ${job.name} now`}>
                    Run now
                  </button>
                  <button type="button" className="xp-small" onClick={() => onEdit(job)} aria-label={`Edit ${job.name}`}>
                    Edit
                  </button>
                  <button type="button" className="xp-small xp-danger" disabled={busy === job.name} onClick={() => setDeleting(job)} aria-label={`Delete ${job.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete the job “${deleting.name}”?`} confirm="Delete" onConfirm={() => remove(deleting)} onClose={() => setDeleting(null)}>
          <p>Its schedule stops. The runs it made stay in the tracking store.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
