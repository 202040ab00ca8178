/**
 * Model quality on the churn sample: the workbench's logistic regression and
 * default MLP against scikit-learn's LogisticRegression and xgboost, on the
 * same stratified 60/20/20 split with seed 42 (the workbench's split, handed
 * to Python as row indices). The baselines train on train + validation.
 *
 *   npm run bench:churn
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitRows } from '../../electron/evaluation';
import { openTestBackend } from '../../test/backend';
import { resourcesDir } from '../../test/helpers';
import type { Algorithm, TrainSpecInput } from '../../shared/contract';

const csv = join(resourcesDir, 'sample-data', 'telco-customer-churn.csv');
const split = { strategy: 'stratified', train: 0.6, validation: 0.2, test: 0.2, seed: 42 } as const;

const test = await openTestBackend();
try {
  const { client, backend } = test;
  const { datasets } = await client.runJob('data.add', { path: csv });
  const dataset = datasets[0]?.name ?? 'telco-customer-churn';
  const proposal = await client.call('training.propose', { dataset, target: 'Churn' });
  const models: [string, Algorithm, Partial<TrainSpecInput['settings']>][] = [
    ['workbench logistic regression', { kind: 'linear', l2: 0 }, { epochs: 60, learningRate: 0.01 }],
    ['workbench MLP (default: 64, 64, relu)', { kind: 'mlp', hiddenLayers: [64, 64], activation: 'relu', dropout: 0, l2: 0 }, { epochs: 60, learningRate: 0.001 }],
  ];
  const results: [string, number, string][] = [];
  for (const [name, algorithm, settings] of models) {
    const spec: TrainSpecInput = {
      experiment: 'bench-churn',
      runName: name,
      dataset,
      pipeline: proposal.pipeline,
      algorithm,
      settings: { batchSize: 256, seed: 42, earlyStopping: { metric: 'val_roc_auc', patience: 8 }, ...settings },
      split,
      importance: false,
    };
    const started = Date.now();
    const { queueId } = await client.call('training.start', { spec, trigger: 'manual' });
    const result = await backend.training.whenDone(queueId);
    results.push([name, result.metrics.test_roc_auc ?? Number.NaN, `${result.backend}, ${((Date.now() - started) / 1000).toFixed(1)} s`]);
  }

  // The same split for Python: labels as the workbench orders classes (sorted: No, Yes).
  const lines = readFileSync(csv, 'utf8').trim().split('\n');
  const churnAt = lines[0]?.split(',').indexOf('Churn') ?? -1;
  const labels = lines.slice(1).map((line) => (line.split(',').at(churnAt) === 'Yes' ? 1 : 0));
  const rows = splitRows({ ...split, folds: 0 }, labels.length, { labels });
  const splitFile = join(test.home, 'split.json');
  writeFileSync(splitFile, JSON.stringify({ train: [...rows.train], validation: [...rows.validation], test: [...rows.test] }));
  const python = JSON.parse(execFileSync(process.env.WORKBENCH_PYTHON ?? '/usr/bin/python3', [join(import.meta.dirname, 'compare.py'), csv, splitFile], { encoding: 'utf8' })) as Record<string, number | string>;
  for (const [name, value] of Object.entries(python)) results.push([name, typeof value === 'number' ? value : Number.NaN, typeof value === 'string' ? value : 'scikit-learn / xgboost']);

  console.log(`churn sample, stratified 60/20/20, seed 42: test ROC AUC (${rows.test.length} rows)`);
  const best = Math.max(...results.map(([, auc]) => (Number.isFinite(auc) ? auc : 0)));
  for (const [name, auc, note] of results) console.log(`  ${name.padEnd(40)} ${auc.toFixed(4)}  (${(auc / best).toFixed(3)} of the best)  ${note}`);
  const target = results.slice(0, 2).every(([, auc]) => auc >= 0.83);
  console.log(`target: both workbench models >= 0.83: ${target ? 'met' : 'NOT met'}`);
} finally {
  await test.close();
}
