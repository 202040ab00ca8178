import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import git from 'isomorphic-git';
import { WorkbenchError, type FileDiff } from '../../shared/contract';
import { commitFiles } from './head-tree';
import { readIndex } from './index-file';
import type { RepoContext } from './repo';
import { notebookSides } from './notebook-diff';
import { readHead } from './status';

/** Files past this size are shown as too large: Monaco freezes on huge texts, and they are rarely code. */
export const DIFF_LIMIT_BYTES = 5 * 1024 * 1024;

export type DiffTarget =
  | { kind: 'unstaged'; path: string }
  | { kind: 'staged'; path: string }
  | { kind: 'commit'; path: string; commit: string };

type Side = { bytes: Buffer } | { tooLarge: number } | null;

/** Both sides of one file, read no further than the limit, ready for the diff editor. */
export async function fileDiff(repo: RepoContext, target: DiffTarget, notebookOutputs: boolean): Promise<FileDiff> {
  const [before, after] = await sides(repo, target);
  const path = target.path;
  const base: FileDiff = { path, original: null, modified: null, language: languageOf(path), binary: false, tooLarge: null, notebook: null };
  const large = [before, after].find((side): side is { tooLarge: number } => side !== null && 'tooLarge' in side);
  if (large) return { ...base, tooLarge: { bytes: large.tooLarge, limit: DIFF_LIMIT_BYTES } };
  const oldBytes = before && 'bytes' in before ? before.bytes : null;
  const newBytes = after && 'bytes' in after ? after.bytes : null;
  if ((oldBytes && isBinary(oldBytes)) || (newBytes && isBinary(newBytes))) return { ...base, binary: true };
  const original = oldBytes?.toString('utf8') ?? null;
  const modified = newBytes?.toString('utf8') ?? null;
  if (extname(path).toLowerCase() === '.ipynb') {
    const notebook = notebookSides(original, modified, notebookOutputs);
    return {
      ...base,
      original: notebook.original,
      modified: notebook.modified,
      language: notebook.unreadable ? 'json' : 'python',
      notebook: { outputs: notebookOutputs, cells: notebook.cells, unreadable: notebook.unreadable },
    };
  }
  return { ...base, original, modified };
}

async function sides(repo: RepoContext, target: DiffTarget): Promise<[Side, Side]> {
  const { path } = target;
  if (target.kind === 'unstaged') {
    const index = readIndex(repo.gitdir);
    const entry = index.entries.get(path);
    if (!entry && index.conflicted.has(path)) {
      // Mid-merge there is no stage-0 entry: show the markers against our side (HEAD), as `git diff` does.
      const ours = (await commitFiles(repo, (await readHead(repo)).oid)).get(path);
      return [ours ? await blob(repo, ours.oid) : null, worktreeFile(repo, path)];
    }
    return [entry ? await blob(repo, entry.oid, entry.size) : null, worktreeFile(repo, path)];
  }
  if (target.kind === 'staged') {
    const head = (await readHead(repo)).oid;
    const inHead = (await commitFiles(repo, head)).get(path);
    const entry = readIndex(repo.gitdir).entries.get(path);
    return [inHead ? await blob(repo, inHead.oid) : null, entry ? await blob(repo, entry.oid, entry.size) : null];
  }
  let commit;
  try {
    ({ commit } = await git.readCommit({ fs: repo.fs, dir: repo.dir, oid: target.commit, cache: repo.cache }));
  } catch {
    throw new WorkbenchError('not_found', `There is no commit ${target.commit.slice(0, 7)} in this repository.`, { commit: target.commit });
  }
  const parent = commit.parent[0] ?? null;
  const now = (await commitFiles(repo, target.commit)).get(path);
  const then = (await commitFiles(repo, parent)).get(path);
  return [then ? await blob(repo, then.oid) : null, now ? await blob(repo, now.oid) : null];
}

async function blob(repo: RepoContext, oid: string, knownSize?: number): Promise<Side> {
  if (knownSize !== undefined && knownSize > DIFF_LIMIT_BYTES) return { tooLarge: knownSize };
  const { blob: bytes } = await git.readBlob({ fs: repo.fs, dir: repo.dir, oid, cache: repo.cache });
  if (bytes.length > DIFF_LIMIT_BYTES) return { tooLarge: bytes.length };
  return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
}

function worktreeFile(repo: RepoContext, path: string): Side {
  const file = join(repo.dir, path);
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return null;
  if (stat.size > DIFF_LIMIT_BYTES) return { tooLarge: stat.size };
  const bytes = Buffer.alloc(stat.size);
  const fd = openSync(file, 'r');
  try {
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: bytes.subarray(0, read) };
  } finally {
    closeSync(fd);
  }
}

/** Git's own rule: a NUL byte in the first 8,000 bytes. */
function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

const languages: Record<string, string> = {
  '.py': 'python',
  '.ipynb': 'python',
  '.sql': 'sql',
  '.r': 'r',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.ts': 'typescript',
  '.tsx': 'typescript',
  '.json': 'json',
  '.md': 'markdown',
  '.yml': 'yaml',
  '.yaml': 'yaml',
  '.sh': 'shell',
  '.toml': 'ini',
  '.cfg': 'ini',
  '.ini': 'ini',
  '.html': 'html',
  '.css': 'css',
  '.xml': 'xml',
  '.java': 'java',
  '.scala': 'scala',
  '.go': 'go',
  '.rs': 'rust',
  '.c': 'c',
  '.cpp': 'cpp',
  '.h': 'cpp',
  '.dockerfile': 'dockerfile',
};

function languageOf(path: string): string {
  if (/(^|\/)Dockerfile$/.test(path)) return 'dockerfile';
  return languages[extname(path).toLowerCase()] ?? 'plaintext';
}
