import * as fs from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError, type AuthorInfo, type CredentialsInput, type FileDiff, type GitRefs, type GitStatus, type Provenance } from '../../shared/contract';
import type { JobContext } from '../jobs';
import type { Logger } from '../log';
import type { SecretBox } from '../secrets';
import { outboundLog, recordOutbound, type WorkspaceService } from '../workspace';
import { authorInfo, resolveAuthor, type AuthorSources } from './author';
import { cloneRepository } from './clone';
import { commitIndex, type CommitRequest } from './commit';
import { GitCredentials } from './credentials';
import { fileDiff, type DiffTarget } from './diff';
import { gitLog, showCommit } from './history';
import { abortMerge, finishMerge, mergeBranch, readMergeState } from './merge';
import { addRemote, fetchRemote, forgetCredentials, listRemotes, pullRemote, pushRemote, removeRemote, setCredentials } from './remotes';
import { createBranch, createTag, deleteBranch, deleteTag, listRefs, renameBranch, switchRef } from './refs';
import { isRepository, makeBackupDir, notRepository, type RepoContext } from './repo';
import { initRepository, repairIndex } from './setup';
import { discardPaths, stagePaths, unstagePaths } from './stage';
import { computeStatus, notARepositoryStatus, readHead } from './status';
import { Worktree } from './worktree';

export interface GitServiceOptions {
  workspace: WorkspaceService;
  log: Logger;
  /** Absolute paths of the workspace's registered dataset files, kept out of git at init. */
  datasetFiles: () => string[];
  /** Tells clients the status changed (after anything done through the workbench). */
  emit: (status: GitStatus) => void;
  /** Encrypts remote credentials; without one (server mode) they stay in memory. */
  secrets?: SecretBox;
  /** Where ~/.gitconfig is looked for (tests). */
  home?: string;
}

type OpenStore = ReturnType<WorkspaceService['active']>['store'];

interface OpenRepo {
  repo: RepoContext;
  worktree: Worktree;
  creds: GitCredentials;
  db: OpenStore['db'];
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
    const { info, store } = workspace.active();
    const dir = info.path;
    if (open?.repo.dir === dir && open.db === store.db) return open;
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
    const creds = new GitCredentials({ db: store.db, ...(options.secrets ? { secrets: options.secrets } : {}) });
    const next: OpenRepo = { repo, worktree: new Worktree(dir, repo.gitdir), creds, db: store.db, queue: Promise.resolve() };
    open = next;
    return next;
  };

  const statusOf = async (target: OpenRepo): Promise<GitStatus> => {
    if (!isRepository(target.repo.dir)) return notARepositoryStatus;
    return computeStatus(target.repo, target.worktree, () => readMergeState(target.repo));
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
      await unstagePaths(target.repo, paths, (await readHead(target.repo)).oid);
      return statusOf(target);
    }),
    discard: (paths: string[]) => mutate(async (target) => {
      const backup = await discardPaths(target.repo, paths, await statusOf(target));
      return { status: await statusOf(target), backup };
    }),
    commit: (request: CommitRequest) =>
      mutate(async (target) => {
        const status = await statusOf(target);
        const oid = await commitIndex(target.repo, status, status.merge, request);
        if (status.merge) await finishMerge(target.repo);
        return { oid, status: await statusOf(target) };
      }),
    author: (): Promise<AuthorInfo> => authorInfo(authorSources(current().repo.dir)),
    async setAuthor(author: { name: string; email: string }): Promise<AuthorInfo> {
      workspace.settings.setGitAuthor({ name: author.name.trim(), email: author.email.trim() });
      return authorInfo(authorSources(current().repo.dir));
    },
    log: (page: { limit: number; skip: number }) => gitLog(repository().repo, page),
    show: (oid: string) => showCommit(repository().repo, oid),
    refs: (): Promise<GitRefs> => listRefs(repository().repo),
    createBranch: (name: string, from: string | undefined, checkout: boolean) => mutate(async ({ repo }) => {
      await createBranch(repo, name, from, checkout);
      return listRefs(repo);
    }),
    switch: (ref: string) => mutate(async (target) => {
      await switchRef(target.repo, ref);
      return statusOf(target);
    }),
    renameBranch: (from: string, to: string) => mutate(async ({ repo }) => {
      await renameBranch(repo, from, to);
      return listRefs(repo);
    }),
    deleteBranch: (name: string, force: boolean) => mutate(async ({ repo }) => {
      await deleteBranch(repo, name, force);
      return listRefs(repo);
    }),
    createTag: (name: string, ref: string | undefined, message: string | undefined) => mutate(async ({ repo }) => {
      await createTag(repo, name, ref, message);
      return listRefs(repo);
    }),
    deleteTag: (name: string) => mutate(async ({ repo }) => {
      await deleteTag(repo, name);
      return listRefs(repo);
    }),
    merge: (theirs: string, fastForwardOnly: boolean) => mutate(({ repo }) => mergeBranch(repo, theirs, { fastForwardOnly })),
    abortMerge: () => mutate(async (target) => {
      await abortMerge(target.repo);
      return statusOf(target);
    }),
    remotes: () => listRemotes(repository().repo, repository().creds),
    addRemote: (name: string, url: string) => mutate(({ repo, creds }) => addRemote(repo, creds, name, url)),
    removeRemote: (name: string) => mutate(({ repo, creds }) => removeRemote(repo, creds, name)),
    setCredentials: (remote: string, input: CredentialsInput) => mutate(({ repo, creds }) => setCredentials(repo, creds, remote, input)),
    forgetCredentials: (remote: string) => mutate(({ repo, creds }) => forgetCredentials(repo, creds, remote)),
    fetch: (remote: string, job: JobContext) => mutate(({ repo, creds }) => fetchRemote(repo, creds, remote, job)),
    pull: (remote: string, job: JobContext) =>
      mutate(({ repo, creds }) => pullRemote(repo, creds, remote, job, (theirs) => mergeBranch(repo, theirs, { fastForwardOnly: false }))),
    push: (remote: string, branch: string | undefined, job: JobContext) =>
      mutate(({ repo, creds, db }) =>
        pushRemote(repo, creds, remote, branch, job, (entry) => {
          recordOutbound(db, entry);
          log.info('sent off this machine', { ...entry });
        }),
      ),
    outboundLog: (limit: number) => outboundLog(current().db, limit),
    /** Clones into a new folder, opens it as the workspace, and keeps the credentials used for it. */
    async clone(input: { url: string; path: string; credentials?: CredentialsInput | undefined }, job: JobContext) {
      const result = await cloneRepository({ url: input.url, path: input.path, job, ...(input.credentials ? { credentials: input.credentials } : {}) });
      workspace.open(result.path);
      if (input.credentials) await current().creds.set(input.url, input.credentials);
      return result;
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
