import type { WorkbenchClient } from '../../../../../shared/client';
import type { JupyterStatus } from '../../../../../shared/contract';
import { useBackendValue } from '../../../app/use-backend-value';

export interface JupyterState {
  status: JupyterStatus | null;
  /** Why the status could not be read, until a retry works. */
  failure: string | null;
  reload: () => void;
  /** A fresher status from a call's answer. */
  accept: (status: JupyterStatus) => void;
}

const readStatus = (client: WorkbenchClient): Promise<JupyterStatus> => client.call('jupyter.status', {});
const onChanged = (client: WorkbenchClient, set: (status: JupyterStatus) => void): (() => void) => client.on('jupyter.changed', set);

/** Jupyter's status for the workspace: read once, then kept current by `jupyter.changed`. */
export function useJupyter(): JupyterState {
  const { value, ...rest } = useBackendValue(readStatus, onChanged);
  return { status: value, ...rest };
}
