import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestBackend } from '../../test/backend';
import { failure, tempDir, waitFor } from '../../test/helpers';
import { STATE_DIR, STORE_FILE } from '../workspace';
import { discoverServers, findJupyter } from './discovery';
import { testSecretBox } from '../../test/secret-box';


const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

describe('finding Jupyter and running servers', () => {
  const dir = tempDir('workbench-runtime-');
  afterAll(() => dir.cleanup());

  it('reads running servers from runtime files, skipping dead processes and other files', () => {
    writeFileSync(join(dir.path, `jpserver-${process.pid}.json`), JSON.stringify({ url: 'http://127.0.0.1:8888', token: 'abc', pid: process.pid, root_dir: '/home/me' }));
    writeFileSync(join(dir.path, 'jpserver-99999999.json'), JSON.stringify({ url: 'http://127.0.0.1:9999/', token: 'x', pid: 99_999_999 }));
    writeFileSync(join(dir.path, 'kernel-1.json'), '{}');
    writeFileSync(join(dir.path, 'nbserver-1.json'), '{not json');
    expect(discoverServers(dir.path)).toEqual([{ url: 'http://127.0.0.1:8888/', token: 'abc', pid: process.pid, rootDir: '/home/me' }]);
    expect(discoverServers(join(dir.path, 'missing'))).toEqual([]);
  });

  it('finds jupyter-server on the PATH, and nothing on an empty one', () => {
    expect(findJupyter({ PATH: '/usr/bin' })).toEqual({ command: '/usr/bin/jupyter-server', args: [] });
    expect(findJupyter({ PATH: dir.path })).toBeNull();
  });
});

describe('remote servers by URL and token', () => {
  let jupyter: ChildProcess;
  let url: string;
  const token = randomBytes(16).toString('hex');
  const root = tempDir('workbench-remote-');

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}/`;
    // Started by hand, as a server the workbench did not start (a remote one, as far as it knows).
    jupyter = spawn('/usr/bin/jupyter-server', ['--no-browser', `--port=${port}`, '--ip=127.0.0.1', '--allow-root', `--ServerApp.root_dir=${root.path}`], {
      env: { ...process.env, JUPYTER_TOKEN: token },
      stdio: 'ignore',
    });
    let up = false;
    await waitFor(
      () => {
        void fetch(`${url}api/status`, { headers: { Authorization: `token ${token}` } }).then((r) => (up = r.ok), () => undefined);
        return up;
      },
      30_000,
      'the Jupyter server',
    );
  }, 40_000);

  afterAll(() => {
    jupyter.kill('SIGTERM');
    root.cleanup();
  });

  it('tells a wrong token from an unreachable server, and keeps nothing from either', async () => {
    const t = await openTestBackend();
    try {
      const refused = await failure(t.client.call('jupyter.connect', { url, token: 'wrong' }));
      expect(refused.code).toBe('jupyter_auth_failed');
      const unreachable = await failure(t.client.call('jupyter.connect', { url: `http://127.0.0.1:${await freePort()}/`, token }));
      expect(unreachable.code).toBe('jupyter_unreachable');
      expect((await t.client.call('jupyter.status', {})).servers.filter((s) => s.kind === 'remote')).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('in server mode keeps the token in memory only: after a restart it must be given again', async () => {
    const t = await openTestBackend();
    try {
      const server = await t.client.call('jupyter.connect', { url, token, label: 'Cluster' });
      expect(server).toMatchObject({ kind: 'remote', label: 'Cluster', hasToken: true, tokenSaved: false, state: 'running' });
      expect((await t.client.call('kernels.specs', {})).specs.map((s) => s.name)).toContain('python3');
      const db = new Database(join(t.workspace, STATE_DIR, STORE_FILE), { readonly: true });
      expect(db.prepare('SELECT token_enc FROM jupyter_servers').all()).toEqual([{ token_enc: null }]);
      db.close();

      await t.backend.close();
      const again = await openTestBackend();
      try {
        again.backend.workspace.open(t.workspace);
        const status = await again.client.call('jupyter.status', {});
        expect(status.servers.find((s) => s.kind === 'remote')).toMatchObject({ hasToken: false, url });
        expect(status.activeId).toBe(server.id);
        expect((await failure(again.client.call('kernels.specs', {}))).code).toBe('jupyter_auth_failed');
      } finally {
        await again.close();
      }
    } finally {
      await t.close().catch(() => undefined);
    }
  });

  it('with a secret box stores the token encrypted, never in plain text, and uses it after a restart', async () => {
    const secrets = testSecretBox();
    const t = await openTestBackend({ secrets });
    try {
      await t.client.call('jupyter.connect', { url, token });
      const db = new Database(join(t.workspace, STATE_DIR, STORE_FILE), { readonly: true });
      const row = db.prepare<[], { token_enc: Buffer }>('SELECT token_enc FROM jupyter_servers').get();
      db.close();
      expect(row?.token_enc.length).toBeGreaterThan(token.length);
      expect(row?.token_enc.includes(Buffer.from(token))).toBe(false);

      const again = await openTestBackend({ secrets });
      try {
        again.backend.workspace.open(t.workspace);
        expect((await again.client.call('jupyter.status', {})).servers.find((s) => s.kind === 'remote')).toMatchObject({ hasToken: true, tokenSaved: true });
        expect((await again.client.call('kernels.specs', {})).specs.length).toBeGreaterThan(0);
        const forgotten = await again.client.call('jupyter.forget', { id: (await again.client.call('jupyter.status', {})).activeId ?? '' });
        expect(forgotten.servers.filter((s) => s.kind === 'remote')).toEqual([]);
      } finally {
        await again.close();
      }
    } finally {
      await t.close();
    }
  });

  it('says Jupyter is missing when it is not installed', async () => {
    const bin = tempDir('workbench-path-');
    mkdirSync(join(bin.path, 'empty'));
    const t = await openTestBackend();
    const path = process.env.PATH;
    process.env.PATH = join(bin.path, 'empty');
    try {
      const status = await t.client.call('jupyter.status', {});
      expect(status.command).toBeNull();
      expect(status.installHint).toMatch(/jupyter-server/);
      expect((await failure(t.client.runJob('jupyter.startLocal', {}))).code).toBe('jupyter_missing');
    } finally {
      process.env.PATH = path;
      await t.close();
      bin.cleanup();
    }
  });
});
