import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../backend';
import { resourcesDir, recordingLogger, tempDir } from '../../test/helpers';
import { startServer, type RunningServer } from '.';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const TOKEN = 'server-test-token';

describe('server mode: HTTP and WebSocket guards', () => {
  const home = tempDir();
  const log = recordingLogger();
  let backend: Backend;
  let server: RunningServer;

  const send = (options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${server.port}`, ...options.headers } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });
  const auth = { authorization: `Bearer ${TOKEN}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const post = (procedure: string, body: string, headers: Record<string, string> = json): Promise<Reply> =>
    send({ method: 'POST', path: `/api/${procedure}`, headers, body });

  beforeAll(async () => {
    const rendererDir = join(home.path, 'ui');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>UI</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    mkdirSync(join(home.path, 'ws'));
    backend = createBackend({ mode: 'server', appHome: join(home.path, 'app'), sampleDir: join(home.path, 'sample'), resourcesDir, log });
    backend.workspace.open(join(home.path, 'ws'));
    server = await startServer({ backend, rendererDir, log, port: 0, token: TOKEN });
  });

  afterAll(async () => {
    await server.close();
    await backend.close();
    home.cleanup();
  });

  it('binds to 127.0.0.1 by default and prints the token in its URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.loginUrl).toBe(`${server.url}/?token=${TOKEN}`);
  });

  it('answers GET /api/health with the token, and 401 without it', async () => {
    const ok = await send({ path: '/api/health', headers: auth });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ status: 'ok', version: expect.any(String) });
    const refused = await send({ path: '/api/health' });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body).error.code).toBe('unauthorized');
    expect((await send({ path: '/api/health', headers: { authorization: 'Bearer wrong-token-of-other-size' } })).status).toBe(401);
    expect((await post('workspace.current', '{}', { 'content-type': 'application/json' })).status).toBe(401);
  });

  it('keeps the page behind the token too, and trades ?token= for an HttpOnly cookie', async () => {
    expect((await send({ path: '/' })).status).toBe(401);
    const login = await send({ path: '/data?token=' + TOKEN + '&x=1' });
    expect(login.status).toBe(302);
    expect(login.headers.location).toBe('/data?x=1');
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const cookieHeader = cookie.split(';')[0]!;
    const page = await send({ path: '/', headers: { cookie: cookieHeader } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>UI</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await send({ path: '/some/view', headers: { cookie: cookieHeader } })).body).toContain('<title>UI</title>');
    const api = await post('workspace.current', '{}', { cookie: cookieHeader, 'content-type': 'application/json' });
    expect(api.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) with 403', async () => {
    const evil = await send({ path: '/api/health', headers: { ...auth, host: `evil.example:${server.port}` } });
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body).error.code).toBe('forbidden');
    expect((await send({ path: '/api/health', headers: { ...auth, host: `localhost:${server.port}` } })).status).toBe(200);
    expect((await send({ path: '/api/health', headers: { ...auth, host: `127.0.0.1:${server.port + 1}` } })).status).toBe(403);
  });

  it('refuses cross-origin requests with 403, even with the token', async () => {
    expect((await post('workspace.current', '{}', { ...json, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('workspace.current', '{}', { ...json, origin: 'null' })).status).toBe(403);
    expect((await post('workspace.current', '{}', { ...json, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('workspace.current', '{}', { ...json, origin: `http://127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('answers bad requests with 4xx, the procedure name, and no stack trace', async () => {
    const malformed = await post('workspace.open', '{"path": ');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('workspace.open') });

    const schema = await post('workspace.open', '{"path": 7}');
    expect(schema.status).toBe(400);
    const schemaError = JSON.parse(schema.body).error;
    expect(schemaError.message).toMatch(/^workspace\.open: invalid input: path:/);
    expect(schemaError.details.issues[0].path).toBe('path');

    const unknown = await post('models.fly', '{}');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body).error).toMatchObject({ code: 'unknown_procedure', message: expect.stringContaining('models.fly') });

    const proto = await post('__proto__', '{}');
    expect(proto.status).toBe(400);

    expect((await post('workspace.current', '{}', { ...auth, 'content-type': 'text/plain' })).status).toBe(415);
    expect((await send({ path: '/api/workspace.current', headers: auth })).status).toBe(405);
    const huge = await post('workspace.open', JSON.stringify({ path: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body).error.code).toBe('payload_too_large');
    // A notebook with its figures may be larger: its save gets past the size check to the schema.
    const notebook = await post('notebooks.save', JSON.stringify({ path: 'big.ipynb', notebook: { blob: 'x'.repeat(3_000_000) } }));
    expect(JSON.parse(notebook.body).error.code).toBe('invalid_input');

    for (const reply of [malformed, schema, unknown]) expect(reply.body).not.toMatch(/\bat .+\.ts:\d+/);
    expect((await send({ path: '/api/health', headers: auth })).status).toBe(200); // still up
  });

  it('accepts the WebSocket only with the token and from its own origin', async () => {
    const url = `ws://127.0.0.1:${server.port}/api/socket`;
    const outcome = (headers: Record<string, string>): Promise<string> =>
      new Promise((resolve) => {
        const ws = new WebSocket(url, { headers });
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
        ws.on('error', (error) => resolve(`error ${error.message}`));
      });
    expect(await outcome({})).toBe('401');
    expect(await outcome({ ...auth, origin: 'https://evil.example' })).toBe('403');
    expect(await outcome({ ...auth, host: `evil.example:${server.port}` })).toBe('403');
    expect(await outcome(auth)).toBe('open');
  });

  it('survives garbage on the WebSocket and keeps answering', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/socket`, { headers: auth });
    await new Promise((resolve) => ws.on('open', resolve));
    const replies: string[] = [];
    ws.on('message', (data: Buffer) => replies.push(data.toString()));
    ws.send('not json');
    ws.send(JSON.stringify({ t: 'call', id: 'x' }));
    ws.send(Buffer.from([1, 2, 3]));
    ws.send(JSON.stringify({ t: 'call', id: 1, procedure: 'system.health', input: {} }));
    await expect.poll(() => replies.length).toBe(1);
    expect(JSON.parse(replies[0]!)).toMatchObject({ t: 'result', id: 1, output: { status: 'ok' } });
    ws.close();
  });
});
