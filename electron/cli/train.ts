import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isWorkbenchError, type TrainResult } from '../../shared/contract';
import { createBackend, defaultAppHome, defaultSampleDir } from '../backend';
import { createLogger, type Logger } from '../log';
import { readTrainConfig } from './train-config';

export interface TrainCommandOptions {
  config: string;
  workspace?: string;
  json?: boolean;
  resourcesDir: string;
}

/** `workbench train --config job.yaml [--workspace DIR] [--json]`: trains headless, prints the run id and metrics. */
export async function train(options: TrainCommandOptions): Promise<number> {
  // A command's stderr is for its own messages: the backend's routine info lines stay out.
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
    const spec = await readTrainConfig(options.config, {
      propose: (dataset, target) => backend.training.propose(dataset, target),
      resolveDataset: async (nameOrPath, configDir) => {
        const known = backend.data.list().find((d) => d.name.toLowerCase() === nameOrPath.toLowerCase() || d.id === nameOrPath);
        const path = resolve(configDir, nameOrPath);
        if (known || !existsSync(path)) return nameOrPath;
        const registered = backend.data.list().find((d) => d.location === path);
        if (registered) return registered.name;
        const { datasets } = await backend.data.add({ path }, { signal: controller.signal, progress: () => undefined });
        return datasets[0]?.name ?? nameOrPath;
      },
    });
    const result = await backend.training.trainNow(spec, {
      signal: controller.signal,
      progress: (fraction, message) => {
        if (interactive) process.stderr.write(`\r${fraction === null ? '' : `${Math.round(fraction * 100)}% `}${message ?? ''}\x1b[K`);
      },
    });
    if (interactive) process.stderr.write('\r\x1b[K');
    process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : render(result));
    return 0;
  } catch (error) {
    if (interactive) process.stderr.write('\r\x1b[K');
    process.stderr.write(`workbench: ${isWorkbenchError(error) || error instanceof Error ? error.message : String(error)}\n`);
    if (controller.signal.aborted) return 130;
    return isWorkbenchError(error) && (error.code === 'invalid_input' || error.code === 'not_found' || error.code === 'training_bad_data') ? 2 : 1;
  } finally {
    process.off('SIGINT', interrupt);
    await backend.close();
  }
}

function render(result: TrainResult): string {
  const lines = [`run ${result.runId} (experiment ${result.experimentId}) trained on ${result.backend}, ${result.device}`];
  if (result.bestTrialRunId) lines.push(`best trial: run ${result.bestTrialRunId}`);
  const width = Math.max(0, ...Object.keys(result.metrics).map((key) => key.length));
  for (const [key, value] of Object.entries(result.metrics).sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${key.padEnd(width)}  ${value.toFixed(4)}`);
  return `${lines.join('\n')}\n`;
}
