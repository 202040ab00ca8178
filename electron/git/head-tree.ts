import git from 'isomorphic-git';
import type { RepoContext } from './repo';

export interface TreeFile {
  oid: string;
  mode: string;
}

/**
 * Flattened trees (path -> blob) by tree oid. Trees are immutable, so a
 * commit re-reads only the folders it changed; everything else comes from
 * here. Bounded so a long session that walks many commits stays small.
 */
const subtrees = new Map<string, Map<string, TreeFile>>();
const MAX_SUBTREES = 20_000;

/** Every file of a commit's tree, by path; an empty map when `commit` is null (no commits yet). */
export async function commitFiles(repo: RepoContext, commit: string | null): Promise<Map<string, TreeFile>> {
  if (commit === null) return new Map();
  const { commit: parsed } = await git.readCommit({ fs: repo.fs, dir: repo.dir, oid: commit, cache: repo.cache });
  return flattenTree(repo, parsed.tree);
}

export async function flattenTree(repo: RepoContext, treeOid: string): Promise<Map<string, TreeFile>> {
  const cached = subtrees.get(treeOid);
  if (cached) return cached;
  const { tree } = await git.readTree({ fs: repo.fs, dir: repo.dir, oid: treeOid, cache: repo.cache });
  // Sibling folders are read together: a cold read is mostly waiting on object files.
  const inner = await Promise.all(tree.map((entry) => (entry.type === 'tree' ? flattenTree(repo, entry.oid) : Promise.resolve(null))));
  const files = new Map<string, TreeFile>();
  tree.forEach((entry, position) => {
    const folder = inner[position];
    if (folder) {
      for (const [path, file] of folder) files.set(`${entry.path}/${path}`, file);
    } else {
      // Submodules (commit entries) are kept so their paths are not reported as deleted.
      files.set(entry.path, { oid: entry.oid, mode: entry.mode });
    }
  });
  if (subtrees.size >= MAX_SUBTREES) subtrees.clear();
  subtrees.set(treeOid, files);
  return files;
}
