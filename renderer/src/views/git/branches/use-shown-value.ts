import { useCallback, useEffect, useState } from 'react';
import type { WorkbenchClient } from '../../../../../shared/client';
import { useBackend } from '../../../app/backend';

export interface ShownValue<T> {
  /** The latest answer, kept on screen while a newer one is read; null until the first. */
  value: T | null;
  failure: string | null;
  loading: boolean;
  reload: () => void;
  /** A fresher value from another call's answer (most git.* changes answer with the new refs or remotes). */
  accept: (value: T) => void;
}

/**
 * A value a panel reads from the backend each time it is shown, and again
 * when `key` changes while it is (e.g. HEAD moved). `read` must be stable.
 */
export function useShownValue<T>(read: (client: WorkbenchClient) => Promise<T>, active: boolean, key: string): ShownValue<T> {
  const { client } = useBackend();
  const [answer, setAnswer] = useState<{ want: string; value: T | null; failure: string | null } | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  // Counted while rendering (React's pattern for reacting to a prop change), so each showing reads afresh.
  const [activations, setActivations] = useState(active ? 1 : 0);
  const [wasActive, setWasActive] = useState(active);
  if (active !== wasActive) {
    setWasActive(active);
    if (active) setActivations((n) => n + 1);
  }
  const want = `${key}|${activations}|${refreshes}`;

  useEffect(() => {
    if (!active) return;
    let live = true;
    read(client).then(
      (value) => live && setAnswer({ want, value, failure: null }),
      (error: unknown) => live && setAnswer((previous) => ({ want, value: previous?.value ?? null, failure: error instanceof Error ? error.message : String(error) })),
    );
    return () => {
      live = false;
    };
  }, [client, read, active, want]);

  const reload = useCallback(() => setRefreshes((n) => n + 1), []);
  const accept = useCallback((value: T) => setAnswer((previous) => ({ want: previous?.want ?? '', value, failure: null })), []);
  return { value: answer?.value ?? null, failure: answer?.failure ?? null, loading: active && answer?.want !== want, reload, accept };
}
