import { resolve } from 'node:path';
import { runOneShot } from './headless';

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
export function predict(options: PredictCommandOptions): Promise<number> {
  return runOneShot(options, ['invalid_input', 'not_found', 'data_unreadable', 'dataset_exists'], async (backend, job) => {
    const known = backend.data.list().some((d) => d.name.toLowerCase() === options.input.toLowerCase() || d.id === options.input);
    const result = await backend.scoring.batch(
      {
        model: options.model,
        input: known ? options.input : resolve(options.input),
        output: { kind: 'parquet', path: resolve(options.output) },
        column: options.column ?? 'prediction',
        chunkRows: options.chunkRows ?? 65_536,
      },
      job,
    );
    return options.json
      ? `${JSON.stringify(result, null, 2)}\n`
      : `${result.rows} rows scored by models:/${result.model}/${result.version} in ${result.seconds.toFixed(1)} s\nwritten to ${result.output}\n`;
  });
}
