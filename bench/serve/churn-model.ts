import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SignatureField } from '../../shared/contract';
import { seededRandom } from '../../electron/evaluation';
import { openTestBackend } from '../../test/backend';
import { resourcesDir } from '../../test/helpers';

/** What bench/serve and bench/serve/logging serve: the churn sample's model, trained in a workspace of its own. */
export interface TrainedChurn {
  close: () => Promise<void>;
  workspace: string;
  home: string;
  inputs: SignatureField[];
  csv: string;
}

/** The churn sample's rows as the signature's inputs: text as it is, numbers as numbers (an empty cell: null). */
function sampleRows(csv: string, inputs: SignatureField[]): { columns: string[]; rows: (string | number | null)[][] } {
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  const header = (lines[0] ?? '').split(',');
  const columns = inputs.map((field) => field.name);
  const at = columns.map((name) => header.indexOf(name));
  const numeric = inputs.map((field) => !['string', 'tensor'].includes(field.type));
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',');
    return at.map((i, c) => {
      const cell = (cells[i] ?? '').trim();
      return numeric[c] ? (cell === '' ? null : Number(cell)) : cell;
    });
  });
  return { columns, rows };
}

/** dataframe_split bodies of the churn sample's first rows, typed as the signature says. */
export function bodies(csv: string, inputs: SignatureField[], counts: number[]): Map<number, string> {
  const { columns, rows } = sampleRows(csv, inputs);
  return new Map(counts.map((n) => [n, JSON.stringify({ dataframe_split: { columns, data: rows.slice(0, n) } })]));
}

/**
 * `count` different dataframe_split bodies of `rows` rows each: rows drawn
 * at random (seeded) from the churn sample, their charges moved by up to 5%
 * (to the cent), so that no two bodies, and almost no two predictions, are
 * alike. Production traffic is like that; one body sent again and again is
 * not (V8 then remembers every prediction's text: see bench/serve/logging.ts).
 */
export function distinctBodies(csv: string, inputs: SignatureField[], rows: number, count: number, seed = 7): string[] {
  const { columns, rows: sample } = sampleRows(csv, inputs);
  const charges = columns.map((name) => name.endsWith('Charges'));
  const random = seededRandom(seed);
  const row = (): (string | number | null)[] =>
    (sample[Math.floor(random() * sample.length)] as (string | number | null)[]).map((value, c) => (charges[c] && typeof value === 'number' ? Math.round(value * (0.95 + 0.1 * random()) * 100) / 100 : value));
  return Array.from({ length: count }, () => JSON.stringify({ dataframe_split: { columns, data: Array.from({ length: rows }, row) } }));
}

/** The proposed pipeline on the churn sample, 5 epochs, registered as churn@champion. */
export async function trainChurn(say: (line: string) => void): Promise<TrainedChurn> {
  const test = await openTestBackend();
  const { client, backend } = test;
  const csv = join(resourcesDir, 'sample-data', 'telco-customer-churn.csv');
  const { datasets } = await client.runJob('data.add', { path: csv });
  const dataset = datasets[0]?.name ?? 'telco-customer-churn';
  const proposal = await client.call('training.propose', { dataset, target: 'Churn' });
  const spec = {
    experiment: 'bench-serve',
    runName: 'churn for serving',
    dataset,
    pipeline: proposal.pipeline,
    algorithm: proposal.algorithm,
    settings: { batchSize: 256, seed: 42, epochs: 5 },
    split: { strategy: 'stratified', train: 0.6, validation: 0.2, test: 0.2, seed: 42 },
    importance: false,
  } as const;
  const { queueId } = await client.call('training.start', { spec, trigger: 'manual' });
  const result = await backend.training.whenDone(queueId);
  const version = await client.runJob('registry.registerRun', { runId: result.runId, name: 'churn' });
  await client.call('registry.setAlias', { name: 'churn', alias: 'champion', version: version.version });
  say(`trained ${proposal.algorithm.kind} (run ${result.runId}), registered churn v${version.version}: ${version.signature.inputs.length} inputs, outputs ${version.signature.outputs.map((o) => o.name).join(', ')}`);
  return { close: () => test.close(), workspace: test.workspace, home: test.home, inputs: version.signature.inputs, csv };
}
