import { useEffect, useState } from 'react';
import type { RunDetail } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { appendPoints, type MetricHistory } from '../runs/metric-series';
import { throttle } from '../runs/throttle';

export interface CompareData {
  /** The runs that could be read, in the order asked. */
  runs: RunDetail[];
  histories: ReadonlyMap<string, MetricHistory>;
  /** One line per run that could not be read. */
  failures: string[];
  loading: boolean;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The runs compared and every step of their metrics, kept current while any of them still runs. */
export function useCompareData(runIds: readonly string[]): CompareData {
  const { client } = useBackend();
  const key = runIds.join(',');
  const [data, setData] = useState<CompareData & { key: string }>({ key: '', runs: [], histories: new Map(), failures: [], loading: true });

  useEffect(() => {
    let live = true;
    const ids = key === '' ? [] : key.split(',');
    const readAll = (): void => {
      void Promise.all(
        ids.map(async (runId) => {
          try {
            const [run, history] = await Promise.all([client.call('tracking.run', { runId }), client.call('tracking.metricHistory', { runId, keys: [] })]);
            return { run, history, failure: null };
          } catch (error) {
            return { run: null, history: null, failure: `${runId}: ${message(error)}` };
          }
        }),
      ).then((answers) => {
        if (!live) return;
        setData({
          key,
          runs: answers.flatMap((answer) => (answer.run ? [answer.run] : [])),
          histories: new Map(answers.flatMap((answer) => (answer.run && answer.history ? [[answer.run.id, answer.history] as const] : []))),
          failures: answers.flatMap((answer) => (answer.failure ? [answer.failure] : [])),
          loading: false,
        });
      });
    };
    readAll();
    // A re-read brings status and latest metrics; points in between are appended as they come.
    const reread = throttle(readAll, 2000);
    const stop = client.on('tracking.changed', (change) => {
      if (!ids.includes(change.runId)) return;
      if (change.metrics.length > 0) {
        setData((current) => {
          const history = current.histories.get(change.runId);
          if (current.key !== key || !history) return current;
          return { ...current, histories: new Map(current.histories).set(change.runId, appendPoints(history, change.metrics)) };
        });
      }
      if (change.kind !== 'updated' || change.status !== 'RUNNING') reread.call();
    });
    return () => {
      live = false;
      reread.cancel();
      stop();
    };
  }, [client, key]);

  return data.key === key ? data : { runs: [], histories: new Map(), failures: [], loading: true };
}
