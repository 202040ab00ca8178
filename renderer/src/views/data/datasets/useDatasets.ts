import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { Dataset } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';

export interface DatasetsState {
  /** Null until the first list arrives. */
  datasets: Dataset[] | null;
  /** Puts datasets the backend answered with into the list (added or changed). */
  merge: (changed: readonly Dataset[]) => void;
  forget: (id: string) => void;
}

/** Jobs whose success adds datasets. */
const datasetJobs = new Set(['data.add', 'data.saveResult']);

/** The open workspace's datasets, reloaded when the workspace or the connection changes, or a job adds some. */
export function useDatasets(): DatasetsState {
  const { client, workspace } = useBackend();
  const { reportError } = useNotices();
  const [datasets, setDatasets] = useState<Dataset[] | null>(null);
  // reportError changes with every notice; the list must not reload then.
  const load = useEffectEvent(() => {
    client.call('data.list', {}).then(setDatasets, (error: unknown) => {
      setDatasets([]);
      reportError(error);
    });
  });
  const workspacePath = workspace?.path;
  useEffect(() => {
    if (workspacePath === undefined) return;
    load();
    const stopConnection = client.onConnectionChange((state) => state === 'connected' && load());
    // Datasets also come from elsewhere: the SQL tab saving a result, another window, a script.
    const stopJobs = client.on('jobs.changed', (job) => job.state === 'succeeded' && datasetJobs.has(job.procedure) && load());
    return () => {
      stopConnection();
      stopJobs();
    };
  }, [client, workspacePath]);

  const merge = useCallback((changed: readonly Dataset[]) => {
    setDatasets((list) => {
      const byId = new Map((list ?? []).map((d) => [d.id, d]));
      for (const dataset of changed) byId.set(dataset.id, dataset);
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
    });
  }, []);
  const forget = useCallback((id: string) => setDatasets((list) => (list ?? []).filter((d) => d.id !== id)), []);
  return { datasets: workspacePath === undefined ? [] : datasets, merge, forget };
}
