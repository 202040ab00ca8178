import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkbenchClient } from '../../shared/client';
import type { Dataset, TrainSpecInput } from '../../shared/contract';
import { seededRandom } from '../evaluation';

/**
 * Small datasets for training tests: a separable binary problem with a
 * category and a few missing numbers, written as CSV into the workspace.
 */
export function writeToyCsv(folder: string, rows = 400, seed = 7): string {
  const random = seededRandom(seed);
  const lines = ['id,x1,x2,colour,label'];
  for (let i = 0; i < rows; i += 1) {
    const x1 = random() * 4 - 2;
    const x2 = random() * 4 - 2;
    const colour = ['red', 'green', 'blue'][Math.floor(random() * 3)] ?? 'red';
    const score = 1.5 * x1 - x2 + (colour === 'red' ? 0.8 : 0) + (random() - 0.5) * 0.6;
    lines.push(`${i},${i % 37 === 5 ? '' : x1.toFixed(4)},${x2.toFixed(4)},${colour},${score > 0 ? 'yes' : 'no'}`);
  }
  const path = join(folder, 'toy.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

export async function addToy(client: WorkbenchClient, folder: string, rows?: number): Promise<Dataset> {
  const { datasets } = await client.runJob('data.add', { path: writeToyCsv(folder, rows) });
  const dataset = datasets[0];
  if (!dataset) throw new Error('the toy dataset was not added');
  return dataset;
}

export function toySpec(dataset: string, overrides: Partial<TrainSpecInput> = {}): TrainSpecInput {
  return {
    experiment: 'tests',
    dataset,
    pipeline: {
      target: 'label',
      task: 'binary',
      columns: [
        { column: 'id', role: 'drop', steps: [] },
        { column: 'x1', role: 'numeric', steps: [{ op: 'impute', strategy: 'median' }, { op: 'standardize' }] },
        { column: 'x2', role: 'numeric', steps: [{ op: 'standardize' }] },
        { column: 'colour', role: 'categorical', steps: [{ op: 'onehot', maxCategories: 10 }] },
      ],
    },
    algorithm: { kind: 'linear', l2: 0 },
    settings: { epochs: 8, batchSize: 32, learningRate: 0.05, seed: 3 },
    split: { strategy: 'stratified', train: 0.6, validation: 0.2, test: 0.2, seed: 1 },
    importance: true,
    backend: 'cpu',
    ...overrides,
  };
}
