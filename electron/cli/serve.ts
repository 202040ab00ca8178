import { resolve } from 'node:path';
import { isWorkbenchError } from '../../shared/contract';
import { createBackend, defaultAppHome, defaultSampleDir } from '../backend';
import { createLogger } from '../log';
import { DEFAULT_HOST, startServer } from '../server';

export const DEFAULT_PORT = 4280;

export interface ServeCommandOptions {
  workspace?: string;
  port?: number;
  host?: string;
  token?: string;
  rendererDir: string;
  resourcesDir: string;
}

/** `workbench serve`: runs until SIGINT/SIGTERM. Resolves with the exit code. */
export async function serve(options: ServeCommandOptions): Promise<number> {
  const log = createLogger();
  const host = options.host ?? DEFAULT_HOST;
  if (!isLoopback(host)) {
    log.warn(`listening on ${host}: anyone who can reach it and holds the token can use this workbench`);
  }
  const backend = createBackend({
    mode: 'server',
    appHome: defaultAppHome(),
    sampleDir: defaultSampleDir(),
    resourcesDir: options.resourcesDir,
    log,
  });
  try {
    if (options.workspace !== undefined) backend.workspace.open(resolve(options.workspace));
    else backend.workspace.openDefault();
  } catch (error) {
    await backend.close();
    process.stderr.write(`workbench: ${isWorkbenchError(error) ? error.message : String(error)}\n`);
    return 2;
  }

  const token = options.token ?? process.env.WORKBENCH_TOKEN;
  let server;
  try {
    server = await startServer({ backend, rendererDir: options.rendererDir, log, host, port: options.port ?? DEFAULT_PORT, token });
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!(inUse && options.port === undefined)) {
      await backend.close();
      process.stderr.write(`workbench: cannot listen on ${host}:${options.port ?? DEFAULT_PORT}: ${String(error)}\n`);
      return 2;
    }
    // The default port is taken (another workbench?): any free port will do.
    server = await startServer({ backend, rendererDir: options.rendererDir, log, host, port: 0, token });
  }
  backend.setTrackingEndpoint({ uri: server.url, token: server.token });
  process.stdout.write(`ML Workbench running at ${server.loginUrl}\n`);

  const running = server;
  return new Promise((done) => {
    const stop = (signal: string): void => {
      log.info(`${signal}: shutting down`);
      void running
        .close()
        .then(() => backend.close())
        .then(() => done(0), (error: unknown) => {
          log.error('shutdown failed', error);
          done(1);
        });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
