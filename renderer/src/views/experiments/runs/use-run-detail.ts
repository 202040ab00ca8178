import { useEffect, useState } from 'react';
import type { RunDetail } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { appendPoints, type KeyedPoint, type MetricHistory } from './metric-series';
import { throttle } from './throttle';

export interface RunView {
  run: RunDetail | null;
  failure: string | null;
  /** Every step of every metric; null until read. */
  history: MetricHistory | null;
  reload: () => void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One run, kept current while it is open: `tracking.changed` events for it
 * append their metric points to the charts at once and re-read the run
 * (status, latest metrics, tags) at most once a second.
 */
export function useRunDetail(runId: string): RunView {
  const { client } = useBackend();
  const [run, setRun] = useState<RunDetail | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [history, setHistory] = useState<MetricHistory | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    // Points that arrive before the history is read are kept and added to it.
    let early: KeyedPoint[] | null = [];
    const readRun = (): void => {
      client.call('tracking.run', { runId }).then(
        (answer) => {
          if (!live) return;
          setRun(answer);
          setFailure(null);
        },
        (error: unknown) => live && setFailure(message(error)),
      );
    };
    const readHistory = (): void => {
      client.call('tracking.metricHistory', { runId, keys: [] }).then(
        (answer) => {
          if (!live) return;
          setHistory(appendPoints(answer, early ?? []));
          early = null;
        },
        (error: unknown) => live && setFailure(message(error)),
      );
    };
    readRun();
    readHistory();
    const rereadRun = throttle(readRun, 1000);
    const stopEvents = client.on('tracking.changed', (change) => {
      if (change.runId !== runId) return;
      if (change.kind === 'deleted') {
        setFailure('This run was deleted.');
        return;
      }
      if (change.metrics.length > 0) {
        if (early) early.push(...change.metrics);
        else setHistory((current) => current && appendPoints(current, change.metrics));
      }
      rereadRun.call();
    });
    const stopConnection = client.onConnectionChange((state) => {
      if (state !== 'connected') return;
      early = [];
      readRun();
      readHistory();
    });
    return () => {
      live = false;
      rereadRun.cancel();
      stopEvents();
      stopConnection();
    };
  }, [client, runId, attempt]);

  return { run, failure, history, reload: () => setAttempt((n) => n + 1) };
}
