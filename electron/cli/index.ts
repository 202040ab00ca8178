import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { WORKBENCH_VERSION } from '../backend';
import { modelsServe } from './models-serve';
import { monitorReport } from './monitor';
import { predict } from './predict';
import { profile } from './profile';
import { serve } from './serve';
import { train } from './train';

// Built to out/main/cli.js: the UI is in out/renderer, resources at the package root.
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = process.env.WORKBENCH_RENDERER_DIR ?? join(here, '..', 'renderer');
const resourcesDir = process.env.WORKBENCH_RESOURCES_DIR ?? join(here, '..', '..', 'resources');

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  return port;
}

const program = new Command()
  .name('workbench')
  .description('ML Workbench: the machine-learning workflow on your own workstation.')
  .version(WORKBENCH_VERSION)
  // Usage errors are thrown (and caught below) rather than ending the process with commander's exit code 1.
  .exitOverride();

program
  .command('serve')
  .description('Run every service headless and serve the UI to a browser (server mode).')
  .option('-w, --workspace <dir>', 'workspace folder to open (default: the last one, else the sample)')
  .option('-p, --port <n>', 'port to listen on; 0 picks a free one (default: 4280, or a free one if taken)', parsePort)
  .option('--host <addr>', 'address to bind (default: 127.0.0.1, this machine only)')
  .option('--token <token>', 'API token (default: $WORKBENCH_TOKEN, else random)')
  .action(async (options: { workspace?: string; port?: number; host?: string; token?: string }) => {
    process.exitCode = await serve({ ...options, rendererDir, resourcesDir });
  });

program
  .command('profile')
  .description('Profile a CSV, TSV, Parquet or JSON file (or a glob of them) in DuckDB.')
  .argument('<file>', 'the file, folder or glob to profile')
  .option('--json', 'print the profile as JSON, for scripts and CI pipelines')
  .option('--target <column>', "split each column's distribution by this column")
  .action(async (file: string, options: { json?: boolean; target?: string }) => {
    process.exitCode = await profile(file, options);
  });

program
  .command('train')
  .description('Train a model headless from a job file (YAML or JSON); prints the run id and its metrics.')
  .requiredOption('-c, --config <file>', 'the job: dataset, pipeline, algorithm, settings, split, search')
  .option('-w, --workspace <dir>', 'workspace folder (default: the last one, else the sample)')
  .option('--json', 'print the result as JSON')
  .action(async (options: { config: string; workspace?: string; json?: boolean }) => {
    process.exitCode = await train({ ...options, resourcesDir });
  });

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

const models = program.command('models').description('Serve and score registered models (models:/NAME/VERSION or models:/NAME@ALIAS).');

models
  .command('serve')
  .description('Serve models over REST, as `mlflow models serve` does: MLflow\'s /invocations, the Open Inference Protocol v2 and /metrics.')
  .requiredOption('-m, --model-uri <uri>', 'a model to serve (repeat for several; /invocations scores with the first)', collect)
  .option('-p, --port <n>', 'port to listen on; 0 picks a free one (default: 5000)', parsePort)
  .option('--host <addr>', 'address to bind (default: 127.0.0.1, this machine only)')
  .option('--token [token]', 'require Authorization: Bearer TOKEN (a random one, printed, unless given)')
  .option('-w, --workspace <dir>', 'workspace folder (default: the last one, else the sample)')
  .action(async (options: { modelUri: string[]; port?: number; host?: string; token?: boolean | string; workspace?: string }) => {
    const { modelUri, ...rest } = options;
    process.exitCode = await modelsServe({ ...rest, model: modelUri, resourcesDir });
  });

function parseRows(value: string): number {
  const rows = Number(value);
  if (!Number.isInteger(rows) || rows < 1 || rows > 1_000_000) throw new InvalidArgumentError('rows per chunk are a whole number from 1 to 1,000,000.');
  return rows;
}

models
  .command('predict')
  .description('Score a dataset, CSV or Parquet file, or DuckDB table (file.duckdb::table) into a new Parquet file with a predictions column, as `mlflow models predict` does.')
  .requiredOption('-m, --model-uri <uri>', 'the model: models:/NAME/VERSION or models:/NAME@ALIAS')
  .requiredOption('-i, --input-path <in>', "a dataset of the workspace (name or id), a CSV / Parquet file, or file.duckdb::table")
  .requiredOption('-o, --output-path <out>', 'the Parquet file to write (replaced if it exists; written whole or not at all)')
  .option('--column <name>', 'the predictions column, replaced if the input has it (default: prediction)')
  .option('--chunk-rows <n>', 'rows scored at a time (default: 65536)', parseRows)
  .option('-w, --workspace <dir>', 'workspace folder (default: the last one, else the sample)')
  .option('--json', 'print the result as JSON')
  .action(async (options: { modelUri: string; inputPath: string; outputPath: string; column?: string; chunkRows?: number; workspace?: string; json?: boolean }) => {
    const { modelUri, inputPath, outputPath, ...rest } = options;
    process.exitCode = await predict({ ...rest, model: modelUri, input: inputPath, output: outputPath, resourcesDir });
  });

const monitor = program.command('monitor').description('Monitoring: drift and model-quality reports.');

monitor
  .command('report')
  .description('Compare current data with a reference for drift (and the model\'s prediction drift); save the report in the workspace and print the verdict. Exit 0 unless --fail-on-drift and the report alerts (3).')
  .requiredOption('--reference <ref>', 'the reference data: a dataset of the workspace (name or id) or a CSV / Parquet / JSON file')
  .requiredOption('--current <cur>', 'the current data: a dataset or a file')
  .option('-m, --model <uri>', 'the model the data feeds (models:/NAME@ALIAS or models:/NAME/VERSION): its inputs are compared, its predictions drift-tested')
  .option('--html <file>', 'also write the report as one standalone HTML file')
  .option('--name <name>', 'the report name; each run is its next version (default: Drift report)')
  .option('--fail-on-drift', 'exit 3 when drift is detected or a quality alert fires')
  .option('-w, --workspace <dir>', 'workspace folder (default: the last one, else the sample)')
  .option('--json', 'print the whole report as JSON')
  .action(async (options: { reference: string; current: string; model?: string; html?: string; name?: string; failOnDrift?: boolean; workspace?: string; json?: boolean }) => {
    process.exitCode = await monitorReport({ ...options, resourcesDir });
  });

try {
  await program.parseAsync(process.argv);
}
catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  // Commander has printed the message. A usage error exits 2, as the workbench's own do (headless.ts); --help and --version exit 0.
  process.exitCode = error.exitCode === 0 ? 0 : 2;
}
