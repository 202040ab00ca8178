import * as fs from 'node:fs';
import { isAbsolute, join } from 'node:path';
import git from 'isomorphic-git';
import { WorkbenchError, type CredentialsInput } from '../../shared/contract';
import type { JobContext } from '../jobs';
import { loginFor, type GitCredentials } from './credentials';
import { authHandlers, cancelled, progressReporter, transfer } from './transport';

export interface CloneRequest {
  url: string;
  /** An absolute folder that does not exist yet, or is empty. */
  path: string;
  /** Used for this clone only; the service keeps them once the workspace is open. */
  credentials?: CredentialsInput;
  job: JobContext;
  /** Credentials already kept for the URL, tried when none are given. */
  creds?: GitCredentials;
}

/** The branch a clone of an empty repository starts on (as `git init` in the workbench does). */
const EMPTY_CLONE_BRANCH = 'main';

/**
 * Clones an http(s) repository into a new folder, with progress. On failure
 * or cancellation whatever it created is removed, so no half-made repository
 * is left to be opened as a workspace; a folder that was there (empty) before
 * stays, emptied again.
 */
export async function cloneRepository(request: CloneRequest): Promise<{ path: string; branch: string | null }> {
  const { url, path, job } = request;
  if (!isAbsolute(path)) throw new WorkbenchError('invalid_input', `Clone into an absolute folder path, not ${path}.`, { path });
  refuseExisting(path);
  if (job.signal.aborted) throw cancelled('clone', url);
  const created = fs.mkdirSync(path, { recursive: true });
  const given = request.credentials ? loginFor(request.credentials) : null;
  const login = () => (given ? Promise.resolve(given) : (request.creds?.get(url) ?? Promise.resolve(null)));
  try {
    await transfer(job, url, 'clone', (http) =>
      git.clone({ fs, http, dir: path, url, cache: {}, onProgress: progressReporter(job), ...authHandlers(login, url, 'clone') }),
    );
    let branch = (await git.currentBranch({ fs, dir: path, fullname: false })) ?? null;
    if (!(await hasCommits(path))) {
      // isomorphic-git leaves an empty clone on its own default; start it where the workbench's repositories start.
      await git.writeRef({ fs, dir: path, ref: 'HEAD', value: `refs/heads/${EMPTY_CLONE_BRANCH}`, symbolic: true, force: true });
      branch = EMPTY_CLONE_BRANCH;
    }
    return { path, branch };
  } catch (error) {
    removeCreated(path, created);
    throw error;
  }
}

function refuseExisting(path: string): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'ENOTDIR') throw new WorkbenchError('workspace_exists', `${path} is a file; clone into a new folder.`, { path });
    throw error;
  }
  if (entries.length > 0) throw new WorkbenchError('workspace_exists', `${path} already exists and is not empty; clone into a new or empty folder.`, { path });
}

function removeCreated(path: string, created: string | undefined): void {
  if (created !== undefined) {
    fs.rmSync(created, { recursive: true, force: true });
    return;
  }
  for (const entry of fs.readdirSync(path)) fs.rmSync(join(path, entry), { recursive: true, force: true });
}

async function hasCommits(dir: string): Promise<boolean> {
  try {
    await git.resolveRef({ fs, dir, ref: 'HEAD' });
    return true;
  } catch {
    return false;
  }
}
