import git from 'isomorphic-git';
import { WorkbenchError, type CredentialsInput, type GitRemote, type MergeResult, type TransferResult } from '../../shared/contract';
import type { JobContext } from '../jobs';
import type { GitCredentials } from './credentials';
import type { OutboundRecord } from '../workspace';
import { detachedHead, type RepoContext } from './repo';
import { authHandlers, cancelled, progressReporter, pushRejected, transfer, type TransferAction } from './transport';

const ZERO = '0000000000000000000000000000000000000000';
/** Past this many commits a push's count is given as "at least". */
const COUNT_LIMIT = 10_000;

const base = (repo: RepoContext) => ({ fs: repo.fs, dir: repo.dir, cache: repo.cache });
const short = (oid: string) => oid.slice(0, 7);

export async function listRemotes(repo: RepoContext, creds: GitCredentials): Promise<GitRemote[]> {
  const remotes = await git.listRemotes({ fs: repo.fs, dir: repo.dir });
  return remotes
    .map(({ remote, url }) => ({ name: remote, url, credentials: creds.describe(url) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Adds a remote, or points an existing one at a new URL (its fetch refspec and credentials by URL stay). */
export async function addRemote(repo: RepoContext, creds: GitCredentials, name: string, url: string): Promise<GitRemote[]> {
  const existing = await git.listRemotes({ fs: repo.fs, dir: repo.dir });
  if (existing.some((remote) => remote.remote === name)) {
    await git.setConfig({ fs: repo.fs, dir: repo.dir, path: `remote.${name}.url`, value: url });
  } else {
    await git.addRemote({ fs: repo.fs, dir: repo.dir, remote: name, url });
  }
  repo.changed();
  return listRemotes(repo, creds);
}

/** Removes a remote as `git remote remove` does (its remote branches, the upstreams pointing at it), and its credentials. */
export async function removeRemote(repo: RepoContext, creds: GitCredentials, name: string): Promise<GitRemote[]> {
  const url = await remoteUrlOf(repo, name);
  for (const branch of await git.listBranches({ fs: repo.fs, dir: repo.dir, remote: name })) {
    await git.deleteRef({ fs: repo.fs, dir: repo.dir, ref: `refs/remotes/${name}/${branch}` });
  }
  for (const branch of await git.listBranches({ fs: repo.fs, dir: repo.dir })) {
    if ((await configValue(repo, `branch.${branch}.remote`)) !== name) continue;
    await git.setConfig({ fs: repo.fs, dir: repo.dir, path: `branch.${branch}.remote`, value: undefined });
    await git.setConfig({ fs: repo.fs, dir: repo.dir, path: `branch.${branch}.merge`, value: undefined });
  }
  await git.deleteRemote({ fs: repo.fs, dir: repo.dir, remote: name });
  const others = await git.listRemotes({ fs: repo.fs, dir: repo.dir });
  if (!others.some((remote) => remote.url === url)) creds.forget(url);
  repo.changed();
  return listRemotes(repo, creds);
}

export async function setCredentials(repo: RepoContext, creds: GitCredentials, remote: string, input: CredentialsInput): Promise<GitRemote[]> {
  await creds.set(await remoteUrlOf(repo, remote), input);
  return listRemotes(repo, creds);
}

export async function forgetCredentials(repo: RepoContext, creds: GitCredentials, remote: string): Promise<GitRemote[]> {
  creds.forget(await remoteUrlOf(repo, remote));
  return listRemotes(repo, creds);
}

/** Fetches every branch and tag of the remote; `updated` lists the remote branches that moved. */
export function fetchRemote(repo: RepoContext, creds: GitCredentials, remote: string, job: JobContext): Promise<TransferResult> {
  return fetchFor(repo, creds, remote, job, 'fetch');
}

async function fetchFor(repo: RepoContext, creds: GitCredentials, remote: string, job: JobContext, action: TransferAction): Promise<TransferResult> {
  const url = await remoteUrlOf(repo, remote);
  if (job.signal.aborted) throw cancelled(action, url);
  const before = await remoteBranches(repo, remote);
  await transfer(job, url, action, (http) =>
    git.fetch({ ...base(repo), http, remote, tags: true, onProgress: progressReporter(job), ...authHandlers(() => creds.get(url), url, action) }),
  );
  const after = await remoteBranches(repo, remote);
  repo.changed();
  const updated: string[] = [];
  for (const [branch, oid] of after) {
    const old = before.get(branch);
    if (old !== oid) updated.push(old ? `${remote}/${branch}: ${short(old)}..${short(oid)}` : `${remote}/${branch}: new ${short(oid)}`);
  }
  return { remote, updated };
}

/**
 * Fetches, then merges the current branch's upstream through `merge` (the
 * merge module's, passed in by the service). The upstream is
 * `branch.<name>.merge` when `branch.<name>.remote` is this remote, else the
 * remote's branch of the same name.
 */
export async function pullRemote(repo: RepoContext, creds: GitCredentials, remote: string, job: JobContext, merge: (theirs: string) => Promise<MergeResult>): Promise<TransferResult> {
  const branch = await currentBranch(repo, 'pull');
  const fetched = await fetchFor(repo, creds, remote, job, 'pull');
  const upstream = await upstreamBranch(repo, branch, remote);
  const theirs = `${remote}/${upstream}`;
  if (!(await resolves(repo, `refs/remotes/${theirs}`))) {
    throw new WorkbenchError('not_found', `${remote} has no branch ${upstream} to pull into ${branch}. Push ${branch} first, or set its upstream.`, { remote, branch: upstream });
  }
  if (job.signal.aborted) throw cancelled('pull', await remoteUrlOf(repo, remote));
  job.progress(null, `Merging ${theirs}`);
  const result = await merge(theirs);
  repo.changed();
  return { ...fetched, merge: result };
}

/**
 * Pushes a branch (the current one by default) and sets its upstream on the
 * first push. The outbound log gets `git.push` just before the pack is sent,
 * and a `git.push.failed` entry when the attempt then fails; a push with
 * nothing to send, or refused here before sending, logs nothing.
 */
export async function pushRemote(
  repo: RepoContext,
  creds: GitCredentials,
  remote: string,
  branch: string | undefined,
  job: JobContext,
  outbound: (entry: OutboundRecord) => void,
): Promise<TransferResult> {
  const name = branch ?? (await currentBranch(repo, 'push'));
  const url = await remoteUrlOf(repo, remote);
  if (!(await resolves(repo, `refs/heads/${name}`))) {
    throw new WorkbenchError('not_found', `There is no branch ${name} with commits to push; commit first.`, { branch: name });
  }
  if (job.signal.aborted) throw cancelled('push', url);
  const remoteRef = `refs/heads/${await upstreamBranch(repo, name, remote)}`;
  // Set inside isomorphic-git's callbacks, read after it returns.
  const sent: { upToDate: boolean; attempt: { detail: string; update: string } | null } = { upToDate: false, attempt: null };
  try {
    await transfer(job, url, 'push', async (http) => {
      try {
        return await git.push({
          ...base(repo),
          http,
          remote,
          ref: name,
          remoteRef,
          signal: job.signal,
          onProgress: progressReporter(job),
          ...authHandlers(() => creds.get(url), url, 'push'),
          onPrePush: async ({ localRef, remoteRef: target }) => {
            if (localRef.oid === target.oid) {
              sent.upToDate = true;
              return false;
            }
            if (target.oid !== ZERO && !(await isAncestor(repo, target.oid, localRef.oid))) throw pushRejected(url, null);
            sent.attempt = await describePush(repo, remote, target.ref, target.oid, localRef.oid);
            outbound({ action: 'git.push', target: url, detail: sent.attempt.detail });
            return true;
          },
        });
      } catch (error) {
        if (sent.upToDate && codeOf(error) === 'UserCanceledError') return null;
        throw error;
      }
    });
  } catch (error) {
    if (sent.attempt) outbound({ action: 'git.push.failed', target: url, detail: `${sent.attempt.detail}: ${codeOf(error) ?? 'failed'}` });
    throw error;
  }
  if ((await configValue(repo, `branch.${name}.remote`)) === undefined) {
    await git.setConfig({ fs: repo.fs, dir: repo.dir, path: `branch.${name}.remote`, value: remote });
    await git.setConfig({ fs: repo.fs, dir: repo.dir, path: `branch.${name}.merge`, value: remoteRef });
  }
  repo.changed();
  return { remote, updated: sent.attempt ? [sent.attempt.update] : [] };
}

async function describePush(repo: RepoContext, remote: string, ref: string, old: string, next: string): Promise<{ detail: string; update: string }> {
  const known = old === ZERO ? [...(await remoteBranches(repo, remote)).values()] : [old];
  const count = await countNew(repo, next, known);
  const commits = `${count >= COUNT_LIMIT ? `${COUNT_LIMIT}+` : count} commit${count === 1 ? '' : 's'}`;
  const range = old === ZERO ? `(new branch) ${short(next)}` : `${short(old)}..${short(next)}`;
  return { detail: `${ref} ${range} (${commits})`, update: `${ref.replace(/^refs\/heads\//, '')}: ${range}` };
}

/** Commits reachable from `tip` and from none of `known` (what the remote will receive). */
async function countNew(repo: RepoContext, tip: string, known: string[]): Promise<number> {
  const have = new Set<string>();
  await walk(repo, known, (oid) => {
    if (have.has(oid)) return false;
    have.add(oid);
    return true;
  });
  let count = 0;
  const seen = new Set<string>();
  await walk(repo, [tip], (oid) => {
    if (have.has(oid) || seen.has(oid)) return false;
    seen.add(oid);
    count += 1;
    return true;
  });
  return count;
}

/** Visits ancestors breadth first while `visit` says go on, up to COUNT_LIMIT commits. */
async function walk(repo: RepoContext, start: string[], visit: (oid: string) => boolean): Promise<void> {
  const queue = [...start];
  let steps = 0;
  while (queue.length > 0 && steps < COUNT_LIMIT) {
    const oid = queue.shift() as string;
    if (!visit(oid)) continue;
    steps += 1;
    try {
      const { commit } = await git.readCommit({ ...base(repo), oid });
      queue.push(...commit.parent);
    } catch {
      // Not here (a shallow boundary, or a tip we never fetched): nothing further down this side.
    }
  }
}

async function isAncestor(repo: RepoContext, ancestor: string, oid: string): Promise<boolean> {
  try {
    return await git.isDescendent({ ...base(repo), oid, ancestor, depth: -1 });
  } catch {
    return false;
  }
}

/** The URL of a remote; `not_found` naming the remotes there are. */
export async function remoteUrlOf(repo: RepoContext, name: string): Promise<string> {
  const remotes = await git.listRemotes({ fs: repo.fs, dir: repo.dir });
  const found = remotes.find((remote) => remote.remote === name);
  if (found) return found.url;
  const names = remotes.map((remote) => remote.remote);
  const known = names.length > 0 ? `the remotes are ${names.join(', ')}` : 'this repository has no remotes yet; add one in Remotes';
  throw new WorkbenchError('not_found', `There is no remote named ${name} (${known}).`, { remote: name });
}

async function currentBranch(repo: RepoContext, action: string): Promise<string> {
  const branch = await git.currentBranch({ fs: repo.fs, dir: repo.dir, fullname: false });
  if (!branch) throw detachedHead(action);
  return branch;
}

/** The remote branch `branch` tracks on `remote`: its configured upstream there, else the same name. */
async function upstreamBranch(repo: RepoContext, branch: string, remote: string): Promise<string> {
  const configured = await configValue(repo, `branch.${branch}.remote`);
  const merge = await configValue(repo, `branch.${branch}.merge`);
  if (configured === remote && merge) return merge.replace(/^refs\/heads\//, '');
  return branch;
}

async function remoteBranches(repo: RepoContext, remote: string): Promise<Map<string, string>> {
  const branches = new Map<string, string>();
  for (const name of await git.listBranches({ fs: repo.fs, dir: repo.dir, remote })) {
    if (name === 'HEAD') continue;
    const oid = await resolves(repo, `refs/remotes/${remote}/${name}`);
    if (oid) branches.set(name, oid);
  }
  return branches;
}

async function resolves(repo: RepoContext, ref: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs: repo.fs, dir: repo.dir, ref });
  } catch {
    return null;
  }
}

async function configValue(repo: RepoContext, path: string): Promise<string | undefined> {
  const value: unknown = await git.getConfig({ fs: repo.fs, dir: repo.dir, path });
  return typeof value === 'string' ? value : undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
