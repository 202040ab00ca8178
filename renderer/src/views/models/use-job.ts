import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, JobName, ResultOf } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';
import { useNotices } from '../../app/notices';

export interface JobProgressState {
  /** What is being done, for the progress line: "Registering churn". */
  label: string;
  fraction: number | null;
  message: string;
}

export interface JobRunner {
  running: JobProgressState | null;
  /** Runs one job at a time; resolves with its result, or null when it failed (reported) or was cancelled. */
  start: <N extends JobName>(name: N, input: InputOf<N>, label: string) => Promise<ResultOf<N> | null>;
  cancel: () => void;
}

/** A backend job run from a panel, with its progress and a Cancel that aborts it; a job left running is cancelled when the panel goes. */
export function useJob(): JobRunner {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const [running, setRunning] = useState<JobProgressState | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async <N extends JobName>(name: N, input: InputOf<N>, label: string): Promise<ResultOf<N> | null> => {
      if (controller.current) return null;
      const mine = new AbortController();
      controller.current = mine;
      setRunning({ label, fraction: null, message: 'Starting' });
      try {
        return await client.runJob(name, input, {
          signal: mine.signal,
          onProgress: (snapshot) => snapshot.state === 'running' && setRunning({ label, fraction: snapshot.progress.fraction, message: snapshot.progress.message }),
        });
      } catch (error) {
        reportError(error);
        return null;
      } finally {
        controller.current = null;
        setRunning(null);
      }
    },
    [client, reportError],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { running, start, cancel };
}
