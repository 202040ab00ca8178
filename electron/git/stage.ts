import { copyFileSync, existsSync, lstatSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';
import writeFileAtomic from 'write-file-atomic';
import { WorkbenchError, type GitStatus } from '../../shared/contract';
import { readIndex } from './index-file';
import type { RepoContext } from './repo';

/** Stage files: changed and new ones are added, deleted ones removed from the index. */
export async function stagePaths(repo: RepoContext, paths: readonly string[]): Promise<void> {
  const present: string[] = [];
  for (const path of paths) {
    if (existsSync(join(repo.dir, path))) present.push(path);
    else await git.remove({ fs: repo.fs, dir: repo.dir, cache: repo.cache, filepath: path });
  }
  // One call for all present files: isomorphic-git writes the index once.
  if (present.length > 0) await git.add({ fs: repo.fs, dir: repo.dir, cache: repo.cache, filepath: present, force: true });
  repo.changed();
}

/** Unstage files: their index entries go back to HEAD's (or away, before the first commit); the working tree is not touched. */
export async function unstagePaths(repo: RepoContext, paths: readonly string[], head: string | null): Promise<void> {
  for (const path of paths) {
    if (head === null) await git.remove({ fs: repo.fs, dir: repo.dir, cache: repo.cache, filepath: path });
    else await git.resetIndex({ fs: repo.fs, dir: repo.dir, cache: repo.cache, filepath: path, ref: head });
  }
  repo.changed();
}

/**
 * Throws away unstaged changes: each file goes back to its staged (index)
 * content, and untracked files are deleted. Every file that exists is copied
 * into a backup folder first, so a mistaken discard can be undone by hand.
 */
export async function discardPaths(repo: RepoContext, paths: readonly string[], status: GitStatus): Promise<string | null> {
  const byPath = new Map(status.files.map((file) => [file.path, file]));
  const index = readIndex(repo.gitdir);
  const plans = paths.map((path) => {
    const file = byPath.get(path);
    if (!file?.unstaged) throw new WorkbenchError('invalid_input', `${path} has no unstaged changes to discard.`, { path });
    if (file.conflicted) throw new WorkbenchError('git_merge_conflict', `${path} has merge conflicts; resolve it, or abort the merge, instead of discarding.`, { path });
    return { path, untracked: file.unstaged === 'untracked', entry: index.entries.get(path) };
  });
  let backup: string | null = null;
  for (const { path } of plans) {
    const source = join(repo.dir, path);
    if (!existsSync(source) || !lstatSync(source).isFile()) continue;
    backup ??= repo.backupDir('discarded');
    const target = join(backup, path);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
  for (const { path, untracked, entry } of plans) {
    const file = join(repo.dir, path);
    if (untracked || !entry) {
      rmSync(file, { force: true });
      continue;
    }
    const { blob } = await git.readBlob({ fs: repo.fs, dir: repo.dir, cache: repo.cache, oid: entry.oid });
    mkdirSync(dirname(file), { recursive: true });
    await writeFileAtomic(file, Buffer.from(blob), { mode: entry.mode === 0o100755 ? 0o755 : 0o644 });
  }
  repo.changed();
  return backup;
}
