import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkbenchClient } from '../../../shared/client';
import type { Dataset, ReportSpecInput } from '../../../shared/contract';
import { writeToyCsv } from '../../training/training-test-kit';

/** The toy training data with `shift` added to x1 and x2: a known drift in two of three features. */
export async function addShiftedToy(client: WorkbenchClient, folder: string, shift: number, name = 'toy_shifted'): Promise<Dataset> {
  // Another folder: the reference dataset reads the workspace's toy.csv.
  const scratch = join(folder, `${name}-source`);
  mkdirSync(scratch, { recursive: true });
  const source = readFileSync(writeToyCsv(scratch, 400, 11), 'utf8').trim().split('\n');
  const lines = source.map((line, index) => {
    if (index === 0) return line;
    const [id, x1, x2, colour, label] = line.split(',');
    const moved = (value: string | undefined): string => (value === undefined || value === '' ? '' : (Number(value) + shift).toFixed(4));
    return [id, moved(x1), moved(x2), colour, label].join(',');
  });
  const path = join(folder, `${name}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const { datasets } = await client.runJob('data.add', { path });
  const dataset = datasets[0];
  if (!dataset) throw new Error('the shifted dataset was not added');
  return dataset;
}

/** A drift-only report of the toy features: reference against current. */
export function driftSpec(reference: string, current: string): ReportSpecInput {
  return {
    name: 'toy drift',
    reference: { kind: 'dataset', dataset: reference },
    current: { kind: 'dataset', dataset: current },
    columns: ['x1', 'x2', 'colour'],
  };
}
