import { useEffect, useState } from 'react';
import type { ServingRequest } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { LOG_CAP, mergeRequests } from './request-log';

/** Live events are gathered and drawn a few times a second: a load test sends thousands. */
const FLUSH_MS = 250;

/**
 * A server's recent requests, newest first: its history (`serving.requests`)
 * then the live `serving.request` events, at most LOG_CAP kept.
 */
export function useRequestLog(serverId: string | null): ServingRequest[] {
  const { client } = useBackend();
  const [state, setState] = useState<{ serverId: string | null; log: ServingRequest[] }>({ serverId: null, log: [] });

  useEffect(() => {
    if (serverId === null) return;
    let live = true;
    const add = (incoming: readonly ServingRequest[]): void =>
      setState((current) => ({ serverId, log: mergeRequests(current.serverId === serverId ? current.log : [], incoming) }));
    // Listening starts before the history is read, so nothing falls between the two.
    let pending: ServingRequest[] = [];
    const stopEvents = client.on('serving.request', (request) => request.serverId === serverId && pending.push(request));
    const timer = setInterval(() => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      add(batch);
    }, FLUSH_MS);
    const loadHistory = (): void => {
      client.call('serving.requests', { id: serverId, limit: LOG_CAP }).then((history) => live && add(history), () => undefined);
    };
    loadHistory();
    const stopConnection = client.onConnectionChange((connection) => connection === 'connected' && loadHistory());
    return () => {
      live = false;
      clearInterval(timer);
      stopEvents();
      stopConnection();
    };
  }, [client, serverId]);

  return state.serverId === serverId ? state.log : [];
}
