import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { KernelSession } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';

export type KernelAction = 'starting' | 'interrupting' | 'restarting' | 'shutting down' | 'reconnecting';

export interface KernelControls {
  /** The notebook's kernel session, or null when none runs. */
  session: KernelSession | null;
  /** Always current, for code that runs between renders (message routing, completion). */
  sessionRef: RefObject<KernelSession | null>;
  /** The same, as a stable function. */
  currentSession: () => KernelSession | null;
  /** What the user asked of the kernel and is waiting for. */
  pending: KernelAction | null;
  /** The session, started with this kernel when there is none yet. */
  ensure: (kernelName: string) => Promise<KernelSession>;
  interrupt: () => void;
  restart: () => void;
  shutdown: () => Promise<void>;
  reconnect: () => void;
}

/** The kernel of one notebook: found again after a reload, followed through `kernels.status`. */
export function useKernel(path: string): KernelControls {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const [session, setSessionState] = useState<KernelSession | null>(null);
  const [pending, setPending] = useState<KernelAction | null>(null);
  const sessionRef = useRef<KernelSession | null>(null);
  const starting = useRef<Promise<KernelSession> | null>(null);
  // Sessions shut down from here: their last status events must not bring them back.
  const gone = useRef(new Set<string>());

  const setSession = useCallback((next: KernelSession | null) => {
    sessionRef.current = next;
    setSessionState(next);
  }, []);

  useEffect(() => {
    const find = (): void => {
      client.call('kernels.list', {}).then(
        (list) => {
          const mine = list.find((s) => s.path === path && !gone.current.has(s.sessionId)) ?? null;
          // Keep a session started meanwhile; forget one that went away.
          if (mine || !starting.current) setSession(mine);
        },
        () => undefined,
      );
    };
    find();
    const stopStatus = client.on('kernels.status', (next) => {
      if (next.path === path && !gone.current.has(next.sessionId)) setSession(next);
    });
    const stopConnection = client.onConnectionChange((state) => state === 'connected' && find());
    return () => {
      stopStatus();
      stopConnection();
    };
  }, [client, path, setSession]);

  const currentSession = useCallback(() => sessionRef.current, []);

  const ensure = useCallback(
    (kernelName: string): Promise<KernelSession> => {
      const current = sessionRef.current;
      if (current && current.state !== 'dead') return Promise.resolve(current);
      starting.current ??= (async () => {
        setPending('starting');
        try {
          const started = await client.call('kernels.start', { path, kernelName });
          setSession(started);
          return started;
        } finally {
          starting.current = null;
          setPending(null);
        }
      })();
      return starting.current;
    },
    [client, path, setSession],
  );

  const act = useCallback(
    (action: KernelAction, call: (sessionId: string) => Promise<KernelSession | null>): Promise<void> => {
      const current = sessionRef.current;
      if (!current) return Promise.resolve();
      setPending(action);
      return call(current.sessionId).then(
        (next) => {
          setSession(next);
          setPending(null);
        },
        (error: unknown) => {
          setPending(null);
          reportError(error);
        },
      );
    },
    [reportError, setSession],
  );

  const interrupt = useCallback(() => void act('interrupting', (sessionId) => client.call('kernels.interrupt', { sessionId })), [act, client]);
  const restart = useCallback(() => void act('restarting', (sessionId) => client.call('kernels.restart', { sessionId })), [act, client]);
  const reconnect = useCallback(() => void act('reconnecting', (sessionId) => client.call('kernels.reconnect', { sessionId })), [act, client]);
  const shutdown = useCallback(
    () =>
      act('shutting down', (sessionId) => {
        gone.current.add(sessionId);
        return client.call('kernels.shutdown', { sessionId }).then(() => null);
      }),
    [act, client],
  );

  return useMemo(
    () => ({ session, sessionRef, currentSession, pending, ensure, interrupt, restart, shutdown, reconnect }),
    [session, currentSession, pending, ensure, interrupt, restart, shutdown, reconnect],
  );
}
