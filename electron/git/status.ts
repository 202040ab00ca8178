import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import type { GitFileStatus, GitStatus, MergeState } from '../../shared/contract';
import { commitFiles } from './head-tree';
import { readIndex } from './index-file';
import type { RepoContext } from './repo';
import { upstreamOf } from './upstream';
import type { Worktree } from './worktree';

/** More untracked files than this are counted, not listed (a forgotten `node_modules/` must not flood the UI). */
export const UNTRACKED_LIST_LIMIT = 5_000;

export interface Head {
  /** The branch HEAD names; null when detached. */
  branch: string | null;
  /** Its commit; null on an unborn branch (no commits yet). */
  oid: string | null;
  detached: boolean;
}

/** HEAD read straight from `.git/HEAD` (a branch name or a detached oid), the branch resolved through isomorphic-git (packed refs). */
export async function readHead(repo: RepoContext): Promise<Head> {
  const text = readFileSync(join(repo.gitdir, 'HEAD'), 'utf8').trim();
  if (!text.startsWith('ref: ')) return { branch: null, oid: text, detached: true };
  const ref = text.slice(5);
  const branch = ref.replace(/^refs\/heads\//, '');
  try {
    return { branch, oid: await git.resolveRef({ fs: repo.fs, dir: repo.dir, ref }), detached: false };
  } catch {
    return { branch, oid: null, detached: false };
  }
}

/**
 * Staged (index against HEAD), unstaged (working tree against index) and
 * untracked files. The index is parsed by us and cached by stat, HEAD's tree
 * is cached by oid, and the working tree is compared by stat (see Worktree),
 * so a repeated status costs one lstat per tracked file plus one stat per
 * folder.
 */
export async function computeStatus(repo: RepoContext, worktree: Worktree, mergeState: () => Promise<MergeState | null>): Promise<GitStatus> {
  const head = await readHead(repo);
  const index = readIndex(repo.gitdir);
  const headFiles = await commitFiles(repo, head.oid);
  const files = new Map<string, GitFileStatus>();
  const entry = (path: string): GitFileStatus => {
    let file = files.get(path);
    if (!file) {
      file = { path, staged: null, unstaged: null, conflicted: false };
      files.set(path, file);
    }
    return file;
  };

  for (const [path, indexed] of index.entries) {
    const inHead = headFiles.get(path);
    if (!inHead) entry(path).staged = 'added';
    else if (inHead.oid !== indexed.oid || Number.parseInt(inHead.mode, 8) !== indexed.mode) entry(path).staged = 'modified';
    const state = worktree.check(indexed, index.mtimeMs);
    if (state !== 'unchanged') entry(path).unstaged = state;
  }
  for (const path of headFiles.keys()) {
    if (!index.entries.has(path) && !index.conflicted.has(path)) entry(path).staged = 'deleted';
  }
  for (const path of index.conflicted) {
    const file = entry(path);
    file.conflicted = true;
    file.staged = null;
    file.unstaged = 'modified';
  }
  const tracked = new Set<string>([...index.entries.keys(), ...index.conflicted]);
  const untracked = worktree.untracked(tracked, UNTRACKED_LIST_LIMIT);
  for (const path of untracked.files) entry(path).unstaged = 'untracked';

  const upstream = head.branch && !head.detached ? await upstreamOf(repo, head.branch, head.oid) : null;
  return {
    repository: true,
    branch: head.detached ? null : head.branch,
    head: head.oid,
    detached: head.detached,
    upstream: upstream?.name ?? null,
    ahead: upstream?.ahead ?? 0,
    behind: upstream?.behind ?? 0,
    merge: await mergeState(),
    files: [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    untrackedTruncated: untracked.count > untracked.files.length,
    untrackedCount: untracked.count,
  };
}

export const notARepositoryStatus: GitStatus = {
  repository: false,
  branch: null,
  head: null,
  detached: false,
  upstream: null,
  ahead: 0,
  behind: 0,
  merge: null,
  files: [],
  untrackedTruncated: false,
  untrackedCount: 0,
};
