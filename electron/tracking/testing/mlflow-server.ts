import { request as httpRequest } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir, tempDir } from '../../../test/helpers';
import { createBackend, type Backend } from '../../backend';
import { silentLogger } from '../../log';
import { startServer, type RunningServer } from '../../server';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown>;
}

export interface MlflowServer {
  backend: Backend;
  server: RunningServer;
  workspacePath: string;
  /** A raw request, as an MLflow client makes it: no Origin, the token as a bearer unless `token` is null. */
  send(options: { method?: string; path: string; body?: string | Buffer; token?: string | null; headers?: Record<string, string> }): Promise<Reply>;
  get(path: string, query?: Record<string, string | number>): Promise<Reply>;
  post(path: string, body: unknown, method?: string): Promise<Reply>;
  close(): Promise<void>;
}

export const TOKEN = 'mlflow-test-token';

/** `workbench serve` in-process: a real backend on a fresh workspace, behind the real server and guard. */
export async function startMlflowServer(): Promise<MlflowServer> {
  const home = tempDir('workbench-mlflow-');
  const workspacePath = join(home.path, 'ws');
  mkdirSync(workspacePath);
  const backend = createBackend({ mode: 'server', appHome: join(home.path, 'app'), sampleDir: join(home.path, 'sample'), resourcesDir, log: silentLogger });
  backend.workspace.open(workspacePath);
  const server = await startServer({ backend, rendererDir: join(home.path, 'no-ui'), log: silentLogger, port: 0, token: TOKEN });

  const send: MlflowServer['send'] = (options) =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { host: `127.0.0.1:${server.port}`, ...options.headers };
      const token = options.token === undefined ? TOKEN : options.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      const req = httpRequest({ host: '127.0.0.1', port: server.port, method: options.method ?? 'GET', path: options.path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // Not JSON (a downloaded file): read `text`.
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      });
      req.on('error', reject);
      req.end(options.body);
    });

  return {
    backend,
    server,
    workspacePath,
    send,
    get: (path, query = {}) => {
      const search = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)])).toString();
      return send({ path: `/api/2.0/mlflow/${path}${search ? `?${search}` : ''}` });
    },
    post: (path, body, method = 'POST') => send({ method, path: `/api/2.0/mlflow/${path}`, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    async close() {
      await server.close();
      await backend.close();
      home.cleanup();
    },
  };
}
