import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, readlinkSync, statSync, lstatSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { IndexEntry } from './index-file';
import { IgnoreRules, type IgnoreLayer } from './ignore-rules';

/** Our view of a working-tree file against its index entry. */
export type WorktreeState = 'unchanged' | 'modified' | 'deleted';

interface Listing {
  mtimeMs: number;
  readAt: number;
  names: { name: string; folder: boolean }[];
}

interface HashedFile {
  key: string;
  oid: string;
  hashedAt: number;
}

/** Timestamps closer than this to the moment we looked are not trusted (the same clock tick can hide a write). */
const RACY_MS = 5;

/**
 * The working tree as status needs it, fast: each tracked file is compared
 * with its index entry by stat, and hashed only when the stat differs (the
 * hash is kept by stat, so an edited-then-restored file is hashed once);
 * untracked files are found by a walk that never enters ignored folders and
 * reuses a folder's listing while the folder's mtime is unchanged.
 */
export class Worktree {
  private readonly listings = new Map<string, Listing>();
  private readonly hashes = new Map<string, HashedFile>();
  readonly ignores: IgnoreRules;

  constructor(
    private readonly dir: string,
    gitdir: string,
  ) {
    this.ignores = new IgnoreRules(dir, gitdir);
  }

  /** Compare one tracked file with its index entry. `indexMtimeMs` is the index file's own mtime (racy-git check). */
  check(entry: IndexEntry, indexMtimeMs: number): WorktreeState {
    if ((entry.mode & 0o170000) === 0o160000) return 'unchanged'; // submodule: not ours to look into
    // Plain concatenation: path.join's normalising costs more than the lstat on 10,000 files.
    const file = `${this.dir}/${entry.path}`;
    let stat: Stats | undefined;
    try {
      stat = lstatSync(file, { throwIfNoEntry: false });
    } catch {
      stat = undefined; // ENOTDIR: a folder on the way became a file
    }
    if (!stat || stat.isDirectory()) return 'deleted';
    if (modeOf(stat) !== entry.mode) return 'modified';
    if (stat.size !== entry.size && !stat.isSymbolicLink()) return 'modified';
    const entryMtimeMs = entry.mtimeSeconds * 1000 + entry.mtimeNanoseconds / 1e6;
    const sameStat = entry.mtimeSeconds === Math.floor(stat.mtimeMs / 1000) && Math.abs(entryMtimeMs - stat.mtimeMs) < 0.001;
    if (sameStat && entryMtimeMs < indexMtimeMs - RACY_MS) return 'unchanged';
    return this.hashOf(file, stat) === entry.oid ? 'unchanged' : 'modified';
  }

  /**
   * Untracked files (not in `tracked`, not ignored), walking from the root.
   * Stops listing after `limit` but keeps counting.
   */
  untracked(tracked: ReadonlySet<string>, limit: number): { files: string[]; count: number } {
    const files: string[] = [];
    let count = 0;
    const walk = (folder: string, layers: IgnoreLayer[]): void => {
      const listing = this.list(folder);
      if (!listing) return;
      const inner = folder === '' ? layers : this.ignores.layersFor(layers, folder);
      for (const { name, folder: isFolder } of listing.names) {
        const path = folder + name;
        if (isFolder) {
          if (name === '.git') continue;
          // A tracked file inside an ignored folder is still checked, through its index entry, never by walking.
          if (IgnoreRules.ignores(inner, `${path}/`)) continue;
          walk(`${path}/`, inner);
        } else if (!tracked.has(path) && !IgnoreRules.ignores(inner, path)) {
          count += 1;
          if (files.length < limit) files.push(path);
        }
      }
    };
    walk('', this.ignores.rootLayers());
    return { files, count };
  }

  /** Folders whose listing is known (walked at least once): ignored folders never appear here. */
  listedFolders(): string[] {
    return [...this.listings.keys()];
  }

  /** The git blob id of a file's content, reusing the last hash while its stat is unchanged. */
  hashOf(file: string, stat: Stats): string {
    const key = `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.mode}`;
    const known = this.hashes.get(file);
    if (known && known.key === key && stat.mtimeMs < known.hashedAt - RACY_MS && stat.ctimeMs < known.hashedAt - RACY_MS) return known.oid;
    const hashedAt = Date.now();
    const content = stat.isSymbolicLink() ? Buffer.from(readlinkSync(file)) : readFileSync(file);
    const oid = createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
    this.hashes.set(file, { key, oid, hashedAt });
    return oid;
  }

  private list(folder: string): Listing | null {
    const path = join(this.dir, folder);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      this.listings.delete(folder);
      return null;
    }
    const cached = this.listings.get(folder);
    if (cached && cached.mtimeMs === mtimeMs && mtimeMs < cached.readAt - RACY_MS) return cached;
    const readAt = Date.now();
    let names: Listing['names'];
    try {
      names = readdirSync(path, { withFileTypes: true }).map((entry) => ({
        name: entry.name,
        // A symlink is a file to git, even one that points at a folder.
        folder: entry.isDirectory(),
      }));
    } catch {
      return null; // unreadable folder: nothing we can list, as git does
    }
    const listing = { mtimeMs, readAt, names };
    this.listings.set(folder, listing);
    return listing;
  }
}

/** The git mode of a file: 100644, 100755 or 120000. */
export function modeOf(stat: Stats): number {
  if (stat.isSymbolicLink()) return 0o120000;
  return stat.mode & 0o100 ? 0o100755 : 0o100644;
}
