import { useEffect, useState } from 'react';
import type { JupyterStatus } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import type { SpecsState } from './kernel-specs';

/** The kernel specs of the server in use, read again whenever that server or its state changes. */
export function useKernelSpecs(status: JupyterStatus | null): SpecsState {
  const { client } = useBackend();
  const [answer, setAnswer] = useState<{ server: string; specs: SpecsState } | null>(null);
  const active = status?.servers.find((s) => s.id === status.activeId) ?? null;
  const running = active?.state === 'running' ? active.id : null;

  useEffect(() => {
    if (running === null) return;
    let live = true;
    client.call('kernels.specs', {}).then(
      (result) => live && setAnswer({ server: running, specs: { status: 'ready', defaultName: result.defaultName, specs: result.specs } }),
      (error: unknown) => live && setAnswer({ server: running, specs: { status: 'error', message: error instanceof Error ? error.message : String(error) } }),
    );
    return () => {
      live = false;
    };
  }, [client, running]);

  if (!status) return { status: 'loading' };
  if (!active) return { status: 'none' };
  if (active.state === 'starting') return { status: 'loading' };
  if (active.state !== 'running') return { status: 'error', message: active.problem ?? `the server is ${active.state}` };
  return answer?.server === active.id ? answer.specs : { status: 'loading' };
}
