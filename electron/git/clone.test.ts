import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeBareRepo, seedBareRepo, startGitHttpServer, type GitHttpServer } from '../../test/git-http-server';
import { gitCli } from '../../test/git-repo';
import { failure, tempDir } from '../../test/helpers';
import type { JobContext } from '../jobs';
import { cloneRepository } from './clone';

function testJob(onProgress?: (job: { controller: AbortController }, message?: string) => void): JobContext & { controller: AbortController; phases: string[] } {
  const controller = new AbortController();
  const phases: string[] = [];
  const job = {
    controller,
    phases,
    signal: controller.signal,
    progress: (_fraction: number | null, message?: string) => {
      if (message) phases.push(message);
      onProgress?.(job, message);
    },
  };
  return job;
}

let home: ReturnType<typeof tempDir>;
let root: string;
let server: GitHttpServer | null;

beforeEach(() => {
  home = tempDir('git-clone-');
  root = join(home.path, 'served');
  server = null;
});

afterEach(async () => {
  await server?.close();
  home.cleanup();
});

async function serve(auth?: { username: string; password: string }): Promise<GitHttpServer> {
  server = await startGitHttpServer({ root, ...(auth ? { auth } : {}) });
  return server;
}

describe('cloneRepository', () => {
  it('clones over smart HTTP with progress, into a folder it creates, checked out on the default branch', async () => {
    const bare = seedBareRepo(root, 'project.git', { 'README.md': '# project\n', 'src/train.py': 'print(1)\n' });
    const url = (await serve()).url('project.git');
    const path = join(home.path, 'nested', 'project');
    const job = testJob();
    expect(await cloneRepository({ url, path, job })).toEqual({ path, branch: 'main' });
    expect(readFileSync(join(path, 'src/train.py'), 'utf8')).toBe('print(1)\n');
    expect(gitCli(path, 'rev-parse', 'HEAD').trim()).toBe(gitCli(bare, 'rev-parse', 'main').trim());
    expect(gitCli(path, 'status', '--porcelain').trim()).toBe('');
    expect(gitCli(path, 'config', 'remote.origin.url').trim()).toBe(url);
    gitCli(path, 'fsck', '--strict');
    expect(new Set(job.phases)).toEqual(new Set(['Counting objects', 'Compressing objects', 'Receiving objects', 'Resolving deltas', 'Analyzing workdir', 'Updating workdir']));
  });

  it('clones an empty repository onto branch main', async () => {
    makeBareRepo(root, 'empty.git');
    const url = (await serve()).url('empty.git');
    const path = join(home.path, 'empty');
    expect(await cloneRepository({ url, path, job: testJob() })).toEqual({ path, branch: 'main' });
    expect(gitCli(path, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
  });

  it('refuses a relative path and a folder that is not empty, touching neither', async () => {
    seedBareRepo(root, 'p.git', { 'a.txt': 'a\n' });
    const url = (await serve()).url('p.git');
    expect((await failure(cloneRepository({ url, path: 'relative/place', job: testJob() }))).code).toBe('invalid_input');
    const busy = join(home.path, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine\n');
    const refused = await failure(cloneRepository({ url, path: busy, job: testJob() }));
    expect(refused.code).toBe('workspace_exists');
    expect(refused.message).toContain(busy);
    expect(readdirSync(busy)).toEqual(['notes.txt']);
  });

  it('uses the credentials given, fails with git_auth_failed on wrong ones and leaves nothing behind', async () => {
    seedBareRepo(root, 'private.git', { 'a.txt': 'a\n' });
    const auth = { username: 'ada', password: 'correct-horse' };
    const url = (await serve(auth)).url('private.git');
    const path = join(home.path, 'private');

    const wrong = await failure(cloneRepository({ url, path, job: testJob(), credentials: { kind: 'basic', username: 'ada', password: 'battery-staple' } }));
    expect(wrong.code).toBe('git_auth_failed');
    expect(wrong.message).toContain(url);
    expect(wrong.message).not.toContain('battery-staple');
    expect(existsSync(path)).toBe(false);

    expect((await failure(cloneRepository({ url, path, job: testJob() }))).code).toBe('git_auth_failed');
    expect(existsSync(path)).toBe(false);

    await cloneRepository({ url, path, job: testJob(), credentials: { kind: 'basic', ...auth } });
    expect(readFileSync(join(path, 'a.txt'), 'utf8')).toBe('a\n');
    expect(readFileSync(join(path, '.git', 'config'), 'utf8')).not.toContain(auth.password);
  });

  it('names a remote it cannot reach and removes the folder it made', async () => {
    const closed = await startGitHttpServer({ root });
    const url = closed.url('p.git');
    await closed.close();
    const path = join(home.path, 'unreachable');
    const result = await failure(cloneRepository({ url, path, job: testJob() }));
    expect(result.code).toBe('git_remote_unreachable');
    expect(result.message).toContain(url);
    expect(existsSync(path)).toBe(false);
  });

  it('is cancelled mid-way, leaving no half-made repository', async () => {
    // Incompressible content, so the pack takes several chunks to arrive.
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 40; i += 1) files[`data/part-${i}.bin`] = randomBytes(256 * 1024);
    seedBareRepo(root, 'big.git', files);
    const url = (await serve()).url('big.git');
    const path = join(home.path, 'big');
    const job = testJob(({ controller }) => controller.abort());
    const result = await failure(cloneRepository({ url, path, job }));
    expect(result.code).toBe('cancelled');
    // It stopped while the pack was arriving: the working tree was never checked out.
    expect(job.phases.length).toBeGreaterThan(0);
    expect(job.phases).not.toContain('Analyzing workdir');
    expect(job.phases).not.toContain('Updating workdir');
    expect(existsSync(path)).toBe(false);

    // Into a folder that was already there (empty): it stays, emptied again.
    const kept = join(home.path, 'kept');
    mkdirSync(kept);
    const again = testJob(({ controller }) => controller.abort());
    expect((await failure(cloneRepository({ url, path: kept, job: again }))).code).toBe('cancelled');
    expect(readdirSync(kept)).toEqual([]);
  });
});
