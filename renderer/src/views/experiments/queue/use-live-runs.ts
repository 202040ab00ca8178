import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunDetail, TrackingChange } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { mergeHistory, mergePoints, type MetricSeries } from './live-metrics';

export interface LiveRun {
  metrics: MetricSeries;
  /** Tags (`workbench.backend`, `workbench.device`), status and final metrics; null until read. */
  detail: RunDetail | null;
}

export const backendTag = 'workbench.backend';
export const deviceTag = 'workbench.device';

/** Details are read again at most this often while a run logs (for tags set once training starts). */
const DETAIL_INTERVAL_MS = 2000;

const emptyRun: LiveRun = { metrics: {}, detail: null };

interface KnownDetail {
  detail?: RunDetail;
  readAt: number;
  pending: boolean;
  /** The status the latest event gave: a read answered before it is read again. */
  seenStatus?: RunDetail['status'];
  rereads?: number;
}

const MAX_REREADS = 3;
const REREAD_DELAY_MS = 300;

function needsDetail(known: KnownDetail | undefined, change: TrackingChange): boolean {
  if (!known) return true;
  if (known.pending) return false;
  if (!known.detail || known.detail.status !== change.status) return true;
  return known.detail.tags[backendTag] === undefined && Date.now() - known.readAt > DETAIL_INTERVAL_MS;
}

/**
 * Live metric histories and details of the watched runs: the history is
 * read once when a run is first watched, then `tracking.changed` events add
 * their points as they come.
 */
export function useLiveRuns(runIds: readonly string[]): ReadonlyMap<string, LiveRun> {
  const { client } = useBackend();
  const [runs, setRuns] = useState<ReadonlyMap<string, LiveRun>>(new Map());
  // Kept beside the state for the event handler, which must decide without a render.
  const details = useRef(new Map<string, KnownDetail>());
  const key = [...new Set(runIds)].sort().join(',');

  useEffect(() => {
    const ids = new Set(key === '' ? [] : key.split(','));
    const patch = (runId: string, change: (run: LiveRun) => LiveRun): void => setRuns((current) => new Map(current).set(runId, change(current.get(runId) ?? emptyRun)));
    const readDetail = (runId: string): void => {
      const known = details.current.get(runId);
      details.current.set(runId, { ...known, readAt: Date.now(), pending: true });
      client.call('tracking.run', { runId }).then(
        (detail) => {
          const { seenStatus, rereads = 0 } = details.current.get(runId) ?? {};
          const stale = seenStatus !== undefined && seenStatus !== detail.status && rereads < MAX_REREADS;
          details.current.set(runId, { detail, readAt: Date.now(), pending: false, seenStatus, rereads: stale ? rereads + 1 : 0 });
          patch(runId, (run) => ({ ...run, detail }));
          // An event came while this was read: read once more, shortly, for the state it announced.
          if (stale) setTimeout(() => readDetail(runId), REREAD_DELAY_MS);
        },
        () => details.current.set(runId, { ...details.current.get(runId), readAt: Date.now(), pending: false }),
      );
    };
    for (const runId of ids) {
      if (details.current.has(runId)) continue;
      readDetail(runId);
      client.call('tracking.metricHistory', { runId, keys: [] }).then((history) => patch(runId, (run) => ({ ...run, metrics: mergeHistory(run.metrics, history) })), () => undefined);
    }
    return client.on('tracking.changed', (change) => {
      if (!ids.has(change.runId)) return;
      if (change.metrics.length > 0) patch(change.runId, (run) => ({ ...run, metrics: mergePoints(run.metrics, change.metrics) }));
      const known = details.current.get(change.runId);
      if (known) known.seenStatus = change.status;
      if (needsDetail(known, change)) readDetail(change.runId);
    });
  }, [client, key]);

  return useMemo(() => {
    const ids = key === '' ? [] : key.split(',');
    return new Map(ids.map((runId) => [runId, runs.get(runId) ?? emptyRun]));
  }, [runs, key]);
}
