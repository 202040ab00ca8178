import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, readdirSync, readlinkSync, rmSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import git, { TREE, type WalkerEntry } from 'isomorphic-git';
import { WorkbenchError } from '../../shared/contract';
import type { RepoContext } from './repo';

/** The tree with nothing in it; isomorphic-git knows it even when no such object is stored. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface TreeChange {
  path: string;
  change: 'added' | 'modified' | 'deleted';
  /** The file's blob on the new side; null when deleted. */
  oid: string | null;
}

/** An error isomorphic-git threw, by its code (`NotFoundError`, `MergeConflictError`...). */
export function isGitError(error: unknown, code: string): error is Error & { code: string; data?: unknown } {
  return error instanceof Error && (error as { code?: unknown }).code === code;
}

/**
 * Files that differ between two trees or commits (null: the empty tree), in
 * tree order. Subtrees with the same id on both sides are never entered, so
 * the cost follows the size of the change, not of the repository. A file that
 * became a folder shows as the file deleted and the folder's files added.
 */
export async function diffTrees(repo: RepoContext, from: string | null, to: string | null): Promise<TreeChange[]> {
  const fileOf = async (entry: WalkerEntry | null): Promise<{ oid: string; mode: number } | null> => {
    if (!entry || (await entry.type()) === 'tree') return null;
    return { oid: await entry.oid(), mode: await entry.mode() };
  };
  const changes = (await git.walk({
    fs: repo.fs,
    dir: repo.dir,
    gitdir: repo.gitdir,
    cache: repo.cache,
    trees: [TREE({ ref: from ?? EMPTY_TREE }), TREE({ ref: to ?? EMPTY_TREE })],
    map: async (path, [before, after]) => {
      if (path === '.') return undefined;
      if (before && after && (await before.oid()) === (await after.oid()) && (await before.mode()) === (await after.mode())) return null;
      const [old, next] = [await fileOf(before ?? null), await fileOf(after ?? null)];
      if (old && next) return { path, change: 'modified', oid: next.oid } satisfies TreeChange;
      if (old) return { path, change: 'deleted', oid: null } satisfies TreeChange;
      if (next) return { path, change: 'added', oid: next.oid } satisfies TreeChange;
      return undefined; // a folder on either side: its files come as children
    },
  })) as TreeChange[] | undefined;
  return changes ?? [];
}

export function localChangesError(action: string, files: string[]): WorkbenchError {
  const shown = files.slice(0, 10).join(', ') + (files.length > 10 ? ` and ${files.length - 10} more` : '');
  return new WorkbenchError(
    'git_local_changes',
    `${action} would overwrite local changes to ${shown}. Commit or discard those changes first (move untracked files out of the way); nothing was changed.`,
    { files },
  );
}

/**
 * Refuses (git_local_changes, nothing touched) when applying `changes` would
 * overwrite something of the user's: a tracked file among them with staged or
 * unstaged changes, an untracked file or folder where a file is coming, or an
 * untracked file where a folder is coming.
 */
export async function assertNothingOverwritten(repo: RepoContext, changes: TreeChange[], action: string): Promise<void> {
  if (changes.length === 0) return;
  const tracked = new Set(await repo.trackedChanges());
  const removed = new Set(changes.filter((c) => c.change === 'deleted').map((c) => c.path));
  const blocked = new Set<string>();
  const checkedFolders = new Set<string>();
  for (const change of changes) {
    if (tracked.has(change.path)) blocked.add(change.path);
    if (change.change !== 'added') continue;
    const here = workingFile(join(repo.dir, change.path));
    if (here?.kind === 'folder') {
      // A tracked folder turning into a file is fine when all it holds is going anyway.
      const stray = strayFile(repo.dir, change.path, removed);
      if (stray) blocked.add(stray);
    } else if (here && here.oid !== change.oid) {
      blocked.add(change.path);
    }
    for (let folder = parentOf(change.path); folder; folder = parentOf(folder)) {
      if (checkedFolders.has(folder)) break;
      checkedFolders.add(folder);
      const there = workingFile(join(repo.dir, folder));
      if (there?.kind === 'file' && !removed.has(folder)) blocked.add(folder);
    }
  }
  if (blocked.size > 0) throw localChangesError(action, [...blocked].sort());
}

/**
 * Makes the index and the working tree match commit `target` at the paths in
 * `changes` (from diffTrees against what is checked out), leaving every other
 * file alone. isomorphic-git's checkout does the work in one index update; it
 * re-checks for local changes itself unless `force` (used only after the
 * caller made backups). Call assertNothingOverwritten first.
 */
export async function checkoutChanges(repo: RepoContext, target: string, changes: TreeChange[], force = false): Promise<void> {
  if (changes.length === 0) return;
  await clearTypeChanges(repo, changes);
  try {
    await git.checkout({
      fs: repo.fs,
      dir: repo.dir,
      gitdir: repo.gitdir,
      cache: repo.cache,
      ref: target,
      filepaths: changes.map((change) => change.path),
      noUpdateHead: true,
      force,
    });
  } catch (error) {
    if (isGitError(error, 'CheckoutConflictError')) throw localChangesError('Updating the working tree', (error.data as { filepaths: string[] }).filepaths);
    throw error;
  }
  pruneEmptyFolders(repo.dir, changes.filter((change) => change.change === 'deleted').map((change) => change.path));
}

/**
 * isomorphic-git's checkout skips a file that becomes a folder (or the
 * reverse), so the old side is removed here first: from the working tree and
 * the index. Callers have made sure nothing of the user's is lost by it.
 */
export async function clearTypeChanges(repo: RepoContext, changes: TreeChange[]): Promise<void> {
  const added = new Set(changes.filter((c) => c.change === 'added').map((c) => c.path));
  const deleted = changes.filter((c) => c.change === 'deleted').map((c) => c.path);
  const addedFolders = new Set([...added].flatMap(ancestors));
  const victims = deleted.filter((path) => addedFolders.has(path) || ancestors(path).some((folder) => added.has(folder)));
  for (const path of victims) {
    // Only the old side's file goes; a folder (or file) already there is the new side, written by a merge.
    if (isOldFile(repo.dir, path)) rmSync(join(repo.dir, path), { force: true });
    await git.updateIndex({ fs: repo.fs, dir: repo.dir, gitdir: repo.gitdir, cache: repo.cache, filepath: path, remove: true, force: true });
  }
  pruneEmptyFolders(repo.dir, victims);
}

function isOldFile(dir: string, path: string): boolean {
  try {
    return !(lstatSync(join(dir, path), { throwIfNoEntry: false })?.isDirectory() ?? true);
  } catch {
    return false; // a file on the way: nothing here
  }
}

/** Removes the folders left empty by deleting `paths` (git does not keep empty folders either). */
export function pruneEmptyFolders(dir: string, paths: string[]): void {
  const folders = new Set(paths.flatMap(ancestors));
  // Deepest first, so a parent is tried after its children are gone.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    try {
      rmdirSync(join(dir, folder));
    } catch {
      // Not empty (or already gone): keep it.
    }
  }
}

export type WorkingFile = { kind: 'file'; oid: string } | { kind: 'folder' };

/** What is at `file` in the working tree: a file (with its blob id), a folder, or nothing (null). */
export function workingFile(file: string): WorkingFile | null {
  let stat;
  try {
    stat = lstatSync(file, { throwIfNoEntry: false });
  } catch {
    return null; // a file on the way: nothing can be here
  }
  if (!stat) return null;
  if (stat.isDirectory()) return { kind: 'folder' };
  const content = stat.isSymbolicLink() ? Buffer.from(readlinkSync(file)) : readFileSync(file);
  return { kind: 'file', oid: createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex') };
}

/** The first file under `folder` that is not among `removed` (an untracked or ignored file the user has there). */
function strayFile(dir: string, folder: string, removed: ReadonlySet<string>): string | null {
  for (const entry of readdirSync(join(dir, folder), { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    const stray = entry.isDirectory() ? strayFile(dir, path, removed) : removed.has(path) ? null : path;
    if (stray) return stray;
  }
  return null;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `a/b/c.txt` -> `['a/b', 'a']` */
function ancestors(path: string): string[] {
  const result: string[] = [];
  for (let folder = parentOf(path); folder; folder = parentOf(folder)) result.push(folder);
  return result;
}
