import git from 'isomorphic-git';
import { WorkbenchError, type GitStatus } from '../../shared/contract';
import { detachedHead, type RepoContext } from './repo';

export interface CommitRequest {
  message: string;
  amend: boolean;
}

export interface MergeInProgress {
  /** The commit being merged in: the second parent. */
  theirs: string;
  theirsName: string;
}

/**
 * Commits the index: a new commit, an amended one, or the one that concludes
 * a merge (two parents). Refuses on a detached HEAD, where the commit would
 * belong to no branch and be easy to lose.
 */
export async function commitIndex(repo: RepoContext, status: GitStatus, merge: MergeInProgress | null, request: CommitRequest): Promise<string> {
  if (status.detached) throw detachedHead('commit on');
  const message = request.message.trim();
  if (status.merge && status.merge.conflicts.length > 0) {
    throw new WorkbenchError('git_merge_conflict', `Resolve the conflicts first: ${status.merge.conflicts.join(', ')} still ${status.merge.conflicts.length === 1 ? 'has' : 'have'} conflicts. Edit, then stage each file.`, { files: status.merge.conflicts });
  }
  const staged = status.files.some((file) => file.staged !== null);
  const author = await repo.author();
  if (request.amend) {
    if (merge) throw new WorkbenchError('conflict', 'A merge is in progress; finish it with a commit (or abort it) before amending.');
    if (status.head === null) throw new WorkbenchError('conflict', 'There is no commit to amend yet.');
    const oid = await git.commit({ fs: repo.fs, dir: repo.dir, cache: repo.cache, amend: true, author, ...(message ? { message: withNewline(message) } : {}) });
    repo.changed();
    return oid;
  }
  if (!message) throw new WorkbenchError('invalid_input', 'A commit message is required.', { field: 'message' });
  if (!staged && !merge) throw new WorkbenchError('git_nothing_to_commit', 'Nothing is staged: stage the changes to commit first.');
  const parent = merge && status.head ? [status.head, merge.theirs] : undefined;
  const oid = await git.commit({ fs: repo.fs, dir: repo.dir, cache: repo.cache, message: withNewline(message), author, ...(parent ? { parent } : {}) });
  repo.changed();
  return oid;
}

/** Git's own commits end their message with a newline; keep ours byte-compatible with the CLI's. */
function withNewline(message: string): string {
  return message.endsWith('\n') ? message : `${message}\n`;
}
