import { useState } from 'react';
import type { QueueEntry } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { ConfirmDialog } from '../../git/ConfirmDialog';
import { QueueEntryCard } from './QueueEntryCard';
import { useLiveRuns } from './use-live-runs';
import { useTrainingQueue } from './use-training-queue';

/** The newest entries that have started keep their curves shown after they end. */
const CHARTED = 3;
const SHOWN = 15;

/** Which runs to follow live: everything running, and the newest few that have started. */
export function chartedRuns(entries: readonly QueueEntry[]): string[] {
  const started = entries.filter((e) => e.state !== 'queued');
  return [...new Set([...started.filter((e) => e.state === 'running'), ...started.slice(0, CHARTED)].map((e) => e.runId))];
}

interface Props {
  /** The entry just queued from the form, drawn out until it is seen. */
  highlight: string | null;
  onOpenRun: (runId: string) => void;
}

/** The training queue: queued, running and recent runs, with live progress, curves, backend and device. */
export function QueuePanel({ highlight, onOpenRun }: Props) {
  const { client } = useBackend();
  const { reportError, inform } = useNotices();
  const { entries, jobs, accept } = useTrainingQueue();
  const live = useLiveRuns(chartedRuns(entries ?? []));
  const [confirmCancel, setConfirmCancel] = useState<QueueEntry | null>(null);
  const [showAll, setShowAll] = useState(false);

  const cancel = (entry: QueueEntry): void => {
    setConfirmCancel(null);
    client.call('training.cancel', { queueId: entry.id }).then(accept, reportError);
  };
  const retry = (entry: QueueEntry): void => {
    client.call('training.retry', { queueId: entry.id }).then(() => inform(`Queued “${entry.title}” again, as a new run.`), reportError);
  };

  const list = entries ?? [];
  const shown = showAll ? list : list.slice(0, SHOWN);
  const running = list.filter((e) => e.state === 'running').length;
  const queued = list.filter((e) => e.state === 'queued').length;

  return (
    <section className="xp-queue" aria-labelledby="xp-queue-title" data-testid="training-queue">
      <h2 id="xp-queue-title">
        Training queue
        <span className="xp-soft xp-queue-counts">{entries === null ? ' · loading…' : ` · ${running} running, ${queued} queued`}</span>
      </h2>
      {entries !== null && list.length === 0 && <p className="xp-hint">Nothing yet. Started runs wait here for their turn and train one at a time, off the main thread.</p>}
      <ul className="xp-entries">
        {shown.map((entry) => (
          <QueueEntryCard
            key={entry.id}
            entry={entry}
            job={entry.jobId === null ? undefined : jobs.get(entry.jobId)}
            live={live.get(entry.runId)}
            highlighted={entry.id === highlight}
            onCancel={() => (entry.state === 'running' ? setConfirmCancel(entry) : cancel(entry))}
            onRetry={() => retry(entry)}
            onOpenRun={() => onOpenRun(entry.runId)}
          />
        ))}
      </ul>
      {list.length > SHOWN && (
        <button type="button" className="link-button" onClick={() => setShowAll(!showAll)}>
          {showAll ? 'Show fewer' : `Show all ${list.length}`}
        </button>
      )}
      {confirmCancel && (
        <ConfirmDialog title={`Stop “${confirmCancel.title}”?`} confirm="Stop training" onConfirm={() => cancel(confirmCancel)} onClose={() => setConfirmCancel(null)}>
          <p>The run stops now and ends as killed. What it has logged so far stays in the tracking store.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
