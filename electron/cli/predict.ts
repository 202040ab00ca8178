import { resolve } from 'node:path';
import { isWorkbenchError } from '../../shared/contract';
import { createBackend, defaultAppHome, defaultSampleDir } from '../backend';
import { createLogger, type Logger } from '../log';

export interface PredictCommandOptions {
  model: string;
  input: string;
  output: string;
  column?: string;
  chunkRows?: number;
  workspace?: string;
  json?: boolean;
  resourcesDir: string;
}

/**
 * `workbench models predict -m MODEL_URI -i IN -o OUT.parquet [--column prediction] [--workspace DIR]`,
 * as `mlflow models predict` does: scores IN (a dataset of the workspace, a
 * CSV / Parquet file, or `file.duckdb::table`) and writes OUT with the
 * predictions added; prints the rows, the output and the model version.
 */
export async function predict(options: PredictCommandOptions): Promise<number> {
  const full = createLogger();
  const log: Logger = { ...full, info: () => undefined };
  const backend = createBackend({ mode: 'server', appHome: defaultAppHome(), sampleDir: defaultSampleDir(), resourcesDir: options.resourcesDir, log, background: false });
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.once('SIGINT', interrupt);
  const interactive = process.stderr.isTTY && !options.json;
  try {
    if (options.workspace !== undefined) backend.workspace.open(resolve(options.workspace));
    else backend.workspace.openDefault();
    const known = backend.data.list().some((d) => d.name.toLowerCase() === options.input.toLowerCase() || d.id === options.input);
    const result = await backend.scoring.batch(
      {
        model: options.model,
        input: known ? options.input : resolve(options.input),
        output: { kind: 'parquet', path: resolve(options.output) },
        column: options.column ?? 'prediction',
        chunkRows: options.chunkRows ?? 65_536,
      },
      {
        signal: controller.signal,
        progress: (fraction, message) => {
          if (interactive) process.stderr.write(`\r${fraction === null ? '' : `${Math.round(fraction * 100)}% `}${message ?? ''}\x1b[K`);
        },
      },
    );
    if (interactive) process.stderr.write('\r\x1b[K');
    process.stdout.write(
      options.json
        ? `${JSON.stringify(result, null, 2)}\n`
        : `${result.rows} rows scored by models:/${result.model}/${result.version} in ${result.seconds.toFixed(1)} s\nwritten to ${result.output}\n`,
    );
    return 0;
  } catch (error) {
    if (interactive) process.stderr.write('\r\x1b[K');
    process.stderr.write(`workbench: ${isWorkbenchError(error) || error instanceof Error ? error.message : String(error)}\n`);
    if (controller.signal.aborted) return 130;
    return isWorkbenchError(error) && ['invalid_input', 'not_found', 'data_unreadable', 'dataset_exists'].includes(error.code) ? 2 : 1;
  } finally {
    process.off('SIGINT', interrupt);
    await backend.close();
  }
}
