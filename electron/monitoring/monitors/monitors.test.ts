import { afterEach, describe, expect, it } from 'vitest';
import { reportSpecSchema, trainSpecSchema, type Alert } from '../../../shared/contract';
import { openTestBackend, type TestBackend } from '../../../test/backend';
import { failure, waitFor } from '../../../test/helpers';
import { silentLogger } from '../../log';
import { startServer } from '../../server';
import { addToy, toySpec } from '../../training/training-test-kit';
import { addShiftedToy, driftSpec } from './monitors-test-kit';

let test: TestBackend | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

describe('monitors', () => {
  it('saves, lists and deletes monitors, refusing a bad schedule and an unknown training job by field', async () => {
    test = await openTestBackend();
    const { client } = test;
    const spec = reportSpecSchema.parse(driftSpec('toy', 'toy'));
    const bad = await failure(client.call('monitoring.saveMonitor', { name: 'nightly', spec, schedule: '61 * * * *' }));
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toContain('schedule');
    const missingJob = await failure(client.call('monitoring.saveMonitor', { name: 'nightly', spec, retrainJob: 'no-such-job' }));
    expect(missingJob.code).toBe('not_found');
    expect(missingJob.message).toContain('no-such-job');
    expect(await client.call('monitoring.monitors', {})).toEqual([]);

    const saved = await client.call('monitoring.saveMonitor', { name: 'nightly', spec, schedule: '0 3 * * *' });
    expect(saved).toMatchObject({ name: 'nightly', schedule: '0 3 * * *', enabled: true, retrainJob: null, lastReportId: null });
    expect(saved.nextRunAt).toBeGreaterThan(Date.now());
    const disabled = await client.call('monitoring.saveMonitor', { name: 'nightly', spec, schedule: '0 3 * * *', enabled: false });
    expect(disabled.nextRunAt).toBeNull();
    await client.call('monitoring.saveMonitor', { name: 'adhoc', spec });
    expect((await client.call('monitoring.monitors', {})).map((m) => m.name)).toEqual(['adhoc', 'nightly']);

    await client.call('monitoring.deleteMonitor', { name: 'nightly' });
    expect((await client.call('monitoring.monitors', {})).map((m) => m.name)).toEqual(['adhoc']);
    expect((await failure(client.call('monitoring.deleteMonitor', { name: 'nightly' }))).code).toBe('not_found');
    expect((await failure(client.call('monitoring.runMonitor', { name: 'nightly' }))).code).toBe('not_found');
  });

  it('fires on its cron schedule and saves a report; re-armed when the workspace reopens', async () => {
    test = await openTestBackend();
    const { client, backend } = test;
    await addToy(client, test.workspace);
    const shifted = await addShiftedToy(client, test.workspace, 3);
    const spec = reportSpecSchema.parse(driftSpec('toy', shifted.name));
    await client.call('monitoring.saveMonitor', { name: 'every-second', spec, schedule: '* * * * * *' });
    const lastReport = (): string | null => backend.monitors.monitors()[0]?.lastReportId ?? null;
    await waitFor(() => lastReport() !== null, 8000, 'the schedule to fire');
    const report = await client.call('monitoring.report', { id: lastReport() ?? '' });
    expect(report.drift.detected).toBe(true);
    expect(report.drift.columns.filter((column) => column.drifted).map((column) => column.column).sort()).toEqual(['x1', 'x2']);
    const alerts = await client.call('monitoring.alerts', {});
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0]).toMatchObject({ monitor: 'every-second', acknowledged: false, retrainRunId: null });

    // The schedule survives a reopen of the workspace: the backend's onChange re-arms it.
    backend.workspace.open(test.workspace);
    const before = (await client.call('monitoring.reports', { limit: 1000 })).length;
    await waitFor(() => backend.monitoring.reports({ limit: 1000 }).length > before, 8000, 'the re-armed schedule to fire');
    await client.call('monitoring.saveMonitor', { name: 'every-second', spec, schedule: '* * * * * *', enabled: false });
  });

  it('runs a monitor from the authenticated local API and raises an alert event, acknowledged later', async () => {
    test = await openTestBackend();
    const { client, backend } = test;
    await addToy(client, test.workspace);
    const shifted = await addShiftedToy(client, test.workspace, 3);
    await client.call('monitoring.saveMonitor', { name: 'api', spec: reportSpecSchema.parse(driftSpec('toy', shifted.name)) });
    const events: Alert[] = [];
    const unsubscribe = backend.bus.subscribe('monitoring.alert', (alert) => events.push(alert as Alert));
    const token = 'api-token';
    const server = await startServer({ backend, rendererDir: '/nonexistent', log: silentLogger, port: 0, token });
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${server.url}/api/monitoring.runMonitor`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name: 'api' }) });
      expect((await post({})).status).toBe(401);
      const response = await post({ authorization: `Bearer ${token}` });
      expect(response.status).toBe(200);
      const ran = (await response.json()) as { reportId: string; alerts: string[]; retrainRunId: string | null };
      expect(ran.alerts.length).toBeGreaterThan(0);
      expect(ran.retrainRunId).toBeNull();
      expect(backend.monitors.monitors()[0]?.lastReportId).toBe(ran.reportId);
      expect(events.map((event) => event.reportId)).toEqual(ran.alerts.map(() => ran.reportId));
      const id = events[0]?.id ?? '';
      expect((await client.call('monitoring.acknowledge', { id })).acknowledged).toBe(true);
      expect((await client.call('monitoring.alerts', {})).find((alert) => alert.id === id)?.acknowledged).toBe(true);
    } finally {
      unsubscribe();
      await server.close();
    }
  });

  it('no drift gives no alert and starts no retraining', async () => {
    test = await openTestBackend();
    const { client, backend } = test;
    await addToy(client, test.workspace);
    await client.call('training.saveJob', { name: 'retrain', spec: trainSpecSchema.parse(toySpec('toy', { importance: false, settings: { epochs: 2, batchSize: 64, seed: 1 } })) });
    const same = await addShiftedToy(client, test.workspace, 0, 'toy_again');
    await client.call('monitoring.saveMonitor', { name: 'quiet', spec: reportSpecSchema.parse(driftSpec('toy', same.name)), retrainJob: 'retrain' });
    const ran = await client.call('monitoring.runMonitor', { name: 'quiet' });
    expect(ran).toMatchObject({ alerts: [], retrainRunId: null });
    expect(backend.training.queue()).toEqual([]);
    expect(await client.call('monitoring.alerts', {})).toEqual([]);
  });
});
