import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import { WorkbenchError, type DataFormat } from '../../shared/contract';
import { formatOf } from './sql';

const SAMPLE_BYTES = 64 * 1024;

export interface ResolvedSource {
  format: DataFormat;
  /** What the reader is given: the file, or a glob. */
  location: string;
  files: string[];
}

const isGlob = (path: string): boolean => /[*?[]/.test(path);

/**
 * Turns what the user gave (a file, a folder, a glob) into files of one format,
 * checking each the way a person would want to hear about it (unless `check`
 * is false: a dataset already added is only listed again).
 */
export function resolveSource(path: string, format: DataFormat | undefined, { check = true } = {}): ResolvedSource {
  const checked = (source: ResolvedSource): ResolvedSource => (check ? checkFiles(source) : source);
  if (isGlob(path)) {
    const files = globSync(path, { absolute: true }).filter((file) => statOrNull(file)?.isFile()).sort();
    const [first] = files;
    if (!first) throw new WorkbenchError('not_found', `No file matches ${path}.`, { path });
    return checked({ format: format ?? formatOf(first), location: path, files });
  }
  const stats = statOrNull(path);
  if (!stats) throw new WorkbenchError('not_found', `${path} does not exist.`, { path });
  if (stats.isDirectory()) {
    const files = globSync('**/*', { cwd: path, absolute: true, dot: false }).filter((file) => statOrNull(file)?.isFile());
    const formats = new Set(files.map((file) => safeFormat(file)).filter((f) => f !== null));
    const chosen = format ?? (formats.size === 1 ? [...formats][0] : undefined);
    if (!chosen) {
      throw new WorkbenchError('invalid_input', `${path}: the folder holds ${formats.size === 0 ? 'no data files' : `files of several formats (${[...formats].join(', ')})`}; give a glob such as ${join(path, '*.parquet')}.`, { path });
    }
    return checked({ format: chosen, location: join(path, '**', `*.${chosen}`), files: files.filter((file) => safeFormat(file) === chosen) });
  }
  return checked({ format: format ?? formatOf(path), location: path, files: [path] });
}

function checkFiles(source: ResolvedSource): ResolvedSource {
  for (const file of source.files) {
    const stats = statSync(file);
    if (stats.size === 0) throw new WorkbenchError('data_unreadable', `${file} is empty.`, { path: file });
    if (['csv', 'tsv', 'json', 'ndjson'].includes(source.format) && looksBinary(file)) {
      throw new WorkbenchError('data_unreadable', `${file} is a binary file, not ${source.format.toUpperCase()} text.`, { path: file });
    }
  }
  return source;
}

/** NUL bytes in the first 8 KiB: text files never have them (UTF-16 aside, which DuckDB cannot read either). */
function looksBinary(file: string): boolean {
  const buffer = readHead(file, 8192);
  return buffer.includes(0);
}

function readHead(file: string, bytes: number, position = 0): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new WorkbenchError('data_unreadable', `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, { path: file });
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, position);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * A cheap fingerprint for lineage: each file's path, size and modification
 * time, and its first and last 64 KiB. Hashing whole multi-gigabyte files would
 * make adding them slow; a change that keeps size, time and both ends is rare.
 */
export function fingerprintFiles(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(fileDigest(file));
  return `sha256:${hash.digest('hex')}`;
}

/** Per-file digests, reused while size and mtime stay put: fingerprints are taken on every profile and chart. */
const digests = new Map<string, { size: number; mtimeMs: number; digest: string }>();

function fileDigest(file: string): string {
  const stats = statSync(file);
  const known = digests.get(file);
  if (known && known.size === stats.size && known.mtimeMs === stats.mtimeMs) return known.digest;
  const hash = createHash('sha256').update(`${file}\0${stats.size}\0${stats.mtimeMs}\0`);
  hash.update(readHead(file, SAMPLE_BYTES));
  if (stats.size > SAMPLE_BYTES) hash.update(readHead(file, SAMPLE_BYTES, Math.max(0, stats.size - SAMPLE_BYTES)));
  const digest = hash.digest('hex');
  digests.set(file, { size: stats.size, mtimeMs: stats.mtimeMs, digest });
  return digest;
}

export function fingerprintText(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function safeFormat(file: string): DataFormat | null {
  try {
    return formatOf(file);
  } catch {
    return null;
  }
}

/** DuckDB's reason, led by the file's name and without its generic advice. */
export function fileError(path: string, error: unknown): unknown {
  if (!(error instanceof WorkbenchError) || error.code === 'cancelled') return error;
  const reason = error.message.split(/\n\s*Possible (?:fixes|Solution)/)[0]?.replace(/^[A-Za-z ]+ Error: /, '').trim() ?? error.message;
  return new WorkbenchError(error.code === 'query_failed' ? 'data_unreadable' : error.code, `${path}: ${reason}`, { ...error.details, path });
}
