import { execFileSync, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>/<repoName>` */
  url(repoName: string): string;
  close(): Promise<void>;
  /** How many HTTP requests it has answered (or refused). */
  readonly requests: number;
}

export interface GitHttpServerOptions {
  /** The folder holding the bare repositories it serves. */
  root: string;
  /** When set, every request must carry these Basic credentials. */
  auth?: { username: string; password: string };
}

/**
 * A real smart-HTTP remote for tests: the git CLI's own `git http-backend`
 * run as CGI behind a Node HTTP server on 127.0.0.1, pushes allowed.
 */
export async function startGitHttpServer(options: GitHttpServerOptions): Promise<GitHttpServer> {
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    const user = authorised(request, options.auth);
    if (user === null) {
      request.resume();
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'Content-Type': 'text/plain' });
      response.end('authentication required\n');
      return;
    }
    runBackend(options.root, user, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (repoName) => `http://127.0.0.1:${port}/${repoName}`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** `git init --bare <root>/<name>`; returns its path. */
export function makeBareRepo(root: string, name: string): string {
  const path = join(root, name);
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', path], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  return path;
}

/** The user name when the request may go on ('' without auth), null when it must be refused. */
function authorised(request: IncomingMessage, auth: GitHttpServerOptions['auth']): string | null {
  if (!auth) return '';
  const header = request.headers.authorization ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const username = decoded.slice(0, colon);
  return username === auth.username && decoded.slice(colon + 1) === auth.password ? username : null;
}

function runBackend(root: string, user: string, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'http.receivepack',
    GIT_CONFIG_VALUE_0: 'true',
    REQUEST_METHOD: request.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ''),
    CONTENT_TYPE: request.headers['content-type'] ?? '',
    REMOTE_USER: user,
    REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
  };
  // Without CONTENT_LENGTH the backend reads the body until EOF, which suits chunked requests.
  if (request.headers['content-length']) env.CONTENT_LENGTH = request.headers['content-length'];
  // The backend inflates gzip bodies itself when told.
  if (request.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = request.headers['content-encoding'];
  if (request.headers['git-protocol']) env.GIT_PROTOCOL = String(request.headers['git-protocol']);

  const child = spawn(HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const fail = (status: number, message: string) => {
    if (response.headersSent) response.destroy();
    else response.writeHead(status, { 'Content-Type': 'text/plain' }).end(`${message}\n`);
  };
  child.on('error', (error) => fail(500, `git http-backend failed: ${error.message}`));
  child.stderr.resume();
  child.stdin.on('error', () => undefined);
  request.pipe(child.stdin);

  let head = Buffer.alloc(0);
  let streaming = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (streaming) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const split = headerEnd(head);
    if (!split) return;
    streaming = true;
    const { status, headers } = parseCgiHeaders(head.subarray(0, split.at).toString('latin1'));
    response.writeHead(status, headers);
    const rest = head.subarray(split.at + split.length);
    if (rest.length > 0) response.write(rest);
  });
  child.stdout.on('end', () => {
    if (streaming) response.end();
    else fail(502, 'git http-backend answered without headers');
  });
}

function headerEnd(buffer: Buffer): { at: number; length: number } | null {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  return lf >= 0 ? { at: lf, length: 2 } : null;
}

function parseCgiHeaders(text: string): { status: number; headers: Record<string, string> } {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
    else headers[name] = value;
  }
  return { status, headers };
}

const SEED_IDENTITY = { GIT_AUTHOR_NAME: 'Seed', GIT_AUTHOR_EMAIL: 'seed@example.com', GIT_COMMITTER_NAME: 'Seed', GIT_COMMITTER_EMAIL: 'seed@example.com' };

/**
 * A bare repository `<root>/<name>` on `main` holding one commit of `files`,
 * built with the git CLI and pushed by path (no HTTP: a synchronous git run
 * would block the in-process server). Returns its path.
 */
export function seedBareRepo(root: string, name: string, files: Record<string, string | Buffer>, message = 'seed'): string {
  const bare = makeBareRepo(root, name);
  const work = mkdtempSync(join(tmpdir(), 'git-seed-'));
  const gitCli = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: { ...process.env, ...SEED_IDENTITY, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });
  try {
    gitCli(work, 'init', '--quiet', '--initial-branch=main');
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), content);
    }
    gitCli(work, 'add', '--all');
    gitCli(work, 'commit', '--quiet', '-m', message);
    gitCli(work, 'push', '--quiet', bare, 'main');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return bare;
}
