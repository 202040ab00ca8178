import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, type Dirent, type ReadStream } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import writeFileAtomic from 'write-file-atomic';
import { WorkbenchError, type ArtifactEntry } from '../../shared/contract';
import { invalid } from './validation';

/**
 * Artifact files under one root (`.workbench/artifacts/mlruns`). Every path
 * from outside is relative, and is refused when it is absolute, climbs with
 * `..`, or leads (through a link) out of the root. Writes are whole or not at
 * all: a temporary file beside the target, fsynced, then renamed over it.
 */
export function safeRelativePath(field: string, path: string): string {
  if (path.includes('\0')) throw invalid(field, 'the path contains a NUL character.');
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:/.test(path)) throw invalid(field, `"${path}" is absolute; give a path relative to the artifact root.`);
  if (path.includes('\\')) throw invalid(field, `"${path}" contains a backslash; separate folders with "/".`);
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) throw invalid(field, `"${path}" climbs out of its folder with ".."; this is refused.`);
  return parts.join('/');
}

export function resolveInside(root: string, relativePath: string): string {
  const full = join(root, ...relativePath.split('/').filter(Boolean));
  const rel = relative(root, full);
  if (rel.startsWith('..') || rel.includes(`${sep}..${sep}`)) throw invalid('path', `"${relativePath}" is outside the artifact root.`);
  return full;
}

function realOrNull(path: string): string | null {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Refuses a path whose existing part resolves (through symbolic links) outside the root. */
function checkRealLocation(root: string, full: string): void {
  mkdirSync(root, { recursive: true }); // so that the walk up below stops at the root at the latest
  const realRoot = realpathSync(root);
  let probe = full;
  for (;;) {
    const real = realOrNull(probe);
    if (real !== null) {
      const rel = relative(realRoot, real);
      if (rel.startsWith('..') || rel === '..') throw invalid('path', `"${relative(root, full)}" leads outside the artifact root through a link; this is refused.`);
      return;
    }
    const parent = dirname(probe);
    if (parent === probe) return;
    probe = parent;
  }
}

export function locate(root: string, field: string, path: string): { relative: string; full: string } {
  const rel = safeRelativePath(field, path);
  const full = resolveInside(root, rel);
  checkRealLocation(root, full);
  return { relative: rel, full };
}

/** A folder's entries, paths relative to `base` (MLflow's FileInfo paths); a missing folder lists nothing. */
export function listFolder(root: string, folder: string, base: string): ArtifactEntry[] {
  const { full } = locate(root, 'path', folder);
  let entries: Dirent[];
  try {
    entries = readdirSync(full, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
  const listed: ArtifactEntry[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.tmp-')) continue; // an upload in flight
    const path = relative(join(root, base), join(full, entry.name)).split(sep).join('/');
    if (entry.isDirectory()) listed.push({ path, isDir: true, size: null });
    else if (entry.isFile()) listed.push({ path, isDir: false, size: statSync(join(full, entry.name)).size });
  }
  return listed;
}

/** Every entry below a folder, depth first, up to `limit` entries. */
export function listTree(root: string, folder: string, limit: number): ArtifactEntry[] {
  const out: ArtifactEntry[] = [];
  const walk = (sub: string): void => {
    for (const entry of listFolder(root, sub ? `${folder}/${sub}` : folder, folder)) {
      if (out.length >= limit) return;
      out.push(entry);
      if (entry.isDir) walk(entry.path);
    }
  };
  walk('');
  return out;
}

export function readText(root: string, path: string, maxBytes: number): string {
  const { full, relative: rel } = locate(root, 'path', path);
  const info = statSync(full, { throwIfNoEntry: false });
  if (!info?.isFile()) throw new WorkbenchError('not_found', `No artifact file "${rel}".`, { path: rel });
  if (info.size > maxBytes) throw new WorkbenchError('payload_too_large', `The artifact "${rel}" is ${info.size} bytes; only files up to ${maxBytes} bytes are shown.`, { path: rel });
  return readFileSync(full, 'utf8');
}

export function openFile(root: string, path: string): { size: number; stream: ReadStream; relative: string } {
  const { full, relative: rel } = locate(root, 'path', path);
  const info = statSync(full, { throwIfNoEntry: false });
  if (!info) throw new WorkbenchError('not_found', `No artifact file "${rel}".`, { path: rel });
  if (!info.isFile()) throw invalid('path', `"${rel}" is a folder; list it instead of downloading it.`);
  return { size: info.size, stream: createReadStream(full), relative: rel };
}

export async function writeWhole(root: string, path: string, data: string | Uint8Array): Promise<string> {
  const { full, relative: rel } = locate(root, 'path', path);
  if (rel === '') throw invalid('path', 'an artifact needs a file name.');
  await mkdir(dirname(full), { recursive: true });
  await writeFileAtomic(full, typeof data === 'string' ? data : Buffer.from(data));
  return rel;
}

/** Streams an upload to a temporary file, fsyncs it and renames it into place; nothing is left half-written. */
export async function writeStream(root: string, path: string, source: Readable, maxBytes: number): Promise<string> {
  const { full, relative: rel } = locate(root, 'path', path);
  if (rel === '') throw invalid('path', 'an artifact needs a file name.');
  await mkdir(dirname(full), { recursive: true });
  const temporary = join(dirname(full), `.tmp-${randomBytes(6).toString('hex')}`);
  let size = 0;
  try {
    const sink = createWriteStream(temporary, { flags: 'wx' });
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) source.destroy(new WorkbenchError('payload_too_large', `The upload of "${rel}" is over ${maxBytes} bytes.`, { path: rel }));
    });
    await pipeline(source, sink);
    const handle = await open(temporary, 'r+');
    await handle.sync().finally(() => handle.close());
    await rename(temporary, full);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return rel;
}
