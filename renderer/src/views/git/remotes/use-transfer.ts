import { useCallback, useEffect, useRef, useState } from 'react';
import type { TransferResult } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';

export type TransferKind = 'fetch' | 'pull' | 'push';

export interface TransferProgress {
  kind: TransferKind;
  remote: string;
  fraction: number | null;
  message: string;
}

export interface TransferDone {
  kind: TransferKind;
  result: TransferResult;
}

export interface Transfer {
  running: TransferProgress | null;
  done: TransferDone | null;
  start: (kind: TransferKind, remote: string) => void;
  cancel: () => void;
  dismiss: () => void;
}

const jobs = { fetch: 'git.fetch', pull: 'git.pull', push: 'git.push' } as const;

/**
 * One fetch, pull or push at a time, run as a backend job with its progress;
 * Cancel aborts the job through the signal. `onFinished` runs after any end,
 * so the status and the outbound log can be read again.
 */
export function useTransfer(onFinished: (kind: TransferKind) => void): Transfer {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const [running, setRunning] = useState<TransferProgress | null>(null);
  const [done, setDone] = useState<TransferDone | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    (kind: TransferKind, remote: string) => {
      if (controller.current) return;
      const mine = new AbortController();
      controller.current = mine;
      setDone(null);
      setRunning({ kind, remote, fraction: null, message: 'Starting' });
      client
        .runJob(jobs[kind], { remote }, {
          signal: mine.signal,
          onProgress: (snapshot) => snapshot.state === 'running' && setRunning({ kind, remote, fraction: snapshot.progress.fraction, message: snapshot.progress.message }),
        })
        .then(
          (result) => setDone({ kind, result }),
          (error: unknown) => reportError(error),
        )
        .finally(() => {
          controller.current = null;
          setRunning(null);
          onFinished(kind);
        });
    },
    [client, reportError, onFinished],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const dismiss = useCallback(() => setDone(null), []);
  return { running, done, start, cancel, dismiss };
}
