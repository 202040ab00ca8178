import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluationReportSchema } from '../../shared/contract';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { failure, waitFor } from '../../test/helpers';
import { addToy, toySpec } from './training-test-kit';

let test: TestBackend;
beforeEach(async () => {
  test = await openTestBackend();
});
afterEach(async () => {
  await test.close();
});

describe('training a model', () => {
  it('trains, evaluates and records a run: params, epoch metrics, test figures, plots, the model and its dataset', async () => {
    const { client, backend } = test;
    const dataset = await addToy(client, test.workspace);
    const started = await client.call('training.start', { spec: toySpec(dataset.name), trigger: 'manual' });
    expect((await client.call('tracking.run', { runId: started.runId })).status).toMatch(/SCHEDULED|RUNNING/);
    const result = await backend.training.whenDone(started.queueId);

    expect(result.runId).toBe(started.runId);
    expect(result.backend).toBe('cpu');
    expect(result.metrics.test_roc_auc).toBeGreaterThan(0.9);
    const run = await client.call('tracking.run', { runId: started.runId });
    expect(run.status).toBe('FINISHED');
    expect(run.params).toMatchObject({ algorithm: 'linear', epochs: '8', batchSize: '32', target: 'label', 'split.strategy': 'stratified' });
    expect(run.tags).toMatchObject({ 'workbench.backend': 'cpu', 'workbench.source': 'training' });
    expect(run.inputs).toEqual([expect.objectContaining({ name: dataset.name, digest: dataset.fingerprint, context: 'training' })]);
    const history = await client.call('tracking.metricHistory', { runId: started.runId, keys: ['loss', 'val_roc_auc'] });
    expect(history.loss?.map((point) => point.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.val_roc_auc).toHaveLength(8);

    const report = evaluationReportSchema.parse(JSON.parse((await client.call('tracking.readArtifact', { runId: started.runId, path: 'evaluation/report.json' })).text));
    expect(report.rows).toEqual({ train: 240, validation: 80, test: 80 });
    expect(report.metrics.roc_auc).toBeCloseTo(result.metrics.test_roc_auc ?? 0, 10);
    expect(report.confusion?.flat().reduce((a, b) => a + b, 0)).toBe(80);
    expect(report.importance?.columns.map((c) => c.column).sort()).toEqual(['colour', 'x1', 'x2']);
    // x1 carries the most signal by construction; colour the least.
    const importance = Object.fromEntries(report.importance?.columns.map((c) => [c.column, c.mean]) ?? []);
    expect(importance.x1).toBeGreaterThan(importance.colour ?? 0);
    const files = (await client.call('tracking.artifacts', { runId: started.runId, path: 'model' })).map((entry) => entry.path);
    expect(files).toEqual(expect.arrayContaining(['model/pipeline.json', 'model/spec.json', 'model/weights.json']));
  });

  it('gives the same model for the same seed, and another for another seed', async () => {
    const { client, backend } = test;
    const dataset = await addToy(client, test.workspace);
    const run = async (seed: number) => {
      const { queueId, runId } = await client.call('training.start', { spec: toySpec(dataset.name, { importance: false, settings: { epochs: 3, batchSize: 32, seed } }), trigger: 'manual' });
      await backend.training.whenDone(queueId);
      return (await client.call('tracking.readArtifact', { runId, path: 'model/weights.json' })).text;
    };
    const first = await run(11);
    expect(await run(11)).toBe(first);
    expect(await run(12)).not.toBe(first);
  });

  it('refuses bad data before training, naming the column, and ends the run FAILED', async () => {
    const { client, backend } = test;
    const dataset = await addToy(client, test.workspace);
    const spec = toySpec(dataset.name);
    spec.pipeline.columns[1] = { column: 'x1', role: 'numeric', steps: [{ op: 'standardize' }] };
    const { problems } = await client.call('training.check', { spec });
    expect(problems).toEqual([expect.objectContaining({ message: expect.stringContaining('x1') })]);

    const { queueId, runId } = await client.call('training.start', { spec, trigger: 'manual' });
    const error = await failure(backend.training.whenDone(queueId));
    expect(error.code).toBe('training_bad_data');
    expect(error.message).toContain('x1');
    const run = await client.call('tracking.run', { runId });
    expect(run.status).toBe('FAILED');
    expect(run.tags['workbench.error']).toContain('x1');
  });

  it('queues a second training behind the first, and cancels one while it trains', async () => {
    const { client, backend } = test;
    const dataset = await addToy(client, test.workspace, 2000);
    const long = toySpec(dataset.name, { importance: false, settings: { epochs: 400, batchSize: 16, seed: 1 } });
    const first = await client.call('training.start', { spec: long, trigger: 'manual' });
    const second = await client.call('training.start', { spec: toySpec(dataset.name, { importance: false }), trigger: 'manual' });
    await waitFor(() => backend.training.queue().find((e) => e.id === first.queueId)?.state === 'running', 10_000, 'the first to run');
    expect(backend.training.queue().find((e) => e.id === second.queueId)?.state).toBe('queued');
    await waitFor(() => (backend.tracking.metricHistory(first.runId, ['loss']).loss?.length ?? 0) > 0, 20_000, 'an epoch');

    await client.call('training.cancel', { queueId: first.queueId });
    expect((await failure(backend.training.whenDone(first.queueId))).code).toBe('cancelled');
    expect((await client.call('tracking.run', { runId: first.runId })).status).toBe('KILLED');
    await backend.training.whenDone(second.queueId);
    const entries = await client.call('training.queue', {});
    expect(entries.find((e) => e.id === first.queueId)?.state).toBe('cancelled');
    expect(entries.find((e) => e.id === second.queueId)?.state).toBe('succeeded');

    const retried = await client.call('training.retry', { queueId: first.queueId });
    expect(retried.runId).not.toBe(first.runId);
    await client.call('training.cancel', { queueId: retried.queueId });
  });

  it('runs a hyperparameter search as child runs and marks the best', async () => {
    const { client, backend } = test;
    const dataset = await addToy(client, test.workspace);
    const spec = toySpec(dataset.name, {
      importance: false,
      settings: { epochs: 4, batchSize: 32, seed: 5 },
      search: { method: 'random', trials: 4, parallel: 2, metric: 'val_roc_auc', direction: 'maximize', pruning: false, space: { 'settings.learningRate': { type: 'loguniform', low: 0.001, high: 0.3 } } },
    });
    const { queueId, runId } = await client.call('training.start', { spec, trigger: 'manual' });
    const result = await backend.training.whenDone(queueId);
    const trials = await client.call('tracking.searchRuns', { filter: `tags.mlflow.parentRunId = '${runId}'` });
    expect(trials.total).toBe(4);
    expect(new Set(trials.runs.map((r) => r.params.learningRate)).size).toBe(4);
    const parent = await client.call('tracking.run', { runId });
    expect(parent.status).toBe('FINISHED');
    expect(parent.tags['workbench.bestTrialRunId']).toBe(result.bestTrialRunId);
    const best = trials.runs.find((r) => r.id === result.bestTrialRunId);
    const bestValue = Math.max(...trials.runs.map((r) => Math.max(...(backend.tracking.metricHistory(r.id, ['val_roc_auc']).val_roc_auc ?? []).map((p) => p.value))));
    expect(parent.metrics.best_val_roc_auc).toBe(bestValue);
    expect(best).toBeDefined();
  });
});
