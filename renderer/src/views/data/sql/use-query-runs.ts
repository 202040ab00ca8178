import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkbenchClient } from '../../../../../shared/client';
import { isWorkbenchError, type QueryResult } from '../../../../../shared/contract';
import type { RunState } from './QueryStatus';
import { locateError, type Runnable } from './sql-text';

export interface TabRun {
  run: RunState;
  result: QueryResult | null;
  /** The result is from an earlier run: the latest failed or was cancelled. */
  stale: boolean;
}

/**
 * Query runs per editor tab: one at a time per tab, cancellable (the signal
 * cancels the backend job, which interrupts DuckDB). A new result replaces the
 * tab's previous one, which the backend is told to forget.
 */
export function useQueryRuns(client: WorkbenchClient) {
  const [runs, setRuns] = useState<Record<string, TabRun>>({});
  const controllers = useRef(new Map<string, AbortController>());
  const resultIds = useRef(new Map<string, string>());

  const update = useCallback((tabId: string, change: (current: TabRun | undefined) => TabRun) => setRuns((all) => ({ ...all, [tabId]: change(all[tabId]) })), []);
  const closeResult = useCallback(
    (tabId: string) => {
      const resultId = resultIds.current.get(tabId);
      resultIds.current.delete(tabId);
      if (resultId) client.call('data.closeResult', { resultId }).catch(() => undefined);
    },
    [client],
  );

  const start = useCallback(
    async (tabId: string, runnable: Runnable): Promise<void> => {
      if (controllers.current.has(tabId)) return;
      const controller = new AbortController();
      controllers.current.set(tabId, controller);
      const startedAt = Date.now();
      const earlier = (current: TabRun | undefined): Pick<TabRun, 'result' | 'stale'> => ({ result: current?.result ?? null, stale: Boolean(current?.result) });
      update(tabId, (current) => ({ result: current?.result ?? null, stale: current?.stale ?? false, run: { state: 'running', startedAt, fraction: null } }));
      try {
        const result = await client.runJob('data.query', { sql: runnable.sql }, {
          signal: controller.signal,
          onProgress: (snapshot) =>
            update(tabId, (current) =>
              current && current.run.state === 'running' ? { ...current, run: { ...current.run, fraction: snapshot.progress.fraction } } : (current ?? { run: { state: 'done' }, result: null, stale: false }),
            ),
        });
        closeResult(tabId);
        resultIds.current.set(tabId, result.resultId);
        update(tabId, () => ({ result, stale: false, run: { state: 'done' } }));
      } catch (error) {
        if (isWorkbenchError(error) && error.code === 'cancelled') {
          update(tabId, (current) => ({ ...earlier(current), run: { state: 'cancelled', seconds: (Date.now() - startedAt) / 1000 } }));
        } else {
          const message = error instanceof Error ? error.message : String(error);
          const code = isWorkbenchError(error) ? error.code : 'internal';
          update(tabId, (current) => ({ ...earlier(current), run: { state: 'failed', code, message, range: locateError(message, runnable) } }));
        }
      } finally {
        controllers.current.delete(tabId);
      }
    },
    [client, closeResult, update],
  );

  const cancel = useCallback((tabId: string) => controllers.current.get(tabId)?.abort(), []);

  /** A closed tab: stop its query and let the backend forget its result. */
  const forget = useCallback(
    (tabId: string) => {
      controllers.current.get(tabId)?.abort();
      closeResult(tabId);
      setRuns(({ [tabId]: _gone, ...rest }) => rest);
    },
    [closeResult],
  );

  // Leaving the Data view unmounts the panel: stop its queries and free their results.
  useEffect(() => {
    const running = controllers.current;
    const kept = resultIds.current;
    return () => {
      for (const controller of running.values()) controller.abort();
      for (const resultId of kept.values()) client.call('data.closeResult', { resultId }).catch(() => undefined);
      kept.clear();
    };
  }, [client]);

  return { runs, start, cancel, forget };
}
