import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { WorkbenchClient } from '../../../shared/client';
import type { JobSnapshot, SystemInfo, WorkspaceInfo } from '../../../shared/contract';

interface BackendState {
  client: WorkbenchClient;
  info: SystemInfo | null;
  workspace: WorkspaceInfo | null;
}

const BackendContext = createContext<BackendState | null>(null);

/** Holds the client and the few facts every view needs; kept current by backend events. */
export function BackendProvider({ client, children }: { client: WorkbenchClient; children: ReactNode }) {
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);

  useEffect(() => {
    const load = (): void => {
      client.call('system.info', {}).then(setInfo, () => undefined);
      client.call('workspace.current', {}).then(setWorkspace, () => undefined);
    };
    load();
    const stopWorkspace = client.on('workspace.changed', setWorkspace);
    const stopConnection = client.onConnectionChange((state) => state === 'connected' && load());
    return () => {
      stopWorkspace();
      stopConnection();
    };
  }, [client]);

  return <BackendContext.Provider value={{ client, info, workspace }}>{children}</BackendContext.Provider>;
}

export function useBackend(): BackendState {
  const state = useContext(BackendContext);
  if (!state) throw new Error('useBackend outside BackendProvider');
  return state;
}

export type Health = { state: 'healthy'; version: string } | { state: 'connecting' } | { state: 'unreachable'; reason: string };

const HEALTH_POLL_MS = 5000;

/** Asks `system.health` every few seconds, and at once when the connection changes. */
export function useHealth(client: WorkbenchClient): Health {
  const [health, setHealth] = useState<Health>({ state: 'connecting' });
  useEffect(() => {
    let stopped = false;
    const check = (): void => {
      client.call('system.health', {}).then(
        (answer) => !stopped && setHealth({ state: 'healthy', version: answer.version }),
        (error: unknown) => !stopped && setHealth({ state: 'unreachable', reason: error instanceof Error ? error.message : String(error) }),
      );
    };
    check();
    const timer = setInterval(check, HEALTH_POLL_MS);
    const stop = client.onConnectionChange((state) => (state === 'connected' ? check() : setHealth({ state: 'connecting' })));
    return () => {
      stopped = true;
      clearInterval(timer);
      stop();
    };
  }, [client]);
  return health;
}

/** Every job the backend knows, running ones first; survives reloads since jobs live in the backend. */
export function useJobs(client: WorkbenchClient): JobSnapshot[] {
  const [jobs, setJobs] = useState<Map<string, JobSnapshot>>(new Map());
  useEffect(() => {
    const load = (): void => {
      client.call('jobs.list', {}).then((list) => setJobs(new Map(list.map((job) => [job.id, job]))), () => undefined);
    };
    load();
    const stopEvents = client.on('jobs.changed', (job) => setJobs((current) => new Map(current).set(job.id, job)));
    const stopConnection = client.onConnectionChange((state) => state === 'connected' && load());
    return () => {
      stopEvents();
      stopConnection();
    };
  }, [client]);
  return [...jobs.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}
