import { useCallback, useMemo, useState } from 'react';
import { isWorkbenchError, type GitStatus } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import type { GitStatusValue } from '../use-git-status';

export interface GitActions {
  /** An action is running: buttons wait for it, so two never race on the index. */
  busy: boolean;
  /** A call said the index is damaged: offer to repair it. */
  indexCorrupt: boolean;
  noteFailure: (error: unknown) => void;
  /** The status could not be read: ask again, quietly, to learn whether the index is what is damaged. */
  probeIndex: () => void;
  stage: (paths: string[]) => Promise<void>;
  unstage: (paths: string[]) => Promise<void>;
  /** Only after the user confirmed; says where the copies went. */
  discard: (paths: string[]) => Promise<void>;
  abortMerge: () => Promise<void>;
  repairIndex: () => Promise<void>;
}

/** The Changes panel's calls: each answers the new status, which the view takes at once. Errors become notices. */
export function useGitActions(status: GitStatusValue): GitActions {
  const { client } = useBackend();
  const { reportError, inform } = useNotices();
  const { accept, reload } = status;
  const [busy, setBusy] = useState(false);
  const [indexCorrupt, setIndexCorrupt] = useState(false);

  const noteFailure = useCallback(
    (error: unknown) => {
      if (isWorkbenchError(error) && error.code === 'git_index_corrupt') setIndexCorrupt(true);
      reportError(error);
    },
    [reportError],
  );

  const run = useCallback(
    async (work: () => Promise<GitStatus>, done?: () => void): Promise<void> => {
      setBusy(true);
      try {
        accept(await work());
        done?.();
      } catch (error) {
        noteFailure(error);
      } finally {
        setBusy(false);
      }
    },
    [accept, noteFailure],
  );

  return useMemo<GitActions>(
    () => ({
      busy,
      indexCorrupt,
      noteFailure,
      probeIndex: () => {
        client.call('git.status', {}).then(accept, (error: unknown) => {
          if (isWorkbenchError(error) && error.code === 'git_index_corrupt') setIndexCorrupt(true);
        });
      },
      stage: (paths) => run(() => client.call('git.stage', { paths })),
      unstage: (paths) => run(() => client.call('git.unstage', { paths })),
      discard: (paths) =>
        run(async () => {
          const answer = await client.call('git.discard', { paths, confirmed: true });
          const what = paths.length === 1 ? paths[0] : `${paths.length} files`;
          inform(answer.backup ? `Discarded the changes to ${what}. A copy was kept in ${answer.backup}.` : `Discarded the changes to ${what}.`);
          return answer.status;
        }),
      abortMerge: () => run(() => client.call('git.abortMerge', {}), () => inform('The merge was aborted; conflicted files were copied to .workbench/backups/merge first.')),
      repairIndex: () =>
        run(
          () => client.call('git.repairIndex', {}),
          () => {
            setIndexCorrupt(false);
            reload(); // clears the failure the status read last
            inform('The index was rebuilt from the last commit; the damaged one was kept in .workbench/backups. Your files were not touched.');
          },
        ),
    }),
    [busy, indexCorrupt, noteFailure, run, client, inform, reload, accept],
  );
}
