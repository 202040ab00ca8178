import git from 'isomorphic-git';
import { WorkbenchError, type GitRefs } from '../../shared/contract';
import { assertNothingOverwritten, checkoutChanges, diffTrees, isGitError } from './checkout';
import type { RepoContext } from './repo';
import { readHead } from './status';
import { upstreamName } from './upstream';

export interface Revision {
  /** The commit it names (annotated tags peeled). */
  oid: string;
  /** The full ref it was found as (`refs/heads/main`); null for a commit id. */
  ref: string | null;
  kind: 'branch' | 'remote' | 'tag' | 'commit';
}

const where = (repo: RepoContext) => ({ fs: repo.fs, dir: repo.dir, gitdir: repo.gitdir, cache: repo.cache });

/** The object a ref points at; null when there is no such ref. */
export async function refOid(repo: RepoContext, ref: string): Promise<string | null> {
  try {
    return await git.resolveRef({ ...where(repo), ref });
  } catch (error) {
    if (isGitError(error, 'NotFoundError')) return null;
    throw error;
  }
}

/**
 * Names of the refs under `prefix` (`refs/heads`), loose and packed; a
 * packed annotated tag's peeled line (`v1^{}`), which isomorphic-git lists as
 * a ref of its own, is left out.
 */
export async function refNames(repo: RepoContext, prefix: string): Promise<string[]> {
  return (await git.listRefs({ ...where(repo), filepath: prefix })).filter((name) => !name.endsWith('^{}'));
}

/** The commit an object leads to through annotated tags; null when it is not a commit (a tagged tree or blob). */
export async function peelToCommit(repo: RepoContext, oid: string): Promise<string | null> {
  try {
    // readCommit follows annotated tags itself and reports the commit it arrived at.
    return (await git.readCommit({ ...where(repo), oid })).oid;
  } catch (error) {
    if (isGitError(error, 'ObjectTypeError')) return null;
    throw error;
  }
}

async function isAnnotatedTag(repo: RepoContext, oid: string): Promise<boolean> {
  try {
    await git.readTag({ ...where(repo), oid });
    return true;
  } catch (error) {
    if (isGitError(error, 'ObjectTypeError')) return false;
    throw error;
  }
}

/**
 * What the user typed, as git resolves it: a local branch, a remote branch
 * (`origin/main`), a tag, a full ref name, `HEAD`, or a (short) commit id.
 */
export async function resolveRevision(repo: RepoContext, name: string): Promise<Revision> {
  const candidates: [string, Revision['kind']][] = name.startsWith('refs/')
    ? [[name, name.startsWith('refs/heads/') ? 'branch' : name.startsWith('refs/remotes/') ? 'remote' : name.startsWith('refs/tags/') ? 'tag' : 'commit']]
    : [[`refs/heads/${name}`, 'branch'], [`refs/remotes/${name}`, 'remote'], [`refs/tags/${name}`, 'tag']];
  if (name === 'HEAD') candidates.unshift(['HEAD', 'commit']);
  for (const [ref, kind] of candidates) {
    const oid = await refOid(repo, ref);
    if (oid === null) continue;
    const commit = await peelToCommit(repo, oid);
    if (commit === null) throw new WorkbenchError('invalid_input', `${name} does not point at a commit.`, { ref: name });
    return { oid: commit, ref: ref === 'HEAD' ? null : ref, kind };
  }
  if (/^[0-9a-f]{4,40}$/i.test(name)) {
    try {
      const oid = await git.expandOid({ ...where(repo), oid: name.toLowerCase() });
      const commit = await peelToCommit(repo, oid);
      if (commit !== null) return { oid: commit, ref: null, kind: 'commit' };
    } catch (error) {
      if (!isGitError(error, 'NotFoundError') && !isGitError(error, 'AmbiguousError')) throw error;
    }
  }
  throw new WorkbenchError('not_found', `There is no branch, tag or commit called "${name}".`, { ref: name });
}

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name, undefined, { numeric: true });

export async function listRefs(repo: RepoContext): Promise<GitRefs> {
  const head = await readHead(repo);
  const current = head.detached ? null : head.branch;
  const branches: GitRefs['branches'] = [];
  for (const name of await refNames(repo, 'refs/heads')) {
    const oid = await refOid(repo, `refs/heads/${name}`);
    if (oid !== null) branches.push({ name, oid, current: name === current, upstream: await upstreamName(repo, name) });
  }
  const remoteBranches: GitRefs['remoteBranches'] = [];
  for (const name of await refNames(repo, 'refs/remotes')) {
    if (name.endsWith('/HEAD')) continue; // a pointer to the remote's default branch, not a branch
    const oid = await refOid(repo, `refs/remotes/${name}`);
    if (oid !== null) remoteBranches.push({ name, oid });
  }
  const tags: GitRefs['tags'] = [];
  for (const name of await refNames(repo, 'refs/tags')) {
    const oid = await refOid(repo, `refs/tags/${name}`);
    if (oid === null) continue;
    const annotated = await isAnnotatedTag(repo, oid);
    tags.push({ name, oid: annotated ? ((await peelToCommit(repo, oid)) ?? oid) : oid, annotated });
  }
  return { current, branches: branches.sort(byName), remoteBranches: remoteBranches.sort(byName), tags: tags.sort(byName) };
}

/** Points HEAD at a branch (`refs/heads/x`) or, detached, at a commit. */
async function setHead(repo: RepoContext, target: string): Promise<void> {
  if (target.startsWith('refs/')) await git.writeRef({ ...where(repo), ref: 'HEAD', value: target, symbolic: true, force: true });
  else await git.writeRef({ ...where(repo), ref: 'HEAD', value: target, force: true });
}

/** `origin/feature/x` -> remote `origin`, branch `feature/x` (remote names may hold a slash too). */
async function splitRemoteRef(repo: RepoContext, ref: string): Promise<{ remote: string; branch: string }> {
  const short = ref.replace(/^refs\/remotes\//, '');
  const remotes = (await git.listRemotes(where(repo))).map((r) => r.remote);
  const remote = remotes.find((name) => short.startsWith(`${name}/`)) ?? short.split('/')[0] ?? short;
  return { remote, branch: short.slice(remote.length + 1) };
}

async function setUpstream(repo: RepoContext, branch: string, remoteRef: string): Promise<void> {
  const upstream = await splitRemoteRef(repo, remoteRef);
  await git.setConfig({ ...where(repo), path: `branch.${branch}.remote`, value: upstream.remote });
  await git.setConfig({ ...where(repo), path: `branch.${branch}.merge`, value: `refs/heads/${upstream.branch}` });
}

/**
 * Moves HEAD (and the files that differ) from what is checked out to
 * `target`, refusing first when a local change would be overwritten.
 * `prepare` runs after that check, before any file changes (creating the
 * branch being switched to).
 */
async function moveHead(repo: RepoContext, target: string, headValue: string, action: string, prepare?: () => Promise<void>): Promise<void> {
  const head = await readHead(repo);
  const changes = await diffTrees(repo, head.oid, target);
  await assertNothingOverwritten(repo, changes, action);
  if (prepare) await prepare();
  await checkoutChanges(repo, target, changes);
  await setHead(repo, headValue);
  repo.changed();
}

export async function createBranch(repo: RepoContext, name: string, from?: string, checkout = false): Promise<void> {
  const ref = `refs/heads/${name}`;
  if ((await refOid(repo, ref)) !== null) throw new WorkbenchError('conflict', `A branch named ${name} already exists.`, { branch: name });
  const start = from ? await resolveRevision(repo, from) : null;
  const head = await readHead(repo);
  const oid = start?.oid ?? head.oid;
  if (oid === null) {
    // No commits yet: a branch can only be the name the first commit will go to.
    if (!checkout) throw new WorkbenchError('not_found', `There are no commits yet to start ${name} from. Commit first, or create it with "switch to it" checked.`, { branch: name });
    await setHead(repo, ref);
    repo.changed();
    return;
  }
  const create = async (): Promise<void> => {
    await git.writeRef({ ...where(repo), ref, value: oid });
    // As git does by default: a branch started from a remote branch tracks it.
    if (start?.kind === 'remote' && start.ref) await setUpstream(repo, name, start.ref);
  };
  if (!checkout) {
    await create();
    repo.changed();
    return;
  }
  await moveHead(repo, oid, ref, `Switching to the new branch ${name}`, create);
}

/**
 * Switch to a local branch; a remote branch (`origin/x`) gets a local branch
 * `x` tracking it; a tag or commit is checked out detached. Refused with
 * git_local_changes (nothing touched) when it would overwrite a change.
 */
export async function switchRef(repo: RepoContext, ref: string): Promise<void> {
  const head = await readHead(repo);
  const target = await resolveRevision(repo, ref);
  if (target.kind === 'branch' && target.ref) {
    if (!head.detached && target.ref === `refs/heads/${head.branch ?? ''}`) return;
    await moveHead(repo, target.oid, target.ref, `Switching to ${ref}`);
    return;
  }
  if (target.kind === 'remote' && target.ref) {
    const short = target.ref.replace(/^refs\/remotes\//, '');
    const local = (await splitRemoteRef(repo, target.ref)).branch;
    const localRef = `refs/heads/${local}`;
    const existing = await refOid(repo, localRef);
    if (existing !== null) {
      if ((await upstreamName(repo, local)) !== short) {
        throw new WorkbenchError('conflict', `A local branch ${local} already exists and does not track ${short}. Switch to ${local}, or create a branch with another name from ${short}.`, { branch: local });
      }
      // It already has its local branch: switch to that (pull brings it up to date).
      if (!head.detached && head.branch === local) return;
      await moveHead(repo, existing, localRef, `Switching to ${local}`);
      return;
    }
    await moveHead(repo, target.oid, localRef, `Switching to ${short}`, async () => {
      await git.writeRef({ ...where(repo), ref: localRef, value: target.oid });
      await setUpstream(repo, local, target.ref as string);
    });
    return;
  }
  await moveHead(repo, target.oid, target.oid, `Checking out ${ref}`);
}

export async function renameBranch(repo: RepoContext, from: string, to: string): Promise<void> {
  if (from === to) return;
  const head = await readHead(repo);
  const isCurrent = !head.detached && head.branch === from;
  if ((await refOid(repo, `refs/heads/${to}`)) !== null) throw new WorkbenchError('conflict', `A branch named ${to} already exists.`, { branch: to });
  const oid = await refOid(repo, `refs/heads/${from}`);
  if (oid === null) {
    if (isCurrent && head.oid === null) {
      // The current branch has no commits yet: only HEAD holds its name.
      await setHead(repo, `refs/heads/${to}`);
      repo.changed();
      return;
    }
    throw new WorkbenchError('not_found', `There is no branch called ${from}.`, { branch: from });
  }
  await git.writeRef({ ...where(repo), ref: `refs/heads/${to}`, value: oid });
  for (const key of ['remote', 'merge']) {
    const value = (await git.getConfig({ ...where(repo), path: `branch.${from}.${key}` })) as unknown;
    if (typeof value === 'string') await git.setConfig({ ...where(repo), path: `branch.${to}.${key}`, value });
  }
  if (isCurrent) await setHead(repo, `refs/heads/${to}`);
  // Removes the old ref (loose or packed) and its config section.
  await git.deleteBranch({ ...where(repo), ref: from });
  repo.changed();
}

export async function deleteBranch(repo: RepoContext, name: string, force: boolean): Promise<void> {
  const oid = await refOid(repo, `refs/heads/${name}`);
  if (oid === null) throw new WorkbenchError('not_found', `There is no branch called ${name}.`, { branch: name });
  const head = await readHead(repo);
  if (!head.detached && head.branch === name) {
    throw new WorkbenchError('conflict', `${name} is the current branch; switch to another branch before deleting it.`, { branch: name });
  }
  if (!force) {
    const merged = head.oid !== null && (oid === head.oid || (await git.isDescendent({ ...where(repo), oid: head.oid, ancestor: oid, depth: -1 })));
    if (!merged) {
      throw new WorkbenchError(
        'conflict',
        `${name} has commits that are not merged into ${head.branch ?? 'HEAD'}. Merge it first, or delete it with force, which deletes those commits from the branch list for good.`,
        { branch: name },
      );
    }
  }
  await git.deleteBranch({ ...where(repo), ref: name });
  repo.changed();
}

export async function createTag(repo: RepoContext, name: string, ref?: string, message?: string): Promise<void> {
  if ((await refOid(repo, `refs/tags/${name}`)) !== null) throw new WorkbenchError('conflict', `A tag named ${name} already exists.`, { tag: name });
  const oid = ref ? (await resolveRevision(repo, ref)).oid : (await readHead(repo)).oid;
  if (oid === null) throw new WorkbenchError('not_found', 'There are no commits yet to tag. Commit first.', { tag: name });
  if (message?.trim()) {
    const tagger = await repo.author();
    const text = message.endsWith('\n') ? message : `${message}\n`;
    await git.annotatedTag({ ...where(repo), ref: name, object: oid, message: text, tagger });
  } else {
    await git.tag({ ...where(repo), ref: name, object: oid });
  }
  repo.changed();
}

export async function deleteTag(repo: RepoContext, name: string): Promise<void> {
  if ((await refOid(repo, `refs/tags/${name}`)) === null) throw new WorkbenchError('not_found', `There is no tag called ${name}.`, { tag: name });
  await git.deleteTag({ ...where(repo), ref: name });
  repo.changed();
}
