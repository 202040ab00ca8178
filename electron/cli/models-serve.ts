import { modelUri } from '../../shared/contract';
import { createHeadlessBackend, openWorkspace, reportFailure } from './headless';

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
  for (const uri of options.model) {
    if (!modelUri.safeParse(uri).success) {
      process.stderr.write(`workbench: "${uri}" is not a model URI; use models:/NAME/VERSION or models:/NAME@ALIAS.\n`);
      return 2;
    }
  }
  // stderr is for warnings and errors; stdout for the one line that says where to send requests.
  const { backend, log } = createHeadlessBackend(options.resourcesDir);
  let started;
  try {
    openWorkspace(backend, options.workspace);
    started = await backend.serving.start({
      models: options.model.map((uri) => ({ uri })),
      port: options.port ?? DEFAULT_MODEL_PORT,
      host: options.host ?? '127.0.0.1',
      requireToken: options.token !== undefined && options.token !== false,
      ...(typeof options.token === 'string' ? { token: options.token } : {}),
    });
  } catch (error) {
    await backend.close();
    return reportFailure(error, ['invalid_input', 'not_found', 'model_invalid', 'conflict', 'forbidden']);
  }
  const { server, token } = started;
  const models = server.models.map((m) => `${m.name} v${m.version} (${m.uri})`).join(', ');
  process.stdout.write(`Model server running at ${server.url} serving ${models}${token ? ` token: ${token}` : ''}\n`);

  return new Promise((done) => {
    const stop = (signal: string): void => {
      log.info(`${signal}: stopping the model server`);
      backend.close().then(
        () => done(0),
        (error: unknown) => {
          log.error('shutdown failed', error);
          done(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
