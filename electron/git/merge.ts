import { cpSync, mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';
import { WorkbenchError, type MergeResult, type MergeState } from '../../shared/contract';
import { assertNothingOverwritten, checkoutChanges, clearTypeChanges, diffTrees, isGitError, workingFile, type TreeChange } from './checkout';
import { readIndex } from './index-file';
import { resolveRevision, type Revision } from './refs';
import { detachedHead, type RepoContext } from './repo';
import { readHead } from './status';

/** What git itself writes while a merge waits for its conflicts to be resolved; the CLI sees the merge too. */
const MERGE_FILES = ['MERGE_HEAD', 'MERGE_MSG', 'MERGE_MODE'];

const where = (repo: RepoContext) => ({ fs: repo.fs, dir: repo.dir, gitdir: repo.gitdir, cache: repo.cache });

function listed(files: string[]): string {
  return files.slice(0, 10).join(', ') + (files.length > 10 ? ` and ${files.length - 10} more` : '');
}

/**
 * Merges `theirs` (a branch, remote branch, tag or commit) into the current
 * branch: nothing when already merged, a fast-forward when possible, else a
 * merge commit; with conflicts the files get conflict markers, the index the
 * conflict stages, and `.git/MERGE_HEAD` & co. are written as git does.
 * Refused on a detached HEAD and with local changes to tracked files.
 */
export async function mergeBranch(repo: RepoContext, theirs: string, { fastForwardOnly }: { fastForwardOnly: boolean }): Promise<MergeResult> {
  const pending = await readMergeState(repo);
  if (pending) {
    throw new WorkbenchError('git_merge_conflict', `A merge of ${pending.theirsName} is still in progress. Resolve its conflicts and commit, or abort it, before merging again.`, { files: pending.conflicts });
  }
  const head = await readHead(repo);
  if (head.detached || head.branch === null) throw detachedHead('merge into');
  const local = await repo.trackedChanges();
  if (local.length > 0) {
    throw new WorkbenchError('git_local_changes', `Commit or discard your changes to ${listed(local)} before merging ${theirs}, so that nothing of yours gets mixed into the merge or lost.`, { files: local });
  }
  const target = await resolveRevision(repo, theirs);
  const branchRef = `refs/heads/${head.branch}`;
  const ours = head.oid;
  const upToDate: MergeResult = { result: 'up_to_date', oid: ours, conflicts: [] };
  if (ours === target.oid) return upToDate;

  const bases = ours === null ? [] : ((await git.findMergeBase({ ...where(repo), oids: [ours, target.oid] })) as string[]);
  if (bases.includes(target.oid)) return upToDate;
  const incoming = await diffTrees(repo, ours, target.oid);
  await assertNothingOverwritten(repo, incoming, `Merging ${theirs}`);

  if (ours === null || bases.includes(ours)) {
    await checkoutChanges(repo, target.oid, incoming);
    await moveBranch(repo, branchRef, ours, target.oid);
    return { result: 'fast_forward', oid: target.oid, conflicts: [] };
  }
  if (fastForwardOnly) {
    throw new WorkbenchError('conflict', `${head.branch} and ${theirs} have both moved on, so ${head.branch} cannot simply be fast-forwarded to ${theirs}. Merge without "fast-forward only" to make a merge commit.`, { branch: head.branch });
  }
  const [base] = bases;
  if (base === undefined) {
    throw new WorkbenchError('conflict', `${theirs} shares no history with ${head.branch}; merging unrelated histories is not supported.`, { branch: head.branch });
  }

  const author = await repo.author();
  const request = {
    ...where(repo),
    ours: branchRef,
    // The ref name, not the oid, so conflict markers say which branch a side came from.
    theirs: target.ref ?? target.oid,
    message: `Merge branch '${theirs}'\n`,
    author,
    committer: author,
  };
  try {
    // First without touching index or files: a clean merge gives the commit, a conflict tells us so.
    const { oid: merged } = await git.merge({ ...request, noUpdateBranch: true, abortOnConflict: true });
    if (!merged) throw new Error('isomorphic-git returned no merge commit');
    await checkoutChanges(repo, merged, await diffTrees(repo, ours, merged));
    await moveBranch(repo, branchRef, ours, merged);
    return { result: 'merged', oid: merged, conflicts: [] };
  } catch (error) {
    if (isGitError(error, 'MergeNotSupportedError')) {
      throw new WorkbenchError(
        'git_merge_conflict',
        `${theirs} cannot be merged automatically (a file and a folder of the same name, or several common ancestors). Nothing was changed; merge it with the git command line.`,
        { branch: head.branch },
      );
    }
    if (!isGitError(error, 'MergeConflictError')) throw error;
  }
  return mergeWithConflicts(repo, { ours, base, target, name: theirs }, request);
}

async function moveBranch(repo: RepoContext, branchRef: string, from: string | null, to: string): Promise<void> {
  // ORIG_HEAD lets `git reset --hard ORIG_HEAD` undo the merge from the CLI, as after git's own merges.
  if (from !== null) await writeFile(join(repo.gitdir, 'ORIG_HEAD'), `${from}\n`);
  await git.writeRef({ ...where(repo), ref: branchRef, value: to, force: true });
  repo.changed();
}

interface Sides {
  ours: string;
  base: string;
  target: Revision;
  name: string;
}

/**
 * isomorphic-git writes the merged tree (markers included) into the working
 * tree and the conflict stages into the index, but leaves the index entries
 * of files only `theirs` changed at our version and does not delete what
 * `theirs` deleted; those files are checked out from `theirs` here, as git
 * would have staged them.
 */
async function mergeWithConflicts(repo: RepoContext, sides: Sides, request: Parameters<typeof git.merge>[0]): Promise<MergeResult> {
  const ourChanges = new Set((await diffTrees(repo, sides.base, sides.ours)).map((change) => change.path));
  const theirsOnly: TreeChange[] = (await diffTrees(repo, sides.base, sides.target.oid)).filter((change) => !ourChanges.has(change.path));
  await clearTypeChanges(repo, theirsOnly);
  let conflicts: string[] = [];
  try {
    await git.merge({ ...request, abortOnConflict: false });
    throw new Error(`merging ${sides.name} with conflicts written out unexpectedly succeeded`);
  } catch (error) {
    if (!isGitError(error, 'MergeConflictError')) throw error;
    conflicts = [...(error.data as { filepaths: string[] }).filepaths].sort();
  }
  await writeFile(join(repo.gitdir, 'ORIG_HEAD'), `${sides.ours}\n`);
  await writeFile(join(repo.gitdir, 'MERGE_HEAD'), `${sides.target.oid}\n`);
  await writeFile(join(repo.gitdir, 'MERGE_MSG'), `Merge branch '${sides.name}'\n`);
  await writeFile(join(repo.gitdir, 'MERGE_MODE'), '');
  try {
    await checkoutChanges(repo, sides.target.oid, theirsOnly);
  } finally {
    repo.changed();
  }
  return { result: 'conflicts', oid: null, conflicts };
}

async function readGitFile(repo: RepoContext, name: string): Promise<string | null> {
  try {
    return await readFile(join(repo.gitdir, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The merge waiting for its conflicts to be resolved (from `.git/MERGE_HEAD`, as the CLI left it or we did); null when none. */
export async function readMergeState(repo: RepoContext): Promise<MergeState | null> {
  const theirs = (await readGitFile(repo, 'MERGE_HEAD'))?.trim().split('\n')[0]?.trim();
  if (!theirs) return null;
  const message = (await readGitFile(repo, 'MERGE_MSG')) ?? '';
  const name = /^Merge (?:remote-tracking branch|branch|tag|commit) '([^']+)'/.exec(message)?.[1] ?? theirs.slice(0, 7);
  return { theirs, theirsName: name, conflicts: [...readIndex(repo.gitdir).conflicted].sort() };
}

/** The extra parent of the commit that concludes a merge ([MERGE_HEAD]); null when no merge is in progress. */
export async function mergeParents(repo: RepoContext): Promise<string[] | null> {
  const state = await readMergeState(repo);
  return state ? [state.theirs] : null;
}

/** Forgets the merge in progress (after the commit that concludes it, or an abort). */
export async function finishMerge(repo: RepoContext): Promise<void> {
  await Promise.all(MERGE_FILES.map((name) => rm(join(repo.gitdir, name), { force: true })));
  repo.changed();
}

/**
 * Gives up the merge in progress: every file the merge touched goes back to
 * HEAD in the index and the working tree. Conflicted files, and any touched
 * file whose content is neither HEAD's nor theirs (an edit made while
 * resolving), are copied to `.workbench/backups/merge/<time>/` first. Files the
 * merge did not touch keep their changes. Returns the backup folder, or null
 * when nothing needed one.
 */
export async function abortMerge(repo: RepoContext): Promise<string | null> {
  const state = await readMergeState(repo);
  if (!state) throw new WorkbenchError('conflict', 'No merge is in progress, so there is nothing to abort.');
  const head = await readHead(repo);
  if (head.oid === null) throw new WorkbenchError('conflict', 'HEAD has no commit to go back to; remove .git/MERGE_HEAD to forget the merge.');
  const theirsSide = new Map((await diffTrees(repo, head.oid, state.theirs)).map((change) => [change.path, change.oid]));
  const restore = await diffTrees(repo, state.theirs, head.oid);
  const conflicted = new Set(state.conflicts);
  for (const path of conflicted) {
    if (!theirsSide.has(path)) restore.push({ path, change: 'modified', oid: null });
  }

  let backup: string | null = null;
  for (const { path, oid: ourOid } of restore) {
    const here = workingFile(join(repo.dir, path));
    if (here?.kind !== 'file') continue;
    if (!conflicted.has(path) && (here.oid === ourOid || here.oid === theirsSide.get(path))) continue;
    backup ??= repo.backupDir('merge');
    mkdirSync(dirname(join(backup, path)), { recursive: true });
    cpSync(join(repo.dir, path), join(backup, path), { verbatimSymlinks: true });
  }
  // Forced: the files differ from the index (markers, edits), and were kept above.
  await checkoutChanges(repo, head.oid, restore, true);
  await finishMerge(repo);
  return backup;
}
