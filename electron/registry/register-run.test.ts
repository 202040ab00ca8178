import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { failure } from '../../test/helpers';
import { addToy, toySpec } from '../training/training-test-kit';

/** A run trained for real (TF.js, exported to ONNX at the end of training), then registered. */
describe('registering a trained run', () => {
  let t: TestBackend;
  let runId = '';

  beforeAll(async () => {
    t = await openTestBackend();
    const dataset = await addToy(t.client, t.workspace);
    const started = await t.client.call('training.start', { spec: toySpec(dataset.name, { importance: false }), trigger: 'manual' });
    await t.backend.training.whenDone(started.queueId);
    runId = started.runId;
    // Provenance as training records it in a git repository (this workspace is not one).
    t.backend.tracking.setTags(runId, { 'mlflow.source.git.commit': '3f2a9c1e0b7d4f5a6e8c9d0b1a2f3e4d5c6b7a89', 'workbench.git.dirty': 'true' });
  }, 120_000);
  afterAll(async () => t.close());

  it('records the run, its datasets, commit and test metrics, the signature and the parity check', async () => {
    const run = t.backend.tracking.run(runId);
    const version = await t.client.runJob('registry.registerRun', { runId, name: 'toy' });
    expect(version).toMatchObject({ name: 'toy', version: 1, source: `runs:/${runId}/model`, status: 'READY' });
    expect(version.lineage).toEqual({
      runId,
      experimentId: run.experimentId,
      datasets: run.inputs,
      gitCommit: '3f2a9c1e0b7d4f5a6e8c9d0b1a2f3e4d5c6b7a89',
      gitDirty: true,
      metrics: Object.fromEntries(Object.entries(run.metrics).filter(([key]) => key.startsWith('test_'))),
    });
    expect(version.lineage.datasets.length).toBeGreaterThan(0);
    expect(Object.keys(version.lineage.metrics).length).toBeGreaterThan(0);
    expect(version.signature.inputs.map((field) => field.name).sort()).toEqual(['colour', 'x1', 'x2']);

    const modelDir = join(t.backend.tracking.artifactDirectory(runId), 'model');
    const parityFile = join(modelDir, 'parity.json');
    expect(existsSync(parityFile)).toBe(true);
    const { maxAbsDiff, rows, tolerance, passed } = JSON.parse(readFileSync(parityFile, 'utf8')) as Record<string, unknown>;
    expect(version.parity).toEqual({ maxAbsDiff, rows, tolerance, passed });
    expect(version.parity?.passed).toBe(true);
    for (const file of ['MLmodel', 'model.onnx']) expect(version.files.map((entry) => entry.path)).toContain(file);
  });

  it('refuses a run without a model package, naming the run and what is missing', async () => {
    const experiment = t.backend.tracking.experimentByName('tests', true);
    const bare = t.backend.tracking.createRun({ experimentId: experiment.id, name: 'no-model', status: 'RUNNING' });
    const error = await failure(t.client.runJob('registry.registerRun', { runId: bare.id, name: 'toy' }));
    expect(error).toMatchObject({ code: 'model_invalid', message: expect.stringContaining(bare.id) });
    expect(error.message).toContain('model/MLmodel');
    expect(await failure(t.client.runJob('registry.registerRun', { runId: 'feedface', name: 'toy' }))).toMatchObject({ code: 'not_found' });
    expect(t.backend.registry.model('toy').model.versionCount).toBe(1);
  });
});
