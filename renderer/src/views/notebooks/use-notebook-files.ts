import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { notebookFileSchema } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';

export type NotebookFile = z.infer<typeof notebookFileSchema>;

export interface NotebookFiles {
  list: NotebookFile[] | null;
  failure: string | null;
  reload: () => void;
}

/** The workspace's .ipynb files; read again on reload, after a reconnect, and for another workspace. */
export function useNotebookFiles(): NotebookFiles {
  const { client, workspace } = useBackend();
  const [list, setList] = useState<NotebookFile[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const workspacePath = workspace?.path ?? null;

  useEffect(() => {
    let live = true;
    const load = (): void => {
      client.call('notebooks.list', {}).then(
        (files) => {
          if (!live) return;
          setList(files);
          setFailure(null);
        },
        (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
      );
    };
    load();
    const stop = client.onConnectionChange((state) => state === 'connected' && load());
    return () => {
      live = false;
      stop();
    };
  }, [client, attempt, workspacePath]);

  return { list, failure, reload: useCallback(() => setAttempt((n) => n + 1), []) };
}
