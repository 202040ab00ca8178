import git from 'isomorphic-git';
import type { RepoContext } from './repo';

export interface Upstream {
  /** `origin/main` */
  name: string;
  ahead: number;
  behind: number;
}

const divergence = new Map<string, { ahead: number; behind: number }>();
/** Past this many commits on either side the counts stop (shown as at least this). */
const WALK_LIMIT = 5_000;

/** The branch's upstream from `branch.<name>.remote/merge`, and how far HEAD is ahead of and behind it. */
export async function upstreamOf(repo: RepoContext, branch: string, head: string | null): Promise<Upstream | null> {
  const name = await upstreamName(repo, branch);
  if (name === null) return null;
  let theirs: string;
  try {
    theirs = await git.resolveRef({ fs: repo.fs, dir: repo.dir, ref: `refs/remotes/${name}` });
  } catch {
    // Configured but never fetched: nothing to compare yet.
    return { name, ahead: 0, behind: 0 };
  }
  if (head === null) return { name, ahead: 0, behind: 0 };
  return { name, ...(await countDivergence(repo, head, theirs)) };
}

/** `origin/main` from `branch.<name>.remote` and `.merge`; null when it tracks nothing (or a local branch). */
export async function upstreamName(repo: RepoContext, branch: string): Promise<string | null> {
  const remote = (await git.getConfig({ fs: repo.fs, dir: repo.dir, path: `branch.${branch}.remote` })) as unknown;
  const merge = (await git.getConfig({ fs: repo.fs, dir: repo.dir, path: `branch.${branch}.merge` })) as unknown;
  if (typeof remote !== 'string' || typeof merge !== 'string' || remote === '.') return null;
  return `${remote}/${merge.replace(/^refs\/heads\//, '')}`;
}

/** Commits reachable from `ours` and not `theirs` (ahead), and the reverse (behind); cached by the pair. */
export async function countDivergence(repo: RepoContext, ours: string, theirs: string): Promise<{ ahead: number; behind: number }> {
  if (ours === theirs) return { ahead: 0, behind: 0 };
  const key = `${repo.gitdir}:${ours}:${theirs}`;
  const cached = divergence.get(key);
  if (cached) return cached;
  const fromOurs = await ancestors(repo, ours);
  const fromTheirs = await ancestors(repo, theirs);
  let ahead = 0;
  let behind = 0;
  for (const oid of fromOurs) if (!fromTheirs.has(oid)) ahead += 1;
  for (const oid of fromTheirs) if (!fromOurs.has(oid)) behind += 1;
  const result = { ahead, behind };
  if (divergence.size > 1000) divergence.clear();
  divergence.set(key, result);
  return result;
}

async function ancestors(repo: RepoContext, start: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0 && seen.size < WALK_LIMIT) {
    const oid = queue.pop() as string;
    if (seen.has(oid)) continue;
    seen.add(oid);
    try {
      const { commit } = await git.readCommit({ fs: repo.fs, dir: repo.dir, oid, cache: repo.cache });
      queue.push(...commit.parent);
    } catch {
      // A shallow clone's boundary: stop here.
    }
  }
  return seen;
}
