import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { WORKBENCH_VERSION } from '../backend';
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
  .version(WORKBENCH_VERSION);

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

await program.parseAsync(process.argv);
