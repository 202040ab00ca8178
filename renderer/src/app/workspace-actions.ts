import { useCallback, useMemo } from 'react';
import type { WorkspaceInfo, WorkspaceUsage } from '../../../shared/contract';
import { formatBytes } from '../shell/format';
import { useBackend } from './backend';
import { useNotices } from './notices';

export interface WorkspaceActions {
  open: (path: string) => Promise<WorkspaceInfo | null>;
  create: (path: string) => Promise<WorkspaceInfo | null>;
  /** Native folder picker (desktop app); resolves null when cancelled or unavailable. */
  browse: (title: string) => Promise<string | null>;
  measureUsage: () => Promise<WorkspaceUsage | null>;
}

/** What the workspace view, the menus and the command palette do; errors become notices. */
export function useWorkspaceActions(): WorkspaceActions {
  const { client } = useBackend();
  const { reportError, inform } = useNotices();
  const attempt = useCallback(
    async <T,>(work: () => Promise<T>): Promise<T | null> => {
      try {
        return await work();
      } catch (error) {
        reportError(error);
        return null;
      }
    },
    [reportError],
  );
  return useMemo(
    () => ({
      open: (path) => attempt(() => client.call('workspace.open', { path })),
      create: (path) => attempt(() => client.call('workspace.create', { path })),
      browse: async (title) => (await attempt(() => client.call('host.pickFolder', { title })))?.path ?? null,
      measureUsage: async () => {
        const usage = await attempt(() => client.runJob('workspace.usage', {}));
        if (usage) inform(`The workspace holds ${formatBytes(usage.totalBytes)} in ${usage.files.toLocaleString()} files.`);
        return usage;
      },
    }),
    [attempt, client, inform],
  );
}
