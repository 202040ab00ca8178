import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MergeResult } from '../../shared/contract';
import { startGitHttpServer, seedBareRepo, makeBareRepo, type GitHttpServer } from '../../test/git-http-server';
import { gitCli, testAuthor, testRepo } from '../../test/git-repo';
import { failure, recordingLogger, tempDir } from '../../test/helpers';
import type { JobContext } from '../jobs';
import { openStore, STORE_FILE, type WorkspaceStore } from '../workspace/store';
import { cloneRepository } from './clone';
import { GitCredentials } from './credentials';
import { outboundLog, recordOutbound, type OutboundRecord } from '../workspace';
import { addRemote, fetchRemote, forgetCredentials, listRemotes, pullRemote, pushRemote, removeRemote, setCredentials } from './remotes';
import type { RepoContext } from './repo';
import { testSecretBox } from '../../test/secret-box';

function testJob(onProgress?: (fraction: number | null, message?: string) => void): JobContext & { controller: AbortController; phases: string[] } {
  const controller = new AbortController();
  const phases: string[] = [];
  return { controller, phases, signal: controller.signal, progress: (fraction, message) => (message && phases.push(message), onProgress?.(fraction, message)) };
}


/** Fast-forward when possible, else isomorphic-git's own merge, then the working tree checked out: what the merge module does, minus conflicts. */
function simpleMerge(repo: RepoContext): (theirs: string) => Promise<MergeResult> {
  return async (theirs) => {
    const ours = (await git.currentBranch({ fs: repo.fs, dir: repo.dir })) as string;
    const result = await git.merge({ fs: repo.fs, dir: repo.dir, ours, theirs, author: testAuthor });
    await git.checkout({ fs: repo.fs, dir: repo.dir, ref: ours });
    const kind = result.alreadyMerged ? 'up_to_date' : result.fastForward ? 'fast_forward' : 'merged';
    return { result: kind, oid: result.oid ?? null, conflicts: [] };
  };
}

function commitFile(dir: string, path: string, content: string, message: string): string {
  writeFileSync(join(dir, path), content);
  gitCli(dir, 'add', path);
  gitCli(dir, 'commit', '--quiet', '-m', message);
  return gitCli(dir, 'rev-parse', 'HEAD').trim();
}

let home: ReturnType<typeof tempDir>;
let root: string;
let store: WorkspaceStore;
let servers: GitHttpServer[];
let outbound: OutboundRecord[];
const record = (entry: OutboundRecord) => {
  outbound.push(entry);
  recordOutbound(store.db, entry);
};

beforeEach(() => {
  home = tempDir('git-remotes-');
  root = join(home.path, 'served');
  mkdirSync(join(home.path, 'state'));
  store = openStore(join(home.path, 'state'), { log: recordingLogger() });
  servers = [];
  outbound = [];
});

afterEach(async () => {
  for (const server of servers) await server.close();
  store.close();
  home.cleanup();
});

async function serve(auth?: { username: string; password: string }): Promise<GitHttpServer> {
  const server = await startGitHttpServer({ root, ...(auth ? { auth } : {}) });
  servers.push(server);
  return server;
}

async function cloneTo(url: string, name: string, creds?: GitCredentials): Promise<RepoContext & { changes: number }> {
  const path = join(home.path, name);
  await cloneRepository({ url, path, job: testJob(), ...(creds ? { creds } : {}) });
  return testRepo(path);
}

describe('fetch, pull and push over smart HTTP', () => {
  it('round-trips commits between two clones of an empty remote, logging each push before it is sent', async () => {
    makeBareRepo(root, 'shared.git');
    const server = await serve();
    const url = server.url('shared.git');
    const creds = new GitCredentials({ db: store.db });
    const first = await cloneTo(url, 'first');

    const one = commitFile(first.dir, 'train.py', 'print("one")\n', 'first model');
    const pushed = await pushRemote(first, creds, 'origin', undefined, testJob(), record);
    expect(pushed.updated).toEqual([`main: (new branch) ${one.slice(0, 7)}`]);
    expect(gitCli(join(root, 'shared.git'), 'log', '--format=%H %s', 'main').trim()).toBe(`${one} first model`);
    expect(gitCli(first.dir, 'config', 'branch.main.remote').trim()).toBe('origin');
    expect(gitCli(first.dir, 'config', 'branch.main.merge').trim()).toBe('refs/heads/main');
    expect(outbound).toEqual([{ action: 'git.push', target: url, detail: `refs/heads/main (new branch) ${one.slice(0, 7)} (1 commit)` }]);

    const second = await cloneTo(url, 'second');
    expect(readFileSync(join(second.dir, 'train.py'), 'utf8')).toBe('print("one")\n');
    commitFile(second.dir, 'train.py', 'print("two")\n', 'second model');
    const three = commitFile(second.dir, 'eval.py', 'print("eval")\n', 'evaluation');
    await pushRemote(second, creds, 'origin', 'main', testJob(), record);
    expect(outbound[1]).toEqual({ action: 'git.push', target: url, detail: `refs/heads/main ${one.slice(0, 7)}..${three.slice(0, 7)} (2 commits)` });
    expect(gitCli(join(root, 'shared.git'), 'log', '--format=%s', 'main').trim().split('\n')).toEqual(['evaluation', 'second model', 'first model']);

    const job = testJob();
    const pulled = await pullRemote(first, creds, 'origin', job, simpleMerge(first));
    expect(pulled.merge).toMatchObject({ result: 'fast_forward', oid: three });
    expect(pulled.updated).toEqual([`origin/main: ${one.slice(0, 7)}..${three.slice(0, 7)}`]);
    expect(readFileSync(join(first.dir, 'eval.py'), 'utf8')).toBe('print("eval")\n');
    expect(gitCli(first.dir, 'rev-parse', 'HEAD').trim()).toBe(three);
    expect(gitCli(first.dir, 'status', '--porcelain').trim()).toBe('');
    gitCli(first.dir, 'fsck', '--strict');
    expect(first.changes).toBeGreaterThan(0);

    const log = outboundLog(store.db, 10);
    expect(log.map((entry) => entry.detail)).toEqual([outbound[1]?.detail, outbound[0]?.detail]);
    expect(log[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('refuses a push that is not a fast-forward, changing nothing on the remote, then pulls (merging) and pushes', async () => {
    seedBareRepo(root, 'data.git', { 'README.md': '# data\n' });
    const server = await serve();
    const creds = new GitCredentials({ db: store.db });
    const mine = await cloneTo(server.url('data.git'), 'mine');
    const theirs = await cloneTo(server.url('data.git'), 'theirs');
    const theirHead = commitFile(theirs.dir, 'features.py', 'x = 1\n', 'their features');
    await pushRemote(theirs, creds, 'origin', undefined, testJob(), record);
    commitFile(mine.dir, 'model.py', 'y = 2\n', 'my model');
    outbound = [];

    const refused = await failure(pushRemote(mine, creds, 'origin', undefined, testJob(), record));
    expect(refused.code).toBe('git_push_rejected');
    expect(refused.message).toContain(server.url('data.git'));
    expect(refused.message).toContain('pull first');
    expect(gitCli(join(root, 'data.git'), 'rev-parse', 'main').trim()).toBe(theirHead);
    expect(outbound).toEqual([]);

    const pulled = await pullRemote(mine, creds, 'origin', testJob(), simpleMerge(mine));
    expect(pulled.merge?.result).toBe('merged');
    await pushRemote(mine, creds, 'origin', undefined, testJob(), record);
    const remoteHead = gitCli(join(root, 'data.git'), 'rev-parse', 'main').trim();
    expect(remoteHead).toBe(gitCli(mine.dir, 'rev-parse', 'HEAD').trim());
    expect(gitCli(join(root, 'data.git'), 'rev-list', '--parents', '-n', '1', 'main').trim().split(' ')).toHaveLength(3);
    expect(outbound).toEqual([expect.objectContaining({ action: 'git.push', detail: expect.stringMatching(/\(2 commits\)$/) as unknown })]);
  });

  it('says when nothing is to be pushed, and logs nothing', async () => {
    seedBareRepo(root, 'same.git', { 'a.txt': 'a\n' });
    const server = await serve();
    const repo = await cloneTo(server.url('same.git'), 'same');
    const result = await pushRemote(repo, new GitCredentials({ db: store.db }), 'origin', undefined, testJob(), record);
    expect(result.updated).toEqual([]);
    expect(outbound).toEqual([]);
  });

  it('logs a push cancelled after it was logged as failed, and the remote keeps its branch', async () => {
    const bare = seedBareRepo(root, 'cancel.git', { 'a.txt': 'a\n' });
    const server = await serve();
    const repo = await cloneTo(server.url('cancel.git'), 'cancel');
    commitFile(repo.dir, 'b.txt', 'b\n', 'more');
    const before = gitCli(bare, 'rev-parse', 'main').trim();
    const job = testJob();
    const result = await failure(pushRemote(repo, new GitCredentials({ db: store.db }), 'origin', undefined, job, (entry) => {
      record(entry);
      job.controller.abort();
    }));
    expect(result.code).toBe('cancelled');
    expect(outbound.map((entry) => entry.action)).toEqual(['git.push', 'git.push.failed']);
    expect(outbound[1]?.detail).toMatch(/: cancelled$/);
    expect(gitCli(bare, 'rev-parse', 'main').trim()).toBe(before);
  });

  it('refuses to pull or push on a detached HEAD', async () => {
    seedBareRepo(root, 'detached.git', { 'a.txt': 'a\n' });
    const server = await serve();
    const repo = await cloneTo(server.url('detached.git'), 'detached');
    gitCli(repo.dir, 'checkout', '--quiet', '--detach', 'HEAD');
    const creds = new GitCredentials({ db: store.db });
    expect((await failure(pullRemote(repo, creds, 'origin', testJob(), simpleMerge(repo)))).code).toBe('git_detached_head');
    expect((await failure(pushRemote(repo, creds, 'origin', undefined, testJob(), record))).code).toBe('git_detached_head');
  });

  it('names the remote it cannot reach, and a repository that is not there', async () => {
    seedBareRepo(root, 'gone.git', { 'a.txt': 'a\n' });
    const server = await serve();
    const repo = await cloneTo(server.url('gone.git'), 'gone');
    const creds = new GitCredentials({ db: store.db });
    await addRemote(repo, creds, 'missing', server.url('nothing-here.git'));
    const missing = await failure(fetchRemote(repo, creds, 'missing', testJob()));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toContain(server.url('nothing-here.git'));

    await server.close();
    servers = [];
    const unreachable = await failure(fetchRemote(repo, creds, 'origin', testJob()));
    expect(unreachable.code).toBe('git_remote_unreachable');
    expect(unreachable.message).toContain(server.url('gone.git'));
    commitFile(repo.dir, 'b.txt', 'b\n', 'more');
    expect((await failure(pushRemote(repo, creds, 'origin', undefined, testJob(), record))).code).toBe('git_remote_unreachable');
    expect((await failure(fetchRemote(repo, creds, 'upstream', testJob()))).code).toBe('not_found');
  });
});

describe('remotes and credentials', () => {
  const auth = { username: 'ada', password: 'pw-7f3a9c-do-not-leak' };

  it('fails with git_auth_failed on wrong or missing credentials without retrying forever, and works with the right ones, kept encrypted', async () => {
    const bare = seedBareRepo(root, 'private.git', { 'a.txt': 'a\n' });
    const server = await serve(auth);
    const url = server.url('private.git');
    const secrets = testSecretBox();
    const creds = new GitCredentials({ db: store.db, secrets });
    await creds.set(url, { kind: 'basic', ...auth });
    const repo = await cloneTo(url, 'private', creds);

    // The remote later gets a commit only the right credentials can fetch.
    const seeded = join(home.path, 'other');
    gitCli(home.path, 'clone', '--quiet', bare, seeded);
    const next = commitFile(seeded, 'b.txt', 'b\n', 'more');
    gitCli(seeded, 'push', '--quiet', 'origin', 'main');

    await setCredentials(repo, creds, 'origin', { kind: 'basic', username: 'ada', password: 'wrong-password' });
    const requests = server.requests;
    const rejected = await failure(fetchRemote(repo, creds, 'origin', testJob()));
    expect(rejected.code).toBe('git_auth_failed');
    expect(rejected.message).toContain(url);
    expect(rejected.message).toContain('rejected the credentials');
    expect(rejected.message).not.toContain('wrong-password');
    expect(server.requests - requests).toBeLessThanOrEqual(3);

    await forgetCredentials(repo, creds, 'origin');
    const asked = await failure(fetchRemote(repo, creds, 'origin', testJob()));
    expect(asked).toMatchObject({ code: 'git_auth_failed', message: expect.stringContaining('asks for credentials') as unknown });

    const remotes = await setCredentials(repo, creds, 'origin', { kind: 'basic', ...auth });
    expect(remotes).toEqual([{ name: 'origin', url, credentials: { kind: 'basic', username: 'ada', persisted: true } }]);
    // A new instance (the app restarted) decrypts what the store keeps.
    const fetched = await fetchRemote(repo, new GitCredentials({ db: store.db, secrets }), 'origin', testJob());
    expect(fetched.updated).toEqual([expect.stringContaining(`..${next.slice(0, 7)}`) as unknown]);

    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const files = [join(home.path, 'state', STORE_FILE), join(home.path, 'state', `${STORE_FILE}-wal`)].filter(existsSync);
    for (const file of files) expect(readFileSync(file).includes(auth.password)).toBe(false);
    expect(readFileSync(join(repo.gitdir, 'config'), 'utf8')).not.toContain(auth.password);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM git_credentials').get()).toEqual({ n: 1 });
  });

  it('sends a token as the password, with x-access-token as the user unless one is given', async () => {
    seedBareRepo(root, 'token.git', { 'a.txt': 'a\n' });
    const token = 'ghp_token_0123456789';
    const server = await serve({ username: 'x-access-token', password: token });
    const creds = new GitCredentials({ db: store.db });
    const url = server.url('token.git');
    await creds.set(url, { kind: 'token', token });
    expect(await creds.get(url)).toEqual({ username: 'x-access-token', password: token });
    const repo = await cloneTo(url, 'token', creds);
    commitFile(repo.dir, 'b.txt', 'b\n', 'more');
    await pushRemote(repo, creds, 'origin', undefined, testJob(), record);
    expect(gitCli(join(root, 'token.git'), 'log', '--format=%s', '-n', '1', 'main').trim()).toBe('more');

    await creds.set(url, { kind: 'token', token, username: 'ada' });
    expect(creds.describe(url)).toEqual({ kind: 'token', username: 'ada', persisted: false });
    expect((await failure(fetchRemote(repo, creds, 'origin', testJob()))).code).toBe('git_auth_failed');
  });

  it('keeps credentials in memory only without a SecretBox (server mode)', async () => {
    const creds = new GitCredentials({ db: store.db });
    await creds.set('https://example.com/a.git', { kind: 'basic', username: 'ada', password: 'pw' });
    expect(creds.describe('https://example.com/a.git')).toEqual({ kind: 'basic', username: 'ada', persisted: false });
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM git_credentials').get()).toEqual({ n: 0 });
    expect(await new GitCredentials({ db: store.db }).get('https://example.com/a.git')).toBeNull();
  });

  it('adds, re-points and removes remotes, removing their remote branches, upstreams and credentials', async () => {
    seedBareRepo(root, 'r.git', { 'a.txt': 'a\n' });
    const server = await serve();
    const creds = new GitCredentials({ db: store.db, secrets: testSecretBox() });
    const repo = await cloneTo(server.url('r.git'), 'r');
    gitCli(repo.dir, 'branch', '--set-upstream-to=origin/main', 'main');
    await addRemote(repo, creds, 'backup', 'https://example.com/old.git');
    const listed = await addRemote(repo, creds, 'backup', 'https://example.com/new.git');
    expect(listed.map(({ name, url }) => [name, url])).toEqual([['backup', 'https://example.com/new.git'], ['origin', server.url('r.git')]]);
    expect(gitCli(repo.dir, 'config', '--get-all', 'remote.backup.url').trim()).toBe('https://example.com/new.git');

    await setCredentials(repo, creds, 'origin', { kind: 'token', token: 't0k' });
    expect((await listRemotes(repo, creds)).find((remote) => remote.name === 'origin')?.credentials).toEqual({ kind: 'token', username: null, persisted: true });
    const left = await removeRemote(repo, creds, 'origin');
    expect(left.map((remote) => remote.name)).toEqual(['backup']);
    expect(gitCli(repo.dir, 'branch', '--remotes').trim()).toBe('');
    // `git config --get-regexp` exits 1 when nothing matches: the upstream went with the remote.
    expect(() => gitCli(repo.dir, 'config', '--get-regexp', '^branch\\.')).toThrow();
    expect(creds.describe(server.url('r.git'))).toBeNull();
    expect((await failure(removeRemote(repo, creds, 'origin'))).message).toContain('backup');
  });
});
