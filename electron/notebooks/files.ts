import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, unwatchFile, watchFile, writeFileSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { WorkbenchError, type NotebookDocument, type OpenNotebook } from '../../shared/contract';
import { parseNotebook, serializeNotebook, type ReadNotebook } from './ipynb';

const SKIPPED = new Set(['node_modules', '__pycache__', '.workbench', '.git', '.ipynb_checkpoints']);
const MAX_LISTED = 5_000;
/** How often open notebooks are checked for changes made elsewhere. */
const WATCH_INTERVAL_MS = 1_000;

/** A notebook path inside the workspace, resolved; anything pointing outside is refused. */
export function notebookFile(root: string, path: string): string {
  if (isAbsolute(path)) throw new WorkbenchError('invalid_input', `${path}: give the notebook's path relative to the workspace.`);
  const file = resolve(root, path);
  if (file !== root && !file.startsWith(root + sep)) throw new WorkbenchError('invalid_input', `${path} is outside the workspace.`);
  return file;
}

/** The .ipynb files of the workspace, outside hidden and tool folders. */
export function listNotebooks(root: string): { path: string; size: number; mtimeMs: number }[] {
  const found: { path: string; size: number; mtimeMs: number }[] = [];
  const walk = (dir: string, depth: number): void => {
    if (depth > 8 || found.length >= MAX_LISTED) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (entry.isFile() && entry.name.endsWith('.ipynb')) {
        const stats = statSync(full, { throwIfNoEntry: false });
        if (stats) found.push({ path: relative(root, full).split(sep).join('/'), size: stats.size, mtimeMs: stats.mtimeMs });
      }
    }
  };
  walk(root, 0);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

export function readNotebookFile(file: string, shown: string): ReadNotebook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbenchError('not_found', `${shown} does not exist.`);
    throw new WorkbenchError('notebook_invalid', `${shown} could not be read: ${(error as Error).message}`);
  }
  return parseNotebook(text, shown);
}

/**
 * Writes `text` to `file` whole or not at all: a temporary file beside it,
 * flushed, then renamed over it (or, with `exclusive`, linked, which fails
 * when the file exists). A full disk leaves the old file as it was.
 */
export function writeWhole(file: string, text: string, exclusive = false): Stats {
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${randomBytes(6).toString('hex')}.ipynb.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      // writeFileSync loops until every byte is written; a bare writeSync may stop short on a full disk.
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (exclusive) {
      linkSync(temp, file);
      unlinkSync(temp);
    } else renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WorkbenchError('conflict', `${file} already exists.`);
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new WorkbenchError('disk_full', `The disk is full: ${file} was not saved (the file on disk is unchanged).`);
    throw new WorkbenchError('workspace_unwritable', `${file} could not be written: ${(error as Error).message}`);
  }
  return statSync(file);
}

/** Notebooks the UI has open: saved with care, and watched for changes made elsewhere. */
export class NotebookFiles {
  /** File → the mtime the workbench last read or wrote. */
  private readonly known = new Map<string, number>();

  constructor(private readonly onChangedOnDisk: (path: string, mtimeMs: number) => void) {}

  open(root: string, path: string): OpenNotebook {
    const file = notebookFile(root, path);
    const { notebook } = readNotebookFile(file, path);
    const mtimeMs = statSync(file).mtimeMs;
    this.watch(file, path, mtimeMs);
    return { path, notebook, mtimeMs };
  }

  create(root: string, path: string, notebook: NotebookDocument): OpenNotebook {
    const file = notebookFile(root, path);
    const stats = writeWhole(file, serializeNotebook(notebook, null), true);
    this.watch(file, path, stats.mtimeMs);
    return { path, notebook, mtimeMs: stats.mtimeMs };
  }

  save(root: string, input: { path: string; notebook: NotebookDocument; expectedMtimeMs: number | null; force: boolean }): { path: string; mtimeMs: number } {
    const file = notebookFile(root, input.path);
    const current = statSync(file, { throwIfNoEntry: false });
    if (current && !input.force && input.expectedMtimeMs !== null && current.mtimeMs !== input.expectedMtimeMs) {
      throw new WorkbenchError('conflict', `${input.path} was changed on disk since it was opened: reload it, or save again to overwrite.`, { mtimeMs: current.mtimeMs });
    }
    // What is on disk now is the original to keep unchanged parts of, when it still reads as a notebook.
    let original: ReadNotebook | null = null;
    if (current) {
      try {
        original = readNotebookFile(file, input.path);
      } catch {
        original = null;
      }
    }
    const text = serializeNotebook(input.notebook, original);
    if (original && text === original.text && current) return { path: input.path, mtimeMs: current.mtimeMs };
    const stats = writeWhole(file, text);
    this.watch(file, input.path, stats.mtimeMs);
    return { path: input.path, mtimeMs: stats.mtimeMs };
  }

  close(root: string, path: string): void {
    const file = notebookFile(root, path);
    if (!this.known.delete(file)) return;
    unwatchFile(file);
  }

  closeAll(): void {
    for (const file of this.known.keys()) unwatchFile(file);
    this.known.clear();
  }

  private watch(file: string, path: string, mtimeMs: number): void {
    const watched = this.known.has(file);
    this.known.set(file, mtimeMs);
    if (watched) return;
    watchFile(file, { interval: WATCH_INTERVAL_MS, persistent: false }, (now) => {
      const ours = this.known.get(file);
      if (ours === undefined || now.mtimeMs === 0 || now.mtimeMs === ours) return;
      this.known.set(file, now.mtimeMs);
      this.onChangedOnDisk(path, now.mtimeMs);
    });
  }
}
