import { useCallback, useEffect, useRef, type Dispatch, type RefObject } from 'react';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import type { DocAction, DocState } from '../document/notebook-doc';
import { applyMessage, displayUpdate, notRunning, queued, ranEmpty } from './cell-updates';
import { enqueue, findRun, replyStatus, settle, type QueuedRun } from './run-queue';
import type { KernelControls } from './use-kernel';
import { useKernelName } from './use-kernel-name';

export interface Runner {
  /** Runs these cells in order (code cells only; the others are skipped). */
  run: (keys: readonly string[]) => Promise<void>;
}

/**
 * Sends cells to the kernel and routes what comes back: each run has its own
 * requestId, and `kernels.message` events find their cell by it. Displays
 * updated by id may live in any cell, so those go to every cell.
 * `kernelsLoading`: the server's kernel list is still loading (see useKernelName).
 */
export function useRunner(docRef: RefObject<DocState>, dispatch: Dispatch<DocAction>, kernel: KernelControls, kernelName: string | null, kernelsLoading: boolean): Runner {
  const { client } = useBackend();
  const kernelToRun = useKernelName(kernelName, kernelsLoading);
  const { reportError } = useNotices();
  const queue = useRef<QueuedRun[]>([]);
  const batches = useRef(0);
  // Resolved when a run is over (its reply came, or it was stopped), so a batch can send its next cell.
  const finished = useRef(new Map<string, () => void>());
  // Only the stable parts of `kernel`: its state flips at every run, and `run` must not.
  const { sessionRef, ensure } = kernel;

  const over = useCallback((requestId: string) => {
    finished.current.get(requestId)?.();
    finished.current.delete(requestId);
  }, []);

  const stop = useCallback(
    (runs: readonly QueuedRun[]) => {
      for (const run of runs) {
        dispatch({ type: 'update', key: run.key, update: notRunning, dirty: false });
        over(run.requestId);
      }
    },
    [dispatch, over],
  );

  useEffect(
    () =>
      client.on('kernels.message', (message) => {
        if (message.sessionId !== sessionRef.current?.sessionId) return;
        const everywhere = displayUpdate(message);
        if (everywhere) dispatch({ type: 'updateAll', update: everywhere, dirty: true });
        const run = findRun(queue.current, message.requestId);
        if (!run) return;
        if (message.type === 'reply') {
          const settled = settle(queue.current, run.requestId, replyStatus(message.content));
          queue.current = settled.queue;
          stop(settled.stopped);
        }
        dispatch({ type: 'update', key: run.key, update: applyMessage(message), dirty: message.type !== 'execute_input' });
        if (message.type === 'reply') over(run.requestId);
      }),
    [client, dispatch, over, sessionRef, stop],
  );

  // A restarted, dead or shut-down kernel answers nothing more for the runs it had.
  const state = kernel.session?.state ?? 'none';
  useEffect(() => {
    if (state === 'restarting' || state === 'autorestarting' || state === 'dead' || state === 'none') {
      stop(queue.current);
      queue.current = [];
    }
  }, [state, stop]);

  const run = useCallback(
    async (keys: readonly string[]) => {
      const wanted = new Set(keys);
      const cells = docRef.current.cells.filter((c) => wanted.has(c.key) && c.cell.cell_type === 'code');
      const empty = cells.filter((c) => c.cell.source.trim() === '');
      const toRun = cells.filter((c) => c.cell.source.trim() !== '').map((c) => ({ key: c.key, code: c.cell.source }));
      for (const cell of empty) dispatch({ type: 'update', key: cell.key, update: ranEmpty, dirty: true });
      if (toRun.length === 0) return;
      for (const cell of toRun) dispatch({ type: 'update', key: cell.key, update: queued, dirty: true });

      let sessionId: string;
      try {
        const name = await kernelToRun();
        if (!name) throw new Error('No kernel to run the cells on: choose one, or start or connect a Jupyter server first.');
        sessionId = (await ensure(name)).sessionId;
      } catch (error) {
        reportError(error);
        for (const cell of toRun) dispatch({ type: 'update', key: cell.key, update: notRunning, dirty: false });
        return;
      }

      batches.current += 1;
      const runs = toRun.map((cell) => ({ requestId: crypto.randomUUID(), key: cell.key, batch: batches.current }));
      queue.current = enqueue(queue.current, runs);
      // Each cell goes once the one before has finished. Sending them all at once
      // would let the kernel queue them, but ipykernel aborts only the requests it
      // already holds when a cell fails: a later one, a moment behind, would still run.
      for (const [index, one] of runs.entries()) {
        if (!findRun(queue.current, one.requestId)) break; // stopped: an earlier cell failed
        const done = new Promise<void>((resolve) => finished.current.set(one.requestId, resolve));
        try {
          await client.call('kernels.execute', { sessionId, code: toRun[index]?.code ?? '', requestId: one.requestId });
        } catch (error) {
          reportError(error);
          const settled = settle(queue.current, one.requestId, 'error');
          queue.current = settled.queue;
          stop([one, ...settled.stopped]);
          break;
        }
        if (index < runs.length - 1) await done;
      }
    },
    [client, dispatch, docRef, ensure, kernelToRun, reportError, stop],
  );

  return { run };
}
