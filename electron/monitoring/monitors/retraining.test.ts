import { afterEach, describe, expect, it } from 'vitest';
import { reportSpecSchema, trainSpecSchema, type ReportSpec } from '../../../shared/contract';
import { openTestBackend, type TestBackend } from '../../../test/backend';
import { addToy, toySpec } from '../../training/training-test-kit';
import { compareChallenger } from './challenger';
import { addShiftedToy, driftSpec } from './monitors-test-kit';
import { REPORT_TAG } from './service';

let test: TestBackend | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

/** The report spec the comparison reads: the model, the current data and its label. */
const labelledSpec = (current: string): ReportSpec =>
  reportSpecSchema.parse({
    ...driftSpec('toy', current),
    model: 'models:/toy@champion',
    quality: { task: 'binary', prediction: 'prediction', label: 'label', timeColumn: 'id' },
  });

describe('retraining from a monitor', () => {
  it('a drift alert starts the saved training job, tagged with the report; its model is compared with the champion without moving the alias', async () => {
    test = await openTestBackend();
    const { client, backend } = test;
    await addToy(client, test.workspace);
    const spec = trainSpecSchema.parse(toySpec('toy', { importance: false, settings: { epochs: 6, batchSize: 32, seed: 1 } }));
    await client.call('training.saveJob', { name: 'retrain', spec });

    const first = await client.call('training.start', { job: 'retrain' });
    await backend.training.whenDone(first.queueId);
    await backend.registry.registerRun({ runId: first.runId, name: 'toy' });
    backend.registry.setAlias('toy', 'champion', 1);

    const shifted = await addShiftedToy(client, test.workspace, 3);
    await client.call('monitoring.saveMonitor', { name: 'drift', spec: reportSpecSchema.parse(driftSpec('toy', shifted.name)), retrainJob: 'retrain' });
    const ran = await client.call('monitoring.runMonitor', { name: 'drift' });
    expect(ran.alerts.length).toBeGreaterThan(0);
    expect(ran.retrainRunId).not.toBeNull();
    const runId = ran.retrainRunId ?? '';
    expect(backend.tracking.run(runId).tags[REPORT_TAG]).toBe(ran.reportId);

    const entry = backend.training.queue().find((candidate) => candidate.runId === runId);
    expect(entry).toMatchObject({ jobName: 'retrain', trigger: 'api' });
    await backend.training.whenDone(entry?.id ?? '');
    expect(backend.tracking.run(runId).status).toBe('FINISHED');

    const [alert] = await client.call('monitoring.alerts', {});
    expect(alert).toMatchObject({ monitor: 'drift', reportId: ran.reportId, retrainRunId: runId });
    // The monitor's report has no labels: the comparison says so rather than guessing.
    const compared = await backend.monitors.whenCompared(alert?.id ?? '');
    expect(compared.comparison?.skipped).toContain('quality');

    // With labels in the current data, both models are scored on it.
    const onShifted = await compareChallenger({ data: backend.data, registry: backend.registry, tracking: backend.tracking, spec: labelledSpec(shifted.name), runId });
    expect(onShifted).toMatchObject({ metric: 'roc_auc', rows: 400, skipped: null, champion: { name: 'toy', version: 1 }, challenger: { runId } });
    const championAuc = onShifted.champion?.metrics.roc_auc ?? Number.NaN;
    const challengerAuc = onShifted.challenger?.metrics.roc_auc ?? Number.NaN;
    expect(onShifted.winner).toBe(championAuc === challengerAuc ? 'tie' : challengerAuc > championAuc ? 'challenger' : 'champion');

    // On the data it was trained on, the champion separates the toy classes well.
    const onTraining = await compareChallenger({ data: backend.data, registry: backend.registry, tracking: backend.tracking, spec: labelledSpec('toy'), runId });
    expect(onTraining.champion?.metrics.accuracy).toBeGreaterThan(0.85);
    expect(onTraining.champion?.metrics.roc_auc).toBeGreaterThan(0.9);
    expect(backend.registry.aliasVersion('toy', 'champion')).toBe(1);
  });
});
