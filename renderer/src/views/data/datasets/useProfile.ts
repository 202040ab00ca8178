import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress, Profile } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';

/** What to profile: a dataset (by name or id) or the result of a single SELECT. */
export type ProfileSource = { dataset: string } | { resultId: string };

export interface ProfileRun {
  profile: Profile | null;
  /** The job's progress while it runs; null when idle. */
  progress: JobProgress | null;
  /** The target column of the running profile, else of the shown one. */
  target: string | null;
  run: (options: { target: string | null; refresh?: boolean }) => void;
  cancel: () => void;
}

interface Running {
  key: string;
  progress: JobProgress;
  target: string | null;
}

/**
 * Profiles one dataset or query result as a cancellable job. A new run
 * supersedes a running one (its cancellation is not reported); a change of
 * source or unmounting cancels it, and a profile is only shown for its source.
 */
export function useProfile(source: ProfileSource): ProfileRun {
  const { client } = useBackend();
  const { reportError } = useNotices();
  // Callers pass a fresh object each render: depend on the strings inside it.
  const dataset = 'dataset' in source ? source.dataset : undefined;
  const resultId = 'resultId' in source ? source.resultId : undefined;
  const key = dataset !== undefined ? `dataset:${dataset}` : `result:${resultId}`;
  const [shown, setShown] = useState<{ key: string; profile: Profile } | null>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const current = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      const controller = current.current;
      current.current = null;
      controller?.abort();
      // The aborted run no longer clears its progress (it is not current), so clear it here.
      setRunning(null);
    },
    [key],
  );

  const run = useCallback(
    ({ target: wanted, refresh = false }: { target: string | null; refresh?: boolean }) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      const mine = (): boolean => current.current === controller;
      setRunning({ key, target: wanted, progress: { fraction: null, message: 'Starting', etaSeconds: null } });
      const what = dataset !== undefined ? { dataset } : { resultId };
      client
        .runJob('data.profile', { ...what, refresh, ...(wanted === null ? {} : { targetColumn: wanted }) }, {
          signal: controller.signal,
          onProgress: (snapshot) => mine() && snapshot.state === 'running' && setRunning({ key, target: wanted, progress: snapshot.progress }),
        })
        .then(
          (result) => mine() && setShown({ key, profile: result }),
          (error: unknown) => mine() && reportError(error),
        )
        .finally(() => {
          if (!mine()) return;
          current.current = null;
          setRunning(null);
        });
    },
    [client, dataset, resultId, key, reportError],
  );

  const cancel = useCallback(() => current.current?.abort(), []);
  const profile = shown?.key === key ? shown.profile : null;
  const active = running?.key === key ? running : null;
  const target = active === null ? (profile?.target?.column ?? null) : active.target;
  return { profile, progress: active?.progress ?? null, target, run, cancel };
}
