import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../shared/contract';

/** One entry of `.git/index`, with the stat fields status compares. */
export interface IndexEntry {
  path: string;
  oid: string;
  mode: number;
  size: number;
  mtimeSeconds: number;
  mtimeNanoseconds: number;
  /** 0 normally; 1-3 for the base, ours and theirs of a conflict. */
  stage: number;
}

export interface GitIndex {
  /** Stage-0 entries by path. */
  entries: Map<string, IndexEntry>;
  /** Paths with conflict stages (1-3). */
  conflicted: Set<string>;
  /** mtime of the index file itself, in ms: entries modified at or after it are "racily clean" and must be hashed. */
  mtimeMs: number;
}

const cache = new Map<string, { key: string; index: GitIndex }>();

/**
 * Reads `.git/index` (versions 2-4), checking its SHA-1 trailer, cached by the
 * file's stat. isomorphic-git can read the index too, but only through its
 * full status walk; status needs the raw stat fields of 10,000 entries in a
 * few milliseconds, so this small read-only parser exists. Writing the index
 * is left to isomorphic-git.
 */
export function readIndex(gitdir: string): GitIndex {
  const file = join(gitdir, 'index');
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return { entries: new Map(), conflicted: new Set(), mtimeMs: 0 };
  const key = `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
  const cached = cache.get(file);
  if (cached?.key === key) return cached.index;
  const index = parseIndex(readFileSync(file), file);
  index.mtimeMs = stat.mtimeMs;
  cache.set(file, { key, index });
  return index;
}

export function parseIndex(buffer: Buffer, file: string): GitIndex {
  const corrupt = (why: string): WorkbenchError =>
    new WorkbenchError('git_index_corrupt', `The git index ${file} is corrupt (${why}). Your files are untouched; use "Repair index" to rebuild it from the last commit.`, { file });
  if (buffer.length < 32 || buffer.toString('latin1', 0, 4) !== 'DIRC') throw corrupt('it does not start with the DIRC signature');
  const version = buffer.readUInt32BE(4);
  if (version < 2 || version > 4) throw corrupt(`unknown version ${version}`);
  const body = buffer.subarray(0, buffer.length - 20);
  const expected = buffer.subarray(buffer.length - 20).toString('hex');
  if (createHash('sha1').update(body).digest('hex') !== expected) throw corrupt('its checksum does not match');

  const count = buffer.readUInt32BE(8);
  const entries = new Map<string, IndexEntry>();
  const conflicted = new Set<string>();
  let offset = 12;
  let previousPath = '';
  for (let n = 0; n < count; n += 1) {
    if (offset + 62 > body.length) throw corrupt(`entry ${n + 1} of ${count} runs past the end`);
    const start = offset;
    const flags = buffer.readUInt16BE(offset + 60);
    offset += 62;
    if (flags & 0x4000) offset += 2; // extended flags (v3+): skip-worktree, intent-to-add
    let path: string;
    if (version === 4) {
      // Prefix compression: a varint of bytes to drop from the previous path, then the rest.
      let strip = 0;
      let byte = buffer[offset++] ?? 0;
      strip = byte & 0x7f;
      while (byte & 0x80) {
        byte = buffer[offset++] ?? 0;
        strip = ((strip + 1) << 7) | (byte & 0x7f);
      }
      const end = buffer.indexOf(0, offset);
      if (end < 0 || end >= body.length) throw corrupt(`entry ${n + 1} has no end`);
      path = previousPath.slice(0, previousPath.length - strip) + buffer.toString('utf8', offset, end);
      offset = end + 1;
    } else {
      const end = buffer.indexOf(0, offset);
      if (end < 0 || end >= body.length) throw corrupt(`entry ${n + 1} has no end`);
      path = buffer.toString('utf8', offset, end);
      // Entries are NUL-padded to a multiple of 8 bytes.
      offset = start + Math.ceil((end - start + 1) / 8) * 8;
    }
    previousPath = path;
    const stage = (flags >> 12) & 0x3;
    if (stage > 0) {
      conflicted.add(path);
      continue;
    }
    entries.set(path, {
      path,
      oid: buffer.toString('hex', start + 40, start + 60),
      mode: buffer.readUInt32BE(start + 24),
      size: buffer.readUInt32BE(start + 36),
      mtimeSeconds: buffer.readUInt32BE(start + 8),
      mtimeNanoseconds: buffer.readUInt32BE(start + 12),
      stage,
    });
  }
  return { entries, conflicted, mtimeMs: 0 };
}

/** Forget the cached index (after a repair that may keep the same stat). */
export function forgetIndex(gitdir: string): void {
  cache.delete(join(gitdir, 'index'));
}
