import { useEffect, useRef } from 'react';
import type { JobSnapshot, QueueEntry } from '../../../../../shared/contract';
import { formatEta } from '../../../shell/format';
import { backendLabel } from '../train/backend-label';
import { LiveChart } from './LiveChart';
import { lastStep, latestFigures, resultFigures } from './live-metrics';
import { backendTag, deviceTag, type LiveRun } from './use-live-runs';

interface Props {
  entry: QueueEntry;
  job: JobSnapshot | undefined;
  live: LiveRun | undefined;
  highlighted: boolean;
  onCancel: () => void;
  onRetry: () => void;
  onOpenRun: () => void;
}

const stateLabels: Record<QueueEntry['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

const retryable = new Set<QueueEntry['state']>(['failed', 'interrupted', 'cancelled']);

const clock = (ms: number): string => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function timing(entry: QueueEntry): string {
  if (entry.startedAt === null) return `queued ${clock(entry.queuedAt)}`;
  if (entry.finishedAt === null) return `started ${clock(entry.startedAt)}`;
  const seconds = Math.max(0, Math.round((entry.finishedAt - entry.startedAt) / 1000));
  return `${clock(entry.startedAt)} · took ${seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`}`;
}

/** What the entry is doing now, in words: the runner's message, else the last epoch logged. */
function progressText(entry: QueueEntry, job: JobSnapshot | undefined, live: LiveRun | undefined): string {
  if (entry.state === 'queued') return 'Waiting for the runs before it';
  const message = job?.state === 'running' ? job.progress.message : '';
  if (message) return message;
  const step = live ? lastStep(live.metrics) : null;
  return step === null ? 'Preparing the data…' : `Epoch ${step}`;
}

/** One queue entry: its state, live progress and curves while it runs, its figures or error after. */
export function QueueEntryCard({ entry, job, live, highlighted, onCancel, onRetry, onOpenRun }: Props) {
  const active = entry.state === 'running' || entry.state === 'queued';
  const fraction = entry.state === 'running' && job?.state === 'running' ? job.progress.fraction : null;
  const eta = entry.state === 'running' && job?.state === 'running' ? formatEta(job.progress.etaSeconds) : '';
  const tags = live?.detail?.tags ?? {};
  const backend = tags[backendTag];
  const figures = live ? latestFigures(live.metrics) : '';
  const result = entry.state === 'succeeded' && live?.detail ? resultFigures(live.detail.metrics) : '';
  const item = useRef<HTMLLIElement>(null);
  // The entry just started from the form: brought into view, wherever the queue has scrolled (or sits below the form).
  useEffect(() => {
    if (highlighted) item.current?.scrollIntoView({ block: 'nearest' });
  }, [highlighted]);

  return (
    <li ref={item} className={`xp-entry xp-entry-${entry.state}${highlighted ? ' xp-entry-new' : ''}`} data-testid="queue-entry" data-state={entry.state} data-run-id={entry.runId} aria-label={`${entry.title}: ${stateLabels[entry.state]}`}>
      <div className="xp-entry-head">
        <span className="xp-entry-title" title={entry.title}>
          {entry.title}
        </span>
        <span className={`xp-state xp-state-${entry.state}`} data-testid="queue-state">
          {stateLabels[entry.state]}
        </span>
      </div>
      <div className="xp-entry-meta">
        {entry.jobName ? `job ${entry.jobName} · ` : ''}
        {entry.trigger} · {timing(entry)}
      </div>
      {active && (
        <div className="xp-entry-progress">
          <progress max={1} value={fraction ?? undefined} aria-label={`Progress of ${entry.title}`} />
          <span data-testid="queue-progress-message">{progressText(entry, job, live)}</span>
          {eta && <span className="xp-soft" data-testid="queue-eta">{eta}</span>}
        </div>
      )}
      {figures && (
        <div className="xp-entry-figures" data-testid="queue-figures">
          {figures}
        </div>
      )}
      {result && (
        <div className="xp-entry-result" data-testid="queue-result">
          Test: {result}
        </div>
      )}
      {backend && (
        <div className="xp-entry-meta" data-testid="queue-backend">
          {backendLabel(backend)}
          {tags[deviceTag] ? ` · ${tags[deviceTag]}` : ''}
        </div>
      )}
      {entry.error && entry.state !== 'succeeded' && (
        <p className="xp-problem" data-testid="queue-error">
          <strong>{entry.error.code}</strong> {entry.error.message}
        </p>
      )}
      {live && entry.state !== 'queued' && <LiveChart series={live.metrics} label={`Training curves of ${entry.title}`} />}
      <div className="xp-entry-actions">
        {active && (
          <button type="button" className="xp-small" onClick={onCancel} data-testid="queue-cancel">
            Cancel
          </button>
        )}
        {retryable.has(entry.state) && (
          <button type="button" className="xp-small" onClick={onRetry} data-testid="queue-retry">
            Retry
          </button>
        )}
        <button type="button" className="xp-small" onClick={onOpenRun} data-testid="queue-open-run">
          Open run
        </button>
      </div>
    </li>
  );
}
