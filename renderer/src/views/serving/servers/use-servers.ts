import { useCallback, useEffect, useState } from 'react';
import type { ModelServer } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { throttle } from '../../experiments/runs/throttle';
import { detectSwaps, recordSwaps, type Swap } from './swaps';

/** How often request events may read the list again, for the request and error counts. */
const COUNTS_REFRESH_MS = 1000;

export interface ServersState {
  /** Null until the first answer. */
  servers: ModelServer[] | null;
  failure: string | null;
  /** The latest alias swap of each served model, by `swapKey`. */
  swaps: ReadonlyMap<string, Swap>;
  /** A server the backend just answered with (started), shown before the next read. */
  accept: (server: ModelServer) => void;
  /** A server just stopped. */
  forget: (id: string) => void;
}

/**
 * The running model servers: read again when one starts, stops or swaps a
 * model in (`serving.changed`), and at most once a second while requests
 * come in, for their counts. Versions that change between reads are swaps.
 */
export function useServers(): ServersState {
  const { client, workspace } = useBackend();
  const [servers, setServers] = useState<ModelServer[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [swaps, setSwaps] = useState<ReadonlyMap<string, Swap>>(new Map());
  const workspacePath = workspace?.path ?? null;

  useEffect(() => {
    let live = true;
    let previous: ModelServer[] | null = null;
    const load = (): void => {
      client.call('serving.servers', {}).then(
        (list) => {
          if (!live) return;
          const found = previous === null ? [] : detectSwaps(previous, list, Date.now());
          previous = list;
          setServers(list);
          setFailure(null);
          setSwaps((known) => recordSwaps(known, found, list));
        },
        (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
      );
    };
    const counts = throttle(load, COUNTS_REFRESH_MS);
    load();
    const stopChanged = client.on('serving.changed', load);
    const stopRequests = client.on('serving.request', counts.call);
    const stopConnection = client.onConnectionChange((state) => state === 'connected' && load());
    return () => {
      live = false;
      counts.cancel();
      stopChanged();
      stopRequests();
      stopConnection();
    };
  }, [client, workspacePath]);

  const accept = useCallback((server: ModelServer) => setServers((list) => [...(list ?? []).filter((s) => s.id !== server.id), server]), []);
  const forget = useCallback((id: string) => setServers((list) => (list ?? []).filter((s) => s.id !== id)), []);
  return { servers, failure, swaps, accept, forget };
}
