import * as fs from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError, type AuthorInfo, type FileDiff, type GitStatus, type MergeState, type Provenance } from '../../shared/contract';
import type { Logger } from '../log';
import type { WorkspaceService } from '../workspace';
import { authorInfo, resolveAuthor, type AuthorSources } from './author';
import { commitIndex, type CommitRequest } from './commit';
import { fileDiff, type DiffTarget } from './diff';
import { isRepository, makeBackupDir, notRepository, type RepoContext } from './repo';
import { initRepository, repairIndex } from './setup';
import { discardPaths, stagePaths, unstagePaths } from './stage';
import { computeStatus, notARepositoryStatus } from './status';
import { Worktree } from './worktree';

export interface GitServiceOptions {
  workspace: WorkspaceService;
  log: Logger;
  /** Absolute paths of the workspace's registered dataset files, kept out of git at init. */
  datasetFiles: () => string[];
  /** Tells clients the status changed (after anything done through the workbench). */
  emit: (status: GitStatus) => void;
  /** Where ~/.gitconfig is looked for (tests). */
  home?: string;
  /** Merge state, from the merge module. */
  mergeState?: (repo: RepoContext) => Promise<MergeState | null>;
}

interface OpenRepo {
  repo: RepoContext;
  worktree: Worktree;
  /** Mutations run one at a time: isomorphic-git does not lock the index across calls. */
  queue: Promise<unknown>;
}

/** Source control of the open workspace. One RepoContext per workspace folder, rebuilt when the workspace changes. */
export function createGitService(options: GitServiceOptions) {
  const { workspace, log } = options;
  let open: OpenRepo | null = null;
  let emitTimer: NodeJS.Timeout | null = null;

  const authorSources = (dir: string): AuthorSources => ({
    dir,
    fs,
    workbench: () => workspace.settings.gitAuthor(),
    ...(options.home ? { home: options.home } : {}),
  });

  const current = (): OpenRepo => {
    const dir = workspace.active().info.path;
    if (open?.repo.dir === dir) return open;
    const repo: RepoContext = {
      dir,
      gitdir: join(dir, '.git'),
      fs,
      cache: {},
      author: () => resolveAuthor(authorSources(dir)),
      trackedChanges: async () => {
        const status = await statusOf(next);
        return status.files.filter((file) => file.unstaged !== 'untracked').map((file) => file.path);
      },
      changed: () => scheduleEmit(),
      backupDir: (kind) => makeBackupDir(dir, kind),
    };
    const next: OpenRepo = { repo, worktree: new Worktree(dir, repo.gitdir), queue: Promise.resolve() };
    open = next;
    return next;
  };

  const statusOf = async (target: OpenRepo): Promise<GitStatus> => {
    if (!isRepository(target.repo.dir)) return notARepositoryStatus;
    const mergeState = options.mergeState;
    return computeStatus(target.repo, target.worktree, () => (mergeState ? mergeState(target.repo) : Promise.resolve(null)));
  };

  const scheduleEmit = (): void => {
    if (emitTimer) return;
    emitTimer = setTimeout(() => {
      emitTimer = null;
      if (!open) return;
      statusOf(open).then(options.emit, (error: unknown) => log.warn('git status after a change failed', { error: String(error) }));
    }, 30);
  };

  /** Runs `work` on the open repository (which must be one), after any mutation already running. */
  const mutate = <T>(work: (target: OpenRepo) => Promise<T>): Promise<T> => {
    const target = current();
    if (!isRepository(target.repo.dir)) return Promise.reject(notRepository(target.repo.dir));
    const run = target.queue.then(() => work(target));
    target.queue = run.catch(() => undefined);
    return run;
  };

  const repository = (): OpenRepo => {
    const target = current();
    if (!isRepository(target.repo.dir)) throw notRepository(target.repo.dir);
    return target;
  };

  const status = (): Promise<GitStatus> => statusOf(current());

  return {
    /** The open repository, for the modules the backend wires beside these calls. */
    repository: () => repository().repo,
    mutate: <T>(work: (repo: RepoContext) => Promise<T>) => mutate((target) => work(target.repo)),
    status,
    async provenance(): Promise<Provenance> {
      const value = await status();
      return { repository: value.repository, commit: value.head, branch: value.branch, dirty: value.files.length > 0 };
    },
    async init(): Promise<GitStatus> {
      const target = current();
      if (isRepository(target.repo.dir)) throw new WorkbenchError('conflict', `${target.repo.dir} is already a git repository.`);
      await initRepository(target.repo, options.datasetFiles());
      return status();
    },
    diff: (target: DiffTarget, notebookOutputs: boolean): Promise<FileDiff> => fileDiff(repository().repo, target, notebookOutputs),
    stage: (paths: string[]) => mutate(async (target) => {
      await stagePaths(target.repo, paths);
      return statusOf(target);
    }),
    unstage: (paths: string[]) => mutate(async (target) => {
      const head = (await statusOf(target)).head;
      await unstagePaths(target.repo, paths, head);
      return statusOf(target);
    }),
    discard: (paths: string[]) => mutate(async (target) => {
      const backup = await discardPaths(target.repo, paths, await statusOf(target));
      return { status: await statusOf(target), backup };
    }),
    commit: (request: CommitRequest, merge: () => Promise<{ theirs: string; theirsName: string } | null>, afterMerge?: () => Promise<void>) =>
      mutate(async (target) => {
        const inMerge = await merge();
        const oid = await commitIndex(target.repo, await statusOf(target), inMerge, request);
        if (inMerge && afterMerge) await afterMerge();
        return { oid, status: await statusOf(target) };
      }),
    author: (): Promise<AuthorInfo> => authorInfo(authorSources(current().repo.dir)),
    async setAuthor(author: { name: string; email: string }): Promise<AuthorInfo> {
      workspace.settings.setGitAuthor({ name: author.name.trim(), email: author.email.trim() });
      return authorInfo(authorSources(current().repo.dir));
    },
    repairIndex: () => mutate(async (target) => {
      const backup = await repairIndex(target.repo, target.worktree);
      log.info('rebuilt a corrupt git index from HEAD', { workspace: target.repo.dir, backup });
      return statusOf(target);
    }),
    close(): void {
      if (emitTimer) clearTimeout(emitTimer);
      emitTimer = null;
      open = null;
    },
  };
}

export type GitService = ReturnType<typeof createGitService>;
