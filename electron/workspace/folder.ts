import { mkdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { WorkbenchError } from '../../shared/contract';

/** Where a workspace keeps its own state; everything else in the folder is the user's. */
export const STATE_DIR = '.workbench';
export const ARTIFACTS_DIR = 'artifacts';

/** Accepts absolute paths and `~/...`; a relative path is ambiguous for a long-running server. */
export function normalizeWorkspacePath(input: string): string {
  const expanded = input === '~' || input.startsWith('~/') ? join(homedir(), input.slice(1)) : input;
  if (!isAbsolute(expanded)) {
    throw new WorkbenchError('invalid_input', `"${input}" is not an absolute path; give the full path of the folder.`, {
      path: input,
    });
  }
  return resolve(expanded);
}

export function requireFolder(path: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new WorkbenchError('workspace_not_found', `The folder ${path} does not exist.`, { path });
    }
    throw new WorkbenchError('workspace_unwritable', `Cannot read ${path} (${code ?? String(error)}).`, { path });
  }
  if (!isDirectory) throw new WorkbenchError('workspace_not_found', `${path} is a file, not a folder.`, { path });
}

/**
 * Makes `.workbench/` and its artifacts folder, and proves the folder is
 * writable by writing a probe file, which also catches read-only mounts where
 * access() would say yes.
 */
export function prepareStateDir(path: string): string {
  const stateDir = join(path, STATE_DIR);
  try {
    const existing = statSync(stateDir, { throwIfNoEntry: false });
    if (existing && !existing.isDirectory()) {
      throw new WorkbenchError(
        'workspace_corrupt',
        `${stateDir} is a file; the workbench keeps its state in a folder of that name. Move the file away and try again.`,
        { path: stateDir },
      );
    }
    mkdirSync(join(stateDir, ARTIFACTS_DIR), { recursive: true });
    const probe = join(stateDir, `.write-probe-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
    // The store and artifacts are local state: keep them out of the workspace's git history.
    writeFileSync(join(stateDir, '.gitignore'), '*\n', { flag: 'w' });
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new WorkbenchError('workspace_unwritable', `Cannot write in ${path} (${code}); choose a folder you can write to.`, {
      path,
      reason: code,
    });
  }
  return stateDir;
}
