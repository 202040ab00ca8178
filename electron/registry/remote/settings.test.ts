import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../../../test/backend';
import { startFakeMlflowServer, type FakeMlflowServer } from '../../../test/fake-mlflow-server';
import { failure, tempDir } from '../../../test/helpers';
import { testSecretBox, TOKEN } from './testing';

interface RemoteRow {
  url: string;
  auth: string;
  username: string | null;
  secret_enc: Buffer | null;
}

describe('the shared registry settings', () => {
  let fake: FakeMlflowServer;
  let t: TestBackend;
  const secrets = testSecretBox();
  const row = (): RemoteRow | undefined => t.backend.workspace.active().store.db.prepare('SELECT url, auth, username, secret_enc FROM registry_remote').get() as RemoteRow | undefined;

  beforeEach(async () => {
    fake = await startFakeMlflowServer();
    t = await openTestBackend({ secrets });
  });
  afterEach(async () => {
    await t.close();
    await fake.close();
  });

  it('checks the server with the token, then keeps the token only encrypted, and never answers it', async () => {
    fake.requireAuthorization = `Bearer ${TOKEN}`;
    const remote = await t.client.call('registry.setRemote', { url: `${fake.url}api/2.0/mlflow/`, credentials: { kind: 'token', token: TOKEN } });
    expect(remote).toEqual({ url: fake.url, auth: 'token', username: null, hasSecret: true });
    expect(fake.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET mlflow/registered-models/search']);
    expect(fake.requests[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    const stored = row()!;
    expect(stored.secret_enc).not.toBeNull();
    expect(stored.secret_enc!.includes(Buffer.from(TOKEN))).toBe(false);
    expect(await secrets.decrypt(stored.secret_enc!)).toBe(TOKEN);
    expect(JSON.stringify(await t.client.call('registry.remote', {}))).not.toContain(TOKEN);
  });

  it('sends basic credentials as MLflow expects them', async () => {
    fake.requireAuthorization = `Basic ${Buffer.from('ana:pa55').toString('base64')}`;
    const remote = await t.client.call('registry.setRemote', { url: fake.url, credentials: { kind: 'basic', username: 'ana', password: 'pa55' } });
    expect(remote).toEqual({ url: fake.url, auth: 'basic', username: 'ana', hasSecret: true });
    expect(row()?.username).toBe('ana');
  });

  it('refuses wrong credentials with registry_auth_failed, keeping the remote it had', async () => {
    fake.requireAuthorization = `Bearer ${TOKEN}`;
    await t.client.call('registry.setRemote', { url: fake.url, credentials: { kind: 'token', token: TOKEN } });
    const error = await failure(t.client.call('registry.setRemote', { url: fake.url, credentials: { kind: 'token', token: 'wrong-token' } }));
    expect(error.code).toBe('registry_auth_failed');
    expect(error.message).not.toContain('wrong-token');
    expect(await secrets.decrypt(row()!.secret_enc!)).toBe(TOKEN);
  });

  it('names the URL it cannot reach, and a server that is not MLflow', async () => {
    const closed = `http://127.0.0.1:${await freePort()}/`;
    const unreachable = await failure(t.client.call('registry.setRemote', { url: closed, credentials: { kind: 'none' } }));
    expect(unreachable.code).toBe('registry_unreachable');
    expect(unreachable.message).toContain(closed);

    const other = createServer((_request, response) => response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
    const notMlflow = await failure(t.client.call('registry.setRemote', { url, credentials: { kind: 'none' } }));
    other.close();
    expect(notMlflow.code).toBe('registry_unreachable');
    expect(notMlflow.message).toContain(`${url} answered 404`);
    expect(row()).toBeUndefined();
  });

  it('refuses credentials inside the URL', async () => {
    const error = await failure(t.client.call('registry.setRemote', { url: `http://ana:pa55@127.0.0.1:1/`, credentials: { kind: 'none' } }));
    expect(error).toMatchObject({ code: 'invalid_input', details: { field: 'url' } });
    expect(error.message).not.toContain('pa55');
    expect(fake.requests).toEqual([]);
  });

  it('forgets the remote: nothing is kept, and a push says to set one', async () => {
    await t.client.call('registry.setRemote', { url: fake.url, credentials: { kind: 'token', token: TOKEN } });
    expect(await t.client.call('registry.forgetRemote', {})).toEqual({ forgotten: true });
    expect(await t.client.call('registry.remote', {})).toBeNull();
    expect(row()).toBeUndefined();
    const error = await failure(t.client.runJob('registry.push', { name: 'churn', version: 1, aliases: [] }));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('No shared MLflow registry is set');
  });
});

describe('the shared registry settings without a SecretBox (server mode)', () => {
  it('keeps the token in memory only: after a restart it must be given again', async () => {
    const fake = await startFakeMlflowServer();
    const home = tempDir();
    const workspace = join(home.path, 'ws');
    mkdirSync(workspace);
    try {
      const first = await openTestBackend({}, workspace);
      const remote = await first.client.call('registry.setRemote', { url: fake.url, credentials: { kind: 'token', token: TOKEN } });
      expect(remote.hasSecret).toBe(true);
      const stored = first.backend.workspace.active().store.db.prepare('SELECT secret_enc FROM registry_remote').get() as { secret_enc: Buffer | null };
      expect(stored.secret_enc).toBeNull();
      await first.close();

      const second = await openTestBackend({}, workspace);
      expect(await second.client.call('registry.remote', {})).toEqual({ url: fake.url, auth: 'token', username: null, hasSecret: false });
      const error = await failure(second.client.call('registry.remoteModels', { filter: '' }));
      expect(error.code).toBe('registry_auth_failed');
      expect(error.message).toContain('set the remote again');
      await second.close();
    } finally {
      home.cleanup();
      await fake.close();
    }
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
