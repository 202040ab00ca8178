import { useCallback, useState } from 'react';
import type { GitRefs, MergeResult } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import type { GitStatusValue } from '../use-git-status';
import type { ShownValue } from './use-shown-value';

export interface MergeOutcome {
  theirs: string;
  into: string;
  result: MergeResult;
}

export interface RefActions {
  /** True while a call runs: the panel's buttons wait for it. */
  busy: boolean;
  merge: MergeOutcome | null;
  dismissMerge: () => void;
  switchTo: (ref: string) => Promise<boolean>;
  /** A remote branch (`origin/feature`): switch to the local branch of that name, made to track it when there is none. */
  switchToRemote: (remoteBranch: string) => Promise<boolean>;
  createBranch: (name: string, from: string | null, checkout: boolean) => Promise<boolean>;
  renameBranch: (from: string, to: string) => Promise<boolean>;
  mergeIntoCurrent: (theirs: string, fastForwardOnly: boolean) => Promise<boolean>;
  createTag: (name: string, ref: string | null, message: string | null) => Promise<boolean>;
  deleteTag: (name: string) => Promise<boolean>;
}

/** The Branches & tags panel's calls: each reports its error and says whether it worked, so a form knows to clear. */
export function useRefActions(refs: ShownValue<GitRefs>, status: GitStatusValue): RefActions {
  const { client } = useBackend();
  const { reportError, inform } = useNotices();
  const [busy, setBusy] = useState(false);
  const [merge, setMerge] = useState<MergeOutcome | null>(null);

  const attempt = useCallback(
    async (work: () => Promise<void>): Promise<boolean> => {
      setBusy(true);
      try {
        await work();
        return true;
      } catch (error) {
        reportError(error);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reportError],
  );

  const switchTo = (ref: string): Promise<boolean> =>
    attempt(async () => {
      const next = await client.call('git.switch', { ref });
      status.accept(next);
      refs.reload();
      inform(next.detached ? `Checked out ${ref}: HEAD is detached (make a branch here to keep new commits).` : `Switched to ${next.branch ?? ref}${next.upstream && next.branch !== ref ? `, tracking ${next.upstream}` : ''}.`);
    });

  return {
    busy,
    merge,
    dismissMerge: () => setMerge(null),
    switchTo,
    // The backend makes (or reuses) the local branch that tracks it, as `git switch` does.
    switchToRemote: switchTo,
    createBranch: (name, from, checkout) =>
      attempt(async () => {
        refs.accept(await client.call('git.createBranch', { name, ...(from ? { from } : {}), checkout }));
        if (checkout) status.reload();
        inform(checkout ? `Created ${name} and switched to it.` : `Created ${name}.`);
      }),
    renameBranch: (from, to) =>
      attempt(async () => {
        refs.accept(await client.call('git.renameBranch', { from, to }));
        status.reload();
      }),
    mergeIntoCurrent: (theirs, fastForwardOnly) =>
      attempt(async () => {
        const into = status.value?.branch ?? 'HEAD';
        setMerge(null);
        const result = await client.call('git.merge', { theirs, fastForwardOnly });
        setMerge({ theirs, into, result });
        status.reload();
        refs.reload();
      }),
    createTag: (name, ref, message) =>
      attempt(async () => {
        refs.accept(await client.call('git.createTag', { name, ...(ref ? { ref } : {}), ...(message ? { message } : {}) }));
        inform(`Tagged ${ref ?? 'HEAD'} as ${name}.`);
      }),
    deleteTag: (name) =>
      attempt(async () => {
        refs.accept(await client.call('git.deleteTag', { name }));
        inform(`Deleted the tag ${name}.`);
      }),
  };
}
