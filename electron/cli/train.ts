import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TrainResult } from '../../shared/contract';
import { runOneShot } from './headless';
import { readTrainConfig } from './train-config';

export interface TrainCommandOptions {
  config: string;
  workspace?: string;
  json?: boolean;
  resourcesDir: string;
}

/** `workbench train --config job.yaml [--workspace DIR] [--json]`: trains headless, prints the run id and metrics. */
export function train(options: TrainCommandOptions): Promise<number> {
  return runOneShot(options, ['invalid_input', 'not_found', 'training_bad_data'], async (backend, job) => {
    const spec = await readTrainConfig(options.config, {
      propose: (dataset, target) => backend.training.propose(dataset, target),
      resolveDataset: async (nameOrPath, configDir) => {
        const known = backend.data.list().find((d) => d.name.toLowerCase() === nameOrPath.toLowerCase() || d.id === nameOrPath);
        const path = resolve(configDir, nameOrPath);
        if (known || !existsSync(path)) return nameOrPath;
        const registered = backend.data.list().find((d) => d.location === path);
        if (registered) return registered.name;
        const { datasets } = await backend.data.add({ path }, { signal: job.signal, progress: () => undefined });
        return datasets[0]?.name ?? nameOrPath;
      },
    });
    const result = await backend.training.trainNow(spec, job);
    return options.json ? `${JSON.stringify(result, null, 2)}\n` : render(result);
  });
}

function render(result: TrainResult): string {
  const lines = [`run ${result.runId} (experiment ${result.experimentId}) trained on ${result.backend}, ${result.device}`];
  if (result.bestTrialRunId) lines.push(`best trial: run ${result.bestTrialRunId}`);
  const width = Math.max(0, ...Object.keys(result.metrics).map((key) => key.length));
  for (const [key, value] of Object.entries(result.metrics).sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${key.padEnd(width)}  ${value.toFixed(4)}`);
  return `${lines.join('\n')}\n`;
}
