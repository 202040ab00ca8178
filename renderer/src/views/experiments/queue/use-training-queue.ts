import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { JobSnapshot, QueueEntry } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';

export interface TrainingQueue {
  /** Newest first; null until the first answer. */
  entries: QueueEntry[] | null;
  /** The runner's job of each running entry (by job id): progress fraction, message and ETA. */
  jobs: ReadonlyMap<string, JobSnapshot>;
  /** Puts an entry the backend answered with (cancel, retry) into the list. */
  accept: (entry: QueueEntry) => void;
}

const newestFirst = (a: QueueEntry, b: QueueEntry): number => b.queuedAt - a.queuedAt;

function upsert(list: QueueEntry[] | null, entry: QueueEntry): QueueEntry[] {
  return [...(list ?? []).filter((e) => e.id !== entry.id), entry].sort(newestFirst);
}

/**
 * The training queue, kept current by `training.queueChanged`, with the
 * progress of each running entry from `jobs.changed`. Read again for another
 * workspace and after a reconnect (events sent meanwhile are lost).
 */
export function useTrainingQueue(): TrainingQueue {
  const { client, workspace } = useBackend();
  const { reportError } = useNotices();
  const [entries, setEntries] = useState<QueueEntry[] | null>(null);
  const [jobs, setJobs] = useState<ReadonlyMap<string, JobSnapshot>>(new Map());
  const workspacePath = workspace?.path;
  // reportError changes with every notice; that must not read the queue again.
  const report = useEffectEvent((error: unknown) => reportError(error));

  useEffect(() => {
    if (workspacePath === undefined) return;
    let live = true;
    const load = (): void => {
      client.call('training.queue', {}).then(
        (list) => live && setEntries([...list].sort(newestFirst)),
        (error: unknown) => {
          if (!live) return;
          setEntries([]);
          report(error);
        },
      );
      client.call('jobs.list', {}).then((list) => live && setJobs(new Map(list.map((job) => [job.id, job]))), () => undefined);
    };
    load();
    const stopQueue = client.on('training.queueChanged', (entry) => setEntries((list) => upsert(list, entry)));
    const stopJobs = client.on('jobs.changed', (job) => setJobs((current) => new Map(current).set(job.id, job)));
    const stopConnection = client.onConnectionChange((state) => state === 'connected' && load());
    return () => {
      live = false;
      stopQueue();
      stopJobs();
      stopConnection();
    };
  }, [client, workspacePath]);

  const accept = useCallback((entry: QueueEntry): void => setEntries((list) => upsert(list, entry)), []);
  return { entries: workspacePath === undefined ? [] : entries, jobs, accept };
}
