import { useCallback, useEffect, useState } from 'react';
import type { JupyterStatus } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';

export interface JupyterState {
  status: JupyterStatus | null;
  /** Why the status could not be read, until a retry works. */
  failure: string | null;
  reload: () => void;
  /** A fresher status from a call's answer. */
  accept: (status: JupyterStatus) => void;
}

/** Jupyter's status for the workspace: read once, then kept current by `jupyter.changed`. */
export function useJupyter(): JupyterState {
  const { client, workspace } = useBackend();
  const [status, setStatus] = useState<JupyterStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const workspacePath = workspace?.path ?? null;

  useEffect(() => {
    let live = true;
    const load = (): void => {
      client.call('jupyter.status', {}).then(
        (next) => {
          if (!live) return;
          setStatus(next);
          setFailure(null);
        },
        (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
      );
    };
    load();
    const stopEvents = client.on('jupyter.changed', (next) => {
      setStatus(next);
      setFailure(null);
    });
    const stopConnection = client.onConnectionChange((state) => state === 'connected' && load());
    return () => {
      live = false;
      stopEvents();
      stopConnection();
    };
  }, [client, attempt, workspacePath]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { status, failure, reload, accept: setStatus };
}
