import { useCallback, useEffect, useState } from 'react';
import type { WorkbenchClient } from '../../../shared/client';
import { useBackend } from './backend';

export interface BackendValue<T> {
  /** Null until the first answer. */
  value: T | null;
  /** Why the value could not be read, until a retry works. */
  failure: string | null;
  reload: () => void;
  /** A fresher value from another call's answer. */
  accept: (value: T) => void;
}

/**
 * A value read from the backend for the open workspace: read again for
 * another workspace, after a reconnect and on `reload`; kept current between
 * reads by `subscribe` (an event carrying the new value), when given.
 * `read` and `subscribe` must be stable (module-level functions).
 */
export function useBackendValue<T>(read: (client: WorkbenchClient) => Promise<T>, subscribe?: (client: WorkbenchClient, set: (value: T) => void) => () => void): BackendValue<T> {
  const { client, workspace } = useBackend();
  const [value, setValue] = useState<T | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const workspacePath = workspace?.path ?? null;

  useEffect(() => {
    let live = true;
    const fresh = (next: T): void => {
      if (!live) return;
      setValue(next);
      setFailure(null);
    };
    const load = (): void => {
      read(client).then(fresh, (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)));
    };
    load();
    const stopEvents = subscribe?.(client, fresh);
    const stopConnection = client.onConnectionChange((state) => state === 'connected' && load());
    return () => {
      live = false;
      stopEvents?.();
      stopConnection();
    };
  }, [client, attempt, workspacePath, read, subscribe]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { value, failure, reload, accept: setValue };
}
