import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { seedBareRepo, startGitHttpServer, type GitHttpServer } from '../../test/git-http-server';
import { gitCli } from '../../test/git-repo';
import { failure, tempDir } from '../../test/helpers';

let t: TestBackend;
let server: GitHttpServer;
let remotes: { path: string; cleanup: () => void };

beforeEach(async () => {
  t = await openTestBackend();
  remotes = tempDir('git-remotes-');
  server = await startGitHttpServer({ root: remotes.path, auth: { username: 'ada', password: 's3cret-token' } });
});
afterEach(async () => {
  await server.close();
  await t.close();
  remotes.cleanup();
});

describe('remotes through the API', () => {
  it('clones into a new workspace that opens, commits, pushes with the kept credentials, and logs the push', async () => {
    seedBareRepo(remotes.path, 'project.git', { 'train.py': 'print("v1")\n' });
    const target = join(t.home, 'cloned');
    const wrong = await failure(t.client.runJob('git.clone', { url: server.url('project.git'), path: target, credentials: { kind: 'basic', username: 'ada', password: 'wrong' } }));
    expect(wrong.code).toBe('git_auth_failed');
    expect(existsSync(target)).toBe(false);

    const cloned = await t.client.runJob('git.clone', { url: server.url('project.git'), path: target, credentials: { kind: 'token', token: 's3cret-token', username: 'ada' } });
    expect(cloned).toEqual({ path: target, branch: 'main' });
    expect((await t.client.call('workspace.current', {}))?.path).toBe(target);
    const [origin] = await t.client.call('git.remotes', {});
    expect(origin).toMatchObject({ name: 'origin', credentials: { kind: 'token', username: 'ada', persisted: false } });

    await t.client.call('git.setAuthor', { name: 'Ada', email: 'ada@example.com' });
    writeFileSync(join(target, 'train.py'), 'print("v2")\n');
    await t.client.call('git.stage', { paths: ['train.py'] });
    const { oid } = await t.client.call('git.commit', { message: 'v2' });
    const pushed = await t.client.runJob('git.push', { remote: 'origin' });
    expect(pushed.updated.join(' ')).toContain('main');
    expect(gitCli(join(remotes.path, 'project.git'), 'rev-parse', 'main').trim()).toBe(oid);
    const log = await t.client.call('git.outboundLog', { limit: 10 });
    expect(log[0]).toMatchObject({ action: 'git.push', target: server.url('project.git') });
    expect(log[0]?.detail).toContain('refs/heads/main');

    const status = await t.client.call('git.status', {});
    expect(status).toMatchObject({ branch: 'main', upstream: 'origin/main', ahead: 0, behind: 0 });
  });

  it('names an unreachable remote', async () => {
    await t.client.call('git.init', {});
    await t.client.call('git.addRemote', { name: 'origin', url: 'http://127.0.0.1:9/nothing.git' });
    const unreachable = await failure(t.client.runJob('git.fetch', { remote: 'origin' }));
    expect(unreachable.code).toBe('git_remote_unreachable');
    expect(unreachable.message).toContain('127.0.0.1:9');
  });
});
