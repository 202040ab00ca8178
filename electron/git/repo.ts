import * as fs from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../shared/contract';

export interface Author {
  name: string;
  email: string;
}

/**
 * One repository (the open workspace's) as every git module sees it. The
 * service builds it; modules take it as their first argument and never reach
 * for the workspace themselves.
 */
export interface RepoContext {
  /** The workspace folder: the repository's working tree. */
  readonly dir: string;
  /** `<dir>/.git` */
  readonly gitdir: string;
  /** What isomorphic-git reads and writes through. */
  readonly fs: typeof fs;
  /** isomorphic-git's object cache (packfiles, parsed indexes), kept for the repository's life. */
  readonly cache: Record<string, unknown>;
  /** The commit author (repository config, else workbench setting, else ~/.gitconfig); throws `git_author_missing`. */
  author(): Promise<Author>;
  /** Tracked files with staged or unstaged changes (untracked ones left out): what a switch or merge could overwrite. */
  trackedChanges(): Promise<string[]>;
  /** Call after changing HEAD, refs, the index or the working tree, so status is recomputed and the UI told. */
  changed(): void;
  /** A new folder `<workspace>/.workbench/backups/<kind>/<timestamp>/` for copies of what is about to be overwritten. */
  backupDir(kind: string): string;
}

export function makeBackupDir(workspace: string, kind: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = join(workspace, '.workbench', 'backups', kind, stamp);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function isRepository(dir: string): boolean {
  try {
    return fs.statSync(join(dir, '.git', 'HEAD')).isFile();
  } catch {
    return false;
  }
}

export function notRepository(dir: string): WorkbenchError {
  return new WorkbenchError('git_not_repository', `The workspace ${dir} is not a git repository. Initialise it from the Source control view (or clone one into a new workspace).`, { path: dir });
}

export function detachedHead(action: string): WorkbenchError {
  return new WorkbenchError('git_detached_head', `HEAD is detached (a commit is checked out, not a branch), so there is no branch to ${action}. Create a branch here or switch to one first.`);
}
