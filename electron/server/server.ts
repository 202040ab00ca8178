import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Backend } from '../backend';
import type { Logger } from '../log';
import { createRegistryMlflowRoutes } from '../registry';
import { createMlflowHandler } from '../tracking';
import { createGuard } from './guard';
import { createRequestHandler } from './http';
import { createSocketServer } from './socket';

export interface ServeOptions {
  backend: Backend;
  rendererDir: string;
  log: Logger;
  /** Defaults to 127.0.0.1: nothing off this machine can connect unless asked for. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Defaults to 32 random bytes. */
  token?: string;
}

export interface RunningServer {
  readonly url: string;
  /** The URL with `?token=`, the one line printed for the user. */
  readonly loginUrl: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';

/** Server mode: every service of the backend over HTTP + WebSocket, plus the built UI. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const token = options.token ?? randomBytes(32).toString('hex');
  const server = createServer();
  const port = await listen(server, host, options.port ?? 0);
  const guard = createGuard({ token, boundHost: host, port });
  const { router, bus } = options.backend;
  const sockets = createSocketServer({ router, bus, guard, log: options.log });
  const mlflow = createMlflowHandler({
    tracking: () => options.backend.tracking,
    log: options.log,
    extraRoutes: createRegistryMlflowRoutes(() => options.backend.registry, () => options.backend.tracking),
  });
  server.on('request', createRequestHandler({ router, guard, rendererDir: options.rendererDir, log: options.log, mlflow }));
  server.on('upgrade', (request, socket, head) => sockets.handleUpgrade(request, socket, head));
  server.on('clientError', (_error, socket) => socket.destroy());

  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  return {
    url,
    loginUrl: `${url}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
