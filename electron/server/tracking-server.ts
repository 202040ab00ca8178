import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkbenchError } from '../../shared/contract';
import type { Backend } from '../backend';
import type { Logger } from '../log';
import { createRegistryMlflowRoutes } from '../registry';
import { createMlflowHandler, isMlflowPath, sendMlflowError } from '../tracking';
import { createGuard } from './guard';
import { DEFAULT_HOST } from './server';

export interface TrackingServer {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * The desktop app's MLflow tracking endpoint: only MLflow's REST paths (and
 * `GET /health`), on 127.0.0.1, behind the same guard and a token of its own.
 * Server mode needs none: its one server answers these paths too.
 */
export async function startTrackingServer(options: { backend: Backend; log: Logger; port: number; host?: string }): Promise<TrackingServer> {
  const host = options.host ?? DEFAULT_HOST;
  const token = randomBytes(24).toString('hex');
  const server = createServer();
  const port = await new Promise<number>((resolve, reject) => {
    const tryListen = (candidate: number, fallback: boolean): void => {
      server.once('error', (error: NodeJS.ErrnoException) => (fallback && error.code === 'EADDRINUSE' ? tryListen(0, false) : reject(error)));
      server.listen(candidate, host, () => resolve((server.address() as AddressInfo).port));
    };
    tryListen(options.port, options.port !== 0);
  });
  const guard = createGuard({ token, boundHost: host, port });
  const mlflow = createMlflowHandler({
    tracking: () => options.backend.tracking,
    log: options.log,
    extraRoutes: createRegistryMlflowRoutes(() => options.backend.registry, () => options.backend.tracking),
  });
  server.on('request', (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    try {
      guard.checkSource(request);
      if (url.pathname === '/health' && request.method === 'GET') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      guard.checkToken(request);
      if (!isMlflowPath(url.pathname)) throw new WorkbenchError('not_found', `${url.pathname}: this endpoint answers MLflow's tracking API only.`);
      void mlflow(request, response, url);
    } catch (error) {
      sendMlflowError(response, error, options.log);
    }
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  return {
    url: `http://${host}:${port}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
