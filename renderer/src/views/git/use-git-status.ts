import type { WorkbenchClient } from '../../../../shared/client';
import type { GitStatus } from '../../../../shared/contract';
import { useBackendValue, type BackendValue } from '../../app/use-backend-value';

export type GitStatusValue = BackendValue<GitStatus>;

const read = (client: WorkbenchClient): Promise<GitStatus> => client.call('git.status', {});
const subscribe = (client: WorkbenchClient, set: (value: GitStatus) => void): (() => void) => client.on('git.changed', set);

/** The repository's status, kept current by `git.changed` events; panels call `reload()` after outside edits. */
export function useGitStatus(): GitStatusValue {
  return useBackendValue(read, subscribe);
}
