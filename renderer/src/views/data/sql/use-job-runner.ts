import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobSnapshot } from '../../../../../shared/contract';

export interface JobProgressView {
  running: boolean;
  fraction: number | null;
  message: string;
}

type Start<T> = (options: { signal: AbortSignal; onProgress: (snapshot: JobSnapshot) => void }) => Promise<T>;

/** One job at a time from a form: its progress, and Cancel (which cancels the backend job through the signal). */
export function useJobRunner(): { progress: JobProgressView; run: <T>(start: Start<T>) => Promise<T>; cancel: () => void } {
  const [progress, setProgress] = useState<JobProgressView>({ running: false, fraction: null, message: '' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async <T,>(start: Start<T>): Promise<T> => {
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setProgress({ running: true, fraction: null, message: 'Starting' });
    try {
      return await start({
        signal: mine.signal,
        onProgress: (snapshot) => setProgress({ running: true, fraction: snapshot.progress.fraction, message: snapshot.progress.message }),
      });
    } finally {
      if (controller.current === mine) controller.current = null;
      setProgress({ running: false, fraction: null, message: '' });
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { progress, run, cancel };
}
