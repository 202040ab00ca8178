import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { trainSpecSchema } from '../../shared/contract';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { failure, repoRoot, tempDir, waitFor } from '../../test/helpers';
import { startServer } from '../server';
import { silentLogger } from '../log';
import { addToy, toySpec } from './training-test-kit';

let test: TestBackend | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

describe('training jobs', () => {
  it('saves a job, fires it on its cron schedule, and refuses a bad schedule naming the field', async () => {
    test = await openTestBackend();
    const { client, backend } = test;
    const dataset = await addToy(client, test.workspace);
    const spec = trainSpecSchema.parse(toySpec(dataset.name, { importance: false, settings: { epochs: 2, batchSize: 64, seed: 1 } }));
    const bad = await failure(client.call('training.saveJob', { name: 'nightly', spec, schedule: '61 * * * *' }));
    expect(bad.code).toBe('invalid_input');
    expect(bad.message).toContain('schedule');

    const saved = await client.call('training.saveJob', { name: 'every-second', spec, schedule: '* * * * * *' });
    expect(saved.nextRunAt).toBeGreaterThan(Date.now() - 1000);
    await waitFor(() => backend.training.queue().some((entry) => entry.jobName === 'every-second' && entry.trigger === 'schedule'), 5000, 'the schedule to fire');
    await client.call('training.saveJob', { name: 'every-second', spec, schedule: '* * * * * *', enabled: false });
    const fired = backend.training.queue().filter((entry) => entry.jobName === 'every-second');
    await Promise.all(fired.map((entry) => backend.training.whenDone(entry.id).catch(() => undefined)));
    expect((await client.call('training.jobs', {}))[0]).toMatchObject({ name: 'every-second', enabled: false, nextRunAt: null });
    await client.call('training.deleteJob', { name: 'every-second' });
    expect(await client.call('training.jobs', {})).toEqual([]);
  });

  it('starts a saved job from the authenticated REST API and answers with the run id', async () => {
    test = await openTestBackend();
    const { client, backend } = test;
    const dataset = await addToy(client, test.workspace);
    const spec = trainSpecSchema.parse(toySpec(dataset.name, { importance: false, settings: { epochs: 2, batchSize: 64, seed: 1 } }));
    await client.call('training.saveJob', { name: 'retrain', spec });
    const token = 'api-token';
    const server = await startServer({ backend, rendererDir: '/nonexistent', log: silentLogger, port: 0, token });
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${server.url}/api/training.start`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ job: 'retrain' }) });
      expect((await post({})).status).toBe(401);
      const response = await post({ authorization: `Bearer ${token}` });
      expect(response.status).toBe(200);
      const started = (await response.json()) as { queueId: string; runId: string };
      const result = await backend.training.whenDone(started.queueId);
      expect(result.runId).toBe(started.runId);
      expect(backend.training.queue().find((entry) => entry.id === started.queueId)).toMatchObject({ trigger: 'api', jobName: 'retrain', state: 'succeeded' });
      expect(backend.tracking.run(started.runId).status).toBe('FINISHED');
    } finally {
      await server.close();
    }
  });

  it('survives kill -9 mid-training: the store is intact, the run is marked KILLED, the queued one runs after restart', async () => {
    const kept = tempDir();
    const workspace = join(kept.path, 'ws');
    mkdirSync(workspace);
    const home = kept.path;
    test = await openTestBackend({}, workspace);
    const dataset = await addToy(test.client, test.workspace, 3000);
    await test.close();
    test = undefined;

    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test', 'training-child.ts'), workspace, join(home, 'child'), dataset.name], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('ready'), 60_000, `the child to train (${output})`);
    const [, longId, longRun, shortId, shortRun] = output.trim().split(/\s+/);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const db = new Database(join(workspace, '.workbench', 'workbench.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();

    test = await openTestBackend({}, workspace);
    const { backend } = test;
    expect(backend.training.queue().find((entry) => entry.id === longId)?.state).toBe('interrupted');
    expect(backend.tracking.run(longRun ?? '').status).toBe('KILLED');
    expect(backend.tracking.metricHistory(longRun ?? '', ['loss']).loss?.length).toBeGreaterThanOrEqual(2);
    await backend.training.whenDone(shortId ?? '');
    expect(backend.tracking.run(shortRun ?? '').status).toBe('FINISHED');
    await test.close();
    test = undefined;
    kept.cleanup();
  }, 120_000);
});
