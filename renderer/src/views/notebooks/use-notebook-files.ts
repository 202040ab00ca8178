import type { z } from 'zod';
import type { WorkbenchClient } from '../../../../shared/client';
import type { notebookFileSchema } from '../../../../shared/contract';
import { useBackendValue } from '../../app/use-backend-value';

export type NotebookFile = z.infer<typeof notebookFileSchema>;

export interface NotebookFiles {
  list: NotebookFile[] | null;
  failure: string | null;
  reload: () => void;
}

const readList = (client: WorkbenchClient): Promise<NotebookFile[]> => client.call('notebooks.list', {});

/** The workspace's .ipynb files; read again on reload, after a reconnect, and for another workspace. */
export function useNotebookFiles(): NotebookFiles {
  const { value, failure, reload } = useBackendValue(readList);
  return { list: value, failure, reload };
}
