import { resolve } from 'node:path';
import { isWorkbenchError, modelUri } from '../../shared/contract';
import { createBackend, defaultAppHome, defaultSampleDir } from '../backend';
import { createLogger, type Logger } from '../log';

/** `mlflow models serve` listens on 5000 unless told otherwise; so does this. */
export const DEFAULT_MODEL_PORT = 5000;

export interface ModelsServeOptions {
  model: string[];
  port?: number;
  host?: string;
  /** true: require a random token (printed); a string: require that one. */
  token?: boolean | string;
  workspace?: string;
  resourcesDir: string;
}

/**
 * `workbench models serve -m MODEL_URI [-m ...] [-p PORT] [--host H] [--token]`,
 * as `mlflow models serve` does: prints where it listens on one line of
 * stdout, then serves until SIGINT or SIGTERM. Resolves with the exit code.
 */
export async function modelsServe(options: ModelsServeOptions): Promise<number> {
  const full = createLogger();
  // stderr is for warnings and errors; stdout for the one line that says where to send requests.
  const log: Logger = { ...full, info: () => undefined };
  for (const uri of options.model) {
    if (!modelUri.safeParse(uri).success) {
      process.stderr.write(`workbench: "${uri}" is not a model URI; use models:/NAME/VERSION or models:/NAME@ALIAS.\n`);
      return 2;
    }
  }
  const backend = createBackend({ mode: 'server', appHome: defaultAppHome(), sampleDir: defaultSampleDir(), resourcesDir: options.resourcesDir, log, background: false });
  let started;
  try {
    if (options.workspace !== undefined) backend.workspace.open(resolve(options.workspace));
    else backend.workspace.openDefault();
    started = await backend.serving.start({
      models: options.model.map((uri) => ({ uri })),
      port: options.port ?? DEFAULT_MODEL_PORT,
      host: options.host ?? '127.0.0.1',
      requireToken: options.token !== undefined && options.token !== false,
      ...(typeof options.token === 'string' ? { token: options.token } : {}),
    });
  } catch (error) {
    await backend.close();
    process.stderr.write(`workbench: ${isWorkbenchError(error) || error instanceof Error ? error.message : String(error)}\n`);
    return isWorkbenchError(error) && ['invalid_input', 'not_found', 'model_invalid', 'conflict', 'forbidden'].includes(error.code) ? 2 : 1;
  }
  const { server, token } = started;
  const models = server.models.map((m) => `${m.name} v${m.version} (${m.uri})`).join(', ');
  process.stdout.write(`Model server running at ${server.url} serving ${models}${token ? ` token: ${token}` : ''}\n`);

  return new Promise((done) => {
    const stop = (signal: string): void => {
      full.info(`${signal}: stopping the model server`);
      backend.close().then(
        () => done(0),
        (error: unknown) => {
          full.error('shutdown failed', error);
          done(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
