import type { JobSnapshot } from '../../../shared/contract';
import { useBackend, useHealth, useJobs } from '../app/backend';
import { useNotices } from '../app/notices';
import { formatEta } from './format';

export function StatusBar({ onWorkspace }: { onWorkspace: () => void }) {
  const { client, workspace, info } = useBackend();
  const health = useHealth(client);
  const running = useJobs(client).filter((job) => job.state === 'running');
  return (
    <footer className="status-bar">
      <button type="button" className="status-item link-button" data-testid="status-workspace" onClick={onWorkspace}>
        {workspace ? workspace.name : 'No workspace'}
      </button>
      <div className="status-jobs" data-testid="status-jobs">
        {running.map((job) => (
          <JobProgress key={job.id} job={job} />
        ))}
      </div>
      <span className={`status-item health health-${health.state}`} data-testid="status-health" title={info ? `${info.mode} mode` : undefined}>
        <span className="dot" aria-hidden="true" />
        {health.state === 'healthy' && `Backend healthy · v${health.version}`}
        {health.state === 'connecting' && 'Connecting to backend…'}
        {health.state === 'unreachable' && `Backend unreachable: ${health.reason}`}
      </span>
    </footer>
  );
}

function JobProgress({ job }: { job: JobSnapshot }) {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const percent = job.progress.fraction === null ? undefined : Math.round(job.progress.fraction * 100);
  return (
    <div className="job" data-testid="job">
      <span className="job-title">{job.title}</span>
      <progress max={100} value={percent} aria-label={job.title} title={job.progress.message} />
      <span className="job-detail">{[percent === undefined ? '' : `${percent}%`, formatEta(job.progress.etaSeconds)].filter(Boolean).join(' · ')}</span>
      <button type="button" className="link-button" onClick={() => void client.call('jobs.cancel', { id: job.id }).catch(reportError)}>
        Cancel
      </button>
    </div>
  );
}
