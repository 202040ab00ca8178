import git from 'isomorphic-git';
import { WorkbenchError, type CommitDetails, type CommitSummary, type GitLog } from '../../shared/contract';
import { diffTrees, isGitError } from './checkout';
import { peelToCommit, refNames, refOid } from './refs';
import type { RepoContext } from './repo';

type Signature = CommitSummary['author'];

/** What the log needs of a commit: small, and immutable like the commit itself. */
interface LogCommit {
  oid: string;
  parents: string[];
  subject: string;
  author: Signature;
  /** Committer time, seconds: the order among commits the graph leaves free. */
  time: number;
}

/**
 * Parsed commits by oid, per repository (`gitdir`). Commits never change, so
 * a later log reads only what is new. `null` marks a commit that is not there
 * (the boundary of a shallow clone).
 */
const commitStores = new Map<string, Map<string, LogCommit | null>>();
/** The last full order per repository, reused while the refs point at the same commits (paging). */
const lastOrders = new Map<string, { key: string; order: LogCommit[] }>();

const where = (repo: RepoContext) => ({ fs: repo.fs, dir: repo.dir, gitdir: repo.gitdir, cache: repo.cache });

async function loadCommit(repo: RepoContext, store: Map<string, LogCommit | null>, oid: string): Promise<LogCommit | null> {
  const known = store.get(oid);
  if (known !== undefined) return known;
  let parsed: LogCommit | null = null;
  try {
    const { commit } = await git.readCommit({ ...where(repo), oid });
    parsed = { oid, parents: commit.parent, subject: subjectOf(commit.message), author: commit.author, time: commit.committer.timestamp };
  } catch (error) {
    if (!isGitError(error, 'NotFoundError')) throw error;
  }
  store.set(oid, parsed);
  return parsed;
}

function subjectOf(message: string): string {
  return message.trimStart().split('\n', 1)[0]?.trimEnd() ?? '';
}

/**
 * Labels of the commits refs point at, as `git log --decorate` shows them:
 * `HEAD`, local branches, remote branches (`origin/main`) and `tag: v1`.
 */
export async function refLabels(repo: RepoContext): Promise<Map<string, string[]>> {
  const labels = new Map<string, string[]>();
  const add = (oid: string | null, label: string): void => {
    if (oid === null) return;
    const list = labels.get(oid);
    if (list) list.push(label);
    else labels.set(oid, [label]);
  };
  add(await refOid(repo, 'HEAD'), 'HEAD');
  for (const name of await refNames(repo, 'refs/heads')) add(await refOid(repo, `refs/heads/${name}`), name);
  for (const name of await refNames(repo, 'refs/remotes')) {
    if (!name.endsWith('/HEAD')) add(await refOid(repo, `refs/remotes/${name}`), name);
  }
  for (const name of await refNames(repo, 'refs/tags')) {
    const oid = await refOid(repo, `refs/tags/${name}`);
    // A tag of a tree or blob has no place in the history.
    if (oid !== null) add(await peelToCommit(repo, oid), `tag: ${name}`);
  }
  return labels;
}

/**
 * Every commit reachable from `starts`, children before parents, and among
 * the commits that are free to come next, the newest committed first (git's
 * --date-order; equal times keep the order they became free in).
 */
async function orderedCommits(repo: RepoContext, starts: string[]): Promise<LogCommit[]> {
  let store = commitStores.get(repo.gitdir);
  if (!store) {
    store = new Map();
    commitStores.set(repo.gitdir, store);
  }
  const key = [...new Set(starts)].sort().join(',');
  const last = lastOrders.get(repo.gitdir);
  if (last?.key === key) return last.order;

  const commits = new Map<string, LogCommit>();
  let frontier = [...new Set(starts)];
  while (frontier.length > 0) {
    // One generation at a time, read in parallel: the reads are independent.
    const loaded = await Promise.all(frontier.map((oid) => loadCommit(repo, store, oid)));
    const next = new Set<string>();
    for (const commit of loaded) {
      if (!commit || commits.has(commit.oid)) continue;
      commits.set(commit.oid, commit);
      for (const parent of commit.parents) if (!commits.has(parent)) next.add(parent);
    }
    frontier = [...next];
  }

  const waitingChildren = new Map<string, number>();
  for (const commit of commits.values()) {
    for (const parent of commit.parents) if (commits.has(parent)) waitingChildren.set(parent, (waitingChildren.get(parent) ?? 0) + 1);
  }
  const ready = new NewestFirst();
  for (const commit of commits.values()) if (!waitingChildren.has(commit.oid)) ready.push(commit);
  const order: LogCommit[] = [];
  for (let commit = ready.pop(); commit; commit = ready.pop()) {
    order.push(commit);
    for (const parent of commit.parents) {
      const waiting = waitingChildren.get(parent);
      if (waiting === undefined) continue;
      if (waiting > 1) {
        waitingChildren.set(parent, waiting - 1);
      } else {
        waitingChildren.delete(parent);
        ready.push(commits.get(parent) as LogCommit);
      }
    }
  }
  lastOrders.set(repo.gitdir, { key, order });
  return order;
}

/** Commits reachable from every branch, remote branch, tag and HEAD, newest first (topological), one page. */
export async function gitLog(repo: RepoContext, { limit, skip }: { limit: number; skip: number }): Promise<GitLog> {
  const labels = await refLabels(repo);
  const order = await orderedCommits(repo, [...labels.keys()]);
  const page = order.slice(skip, skip + limit);
  return {
    commits: page.map((commit) => ({ oid: commit.oid, parents: commit.parents, subject: commit.subject, author: commit.author, refs: labels.get(commit.oid) ?? [] })),
    hasMore: skip + limit < order.length,
  };
}

/** A commit's message, people, parents and the files it changed against its first parent (all added for a root commit). */
export async function showCommit(repo: RepoContext, oid: string): Promise<CommitDetails> {
  let read;
  try {
    read = await git.readCommit({ ...where(repo), oid });
  } catch (error) {
    if (isGitError(error, 'NotFoundError') || isGitError(error, 'ObjectTypeError')) {
      throw new WorkbenchError('not_found', `There is no commit ${oid.slice(0, 12)} in this repository.`, { oid });
    }
    throw error;
  }
  const { commit } = read;
  let parentTree: string | null = null;
  const [firstParent] = commit.parent;
  if (firstParent) {
    try {
      parentTree = (await git.readCommit({ ...where(repo), oid: firstParent })).commit.tree;
    } catch (error) {
      // A shallow clone's oldest commit: its parent was never fetched, so it is shown against nothing.
      if (!isGitError(error, 'NotFoundError')) throw error;
    }
  }
  const changes = await diffTrees(repo, parentTree, commit.tree);
  const labels = await refLabels(repo);
  return {
    oid: read.oid,
    parents: commit.parent,
    subject: subjectOf(commit.message),
    author: commit.author,
    refs: labels.get(read.oid) ?? [],
    message: commit.message.replace(/\n+$/, ''),
    committer: commit.committer,
    files: changes.map(({ path, change }) => ({ path, change })),
  };
}

/** A binary heap of commits, newest committer time on top; ties leave in the order they came. */
class NewestFirst {
  private readonly items: { commit: LogCommit; seq: number }[] = [];
  private seq = 0;

  push(commit: LogCommit): void {
    this.items.push({ commit, seq: this.seq++ });
    let i = this.items.length - 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.before(i, up)) break;
      this.swap(i, up);
      i = up;
    }
  }

  pop(): LogCommit | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (!top || !last) return undefined;
    if (this.items.length > 0) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const [left, right] = [2 * i + 1, 2 * i + 2];
        let best = i;
        if (left < this.items.length && this.before(left, best)) best = left;
        if (right < this.items.length && this.before(right, best)) best = right;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top.commit;
  }

  private before(a: number, b: number): boolean {
    const [x, y] = [this.items[a], this.items[b]];
    if (!x || !y) return false;
    return x.commit.time !== y.commit.time ? x.commit.time > y.commit.time : x.seq < y.seq;
  }

  private swap(a: number, b: number): void {
    const [x, y] = [this.items[a], this.items[b]];
    if (x && y) [this.items[a], this.items[b]] = [y, x];
  }
}
