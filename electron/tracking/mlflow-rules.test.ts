import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMlflowServer, type MlflowServer } from './testing/mlflow-server';

/** MLflow's rules: log-batch limits, errors as {error_code, message}, the token, and paths that stay inside. */
describe('MLflow REST API: rules and refusals', () => {
  let mlflow: MlflowServer;
  let runId = '';
  const now = 1_750_000_000_000;
  const metric = (i: number, key = `m${i % 10}`): Record<string, unknown> => ({ key, value: i, timestamp: now + i, step: i });
  const expectRefused = async (body: Record<string, unknown>, message: RegExp): Promise<void> => {
    const reply = await mlflow.post('runs/log-batch', { run_id: runId, ...body });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(message) });
  };

  beforeAll(async () => {
    mlflow = await startMlflowServer();
    runId = ((await mlflow.post('runs/create', { experiment_id: '0', start_time: now })).json.run as { info: { run_id: string } }).info.run_id;
  });
  afterAll(async () => mlflow.close());

  it('takes exactly 1,000 metrics in one batch', async () => {
    const reply = await mlflow.post('runs/log-batch', { run_id: runId, metrics: Array.from({ length: 1000 }, (_, i) => metric(i)) });
    expect([reply.status, reply.json]).toEqual([200, {}]);
    expect(mlflow.backend.tracking.metricHistory(runId, ['m3']).m3).toHaveLength(100);
  });

  it('refuses batches over the limits, naming the field, and writes nothing of them', async () => {
    await expectRefused({ metrics: Array.from({ length: 1001 }, (_, i) => metric(i, 'over')) }, /^metrics: .*at most 1000 metrics\. Got 1001/);
    await expectRefused({ params: Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: '1' })) }, /^params: .*at most 100 params\. Got 101/);
    await expectRefused({ tags: Array.from({ length: 101 }, (_, i) => ({ key: `t${i}`, value: '1' })) }, /^tags: .*at most 100 tags\. Got 101/);
    await expectRefused(
      {
        metrics: Array.from({ length: 900 }, (_, i) => metric(i, 'over')),
        params: Array.from({ length: 50 }, (_, i) => ({ key: `p${i}`, value: '1' })),
        tags: Array.from({ length: 51 }, (_, i) => ({ key: `t${i}`, value: '1' })),
      },
      /at most 1000 metrics, params and tags in total\. Got 1001/,
    );
    await expectRefused({ metrics: [metric(0, 'k'.repeat(251))] }, /^metrics\[0\]\.key: .*251 characters long; the limit is 250/);
    await expectRefused({ metrics: [{ key: 'loss', value: 1, step: 0 }] }, /^metrics\[0\]\.timestamp: Missing value for required parameter 'timestamp'/);
    await expectRefused({ metrics: [{ key: 'loss', value: 'high', timestamp: 1 }] }, /^metrics\[0\]\.value: a number is required/);
    await expectRefused({ metrics: [metric(1, 'bad key!')] }, /^metrics\[0\]\.key: "bad key!" is not a valid name/);
    await expectRefused({ params: [{ key: 'p', value: 'v'.repeat(6001) }] }, /^params\.p\.value: the value is 6001 characters long; the limit is 6000/);
    await expectRefused({ tags: [{ key: 't', value: 'v'.repeat(8001) }] }, /^tags\.t\.value: the value is 8001 characters long; the limit is 8000/);
    await expectRefused({ params: [{ key: 'p', value: '1' }, { key: 'p', value: '2' }] }, /^params\[1\]: the key "p" is given twice with different values/);
    // A batch whose param conflicts fails whole: its metrics are not written either.
    await mlflow.post('runs/log-parameter', { run_id: runId, key: 'fixed', value: 'a' });
    await expectRefused({ params: [{ key: 'fixed', value: 'b' }], metrics: [metric(5, 'atomic')] }, /^params\.fixed: already logged/);
    const history = mlflow.backend.tracking.metricHistory(runId, []);
    expect(Object.keys(history).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
  });

  it('refuses a log-batch body over 1 MB', async () => {
    const padded = Array.from({ length: 1000 }, (_, i) => ({ ...metric(i), key: `padding_${'x'.repeat(1000)}`.slice(0, 250) + String(i % 10) }));
    const body = JSON.stringify({ run_id: runId, metrics: padded, filler: 'y'.repeat(1024 * 1024) });
    const reply = await mlflow.send({ method: 'POST', path: '/api/2.0/mlflow/runs/log-batch', body, headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringMatching(/^body: .*at most 1048576 bytes/) });
  });

  it('answers 404 RESOURCE_DOES_NOT_EXIST for a run that does not exist', async () => {
    const ghost = 'f'.repeat(32);
    for (const reply of [
      await mlflow.get('runs/get', { run_id: ghost }),
      await mlflow.post('runs/log-metric', { run_id: ghost, key: 'loss', value: 1, timestamp: now }),
      await mlflow.post('runs/log-batch', { run_id: ghost, metrics: [metric(1)] }),
      await mlflow.post('runs/update', { run_id: ghost, status: 'FINISHED' }),
      await mlflow.get('metrics/get-history', { run_id: ghost, metric_key: 'loss' }),
    ]) {
      expect(reply.status).toBe(404);
      expect(reply.json).toEqual({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining(ghost) });
    }
    const experiment = await mlflow.get('experiments/get', { experiment_id: '42' });
    expect([experiment.status, experiment.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
  });

  it('names missing fields and wrong values as MLflow does', async () => {
    const noName = await mlflow.post('experiments/create', {});
    expect(noName.json).toEqual({ error_code: 'INVALID_PARAMETER_VALUE', message: "name: Missing value for required parameter 'name'." });
    const noRun = await mlflow.post('runs/log-metric', { key: 'loss', value: 1, timestamp: 1 });
    expect(noRun.json).toEqual({ error_code: 'INVALID_PARAMETER_VALUE', message: "run_id: Missing value for required parameter 'run_id'." });
    const badStatus = await mlflow.post('runs/update', { run_id: runId, status: 'DONE' });
    expect([badStatus.status, badStatus.json.message]).toEqual([400, expect.stringMatching(/^status: expected one of RUNNING/)]);
    const badJson = await mlflow.send({ method: 'POST', path: '/api/2.0/mlflow/runs/log-metric', body: '{"run_id":', headers: { 'content-type': 'application/json' } });
    expect([badJson.status, badJson.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    const form = await mlflow.send({ method: 'POST', path: '/api/2.0/mlflow/runs/delete', body: `run_id=${runId}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(400);
    const unknown = await mlflow.get('registered-models/nothing');
    expect([unknown.status, unknown.json.error_code]).toEqual([404, 'ENDPOINT_NOT_FOUND']);
    const wrongMethod = await mlflow.get('runs/create');
    expect(wrongMethod.status).toBe(405);
    const multipart = await mlflow.send({ method: 'POST', path: '/api/2.0/mlflow-artifacts/mpu/create/0/x', body: '{}' });
    expect([multipart.status, multipart.json.error_code]).toEqual([404, 'ENDPOINT_NOT_FOUND']);
  });

  it('accepts NaN and infinities as protobuf JSON writes them, and answers them the same way', async () => {
    const reply = await mlflow.post('runs/log-batch', {
      run_id: runId,
      metrics: [
        { key: 'odd', value: 'NaN', timestamp: now, step: 0 },
        { key: 'odd', value: 'Infinity', timestamp: now, step: 1 },
        { key: 'odd', value: '-Infinity', timestamp: now, step: 2 },
      ],
    });
    expect(reply.status).toBe(200);
    const history = await mlflow.get('metrics/get-history', { run_id: runId, metric_key: 'odd' });
    expect((history.json.metrics as { value: unknown }[]).map((point) => point.value)).toEqual(['NaN', 'Infinity', '-Infinity']);
  });

  it('refuses artifact paths that are absolute or climb out with ..', async () => {
    const base = `/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts`;
    for (const path of [`${base}/..%2F..%2F..%2F..%2Fescape.txt`, `/api/2.0/mlflow-artifacts/artifacts/0/..%2F..%2Fescape.txt`, `/api/2.0/mlflow-artifacts/artifacts/%2Ftmp%2Fescape.txt`]) {
      const reply = await mlflow.send({ method: 'PUT', path, body: 'no' });
      expect([path, reply.status, reply.json.error_code]).toEqual([path, 400, 'INVALID_PARAMETER_VALUE']);
    }
    for (const query of ['../..', '/etc', '0/../../..']) {
      const reply = await mlflow.send({ path: `/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(query)}` });
      expect([query, reply.status, reply.json.error_code]).toEqual([query, 400, 'INVALID_PARAMETER_VALUE']);
    }
    const listing = await mlflow.get('artifacts/list', { run_id: runId, path: '../../..' });
    expect(listing.status).toBe(400);
    const artifacts = join(mlflow.workspacePath, '.workbench', 'artifacts');
    expect(existsSync(join(artifacts, 'escape.txt')) || existsSync(join(mlflow.workspacePath, 'escape.txt')) || existsSync(join(artifacts, 'mlruns', 'escape.txt'))).toBe(false);
    const noExperiment = await mlflow.send({ method: 'PUT', path: '/api/2.0/mlflow-artifacts/artifacts/77/x/artifacts/a.txt', body: 'x' });
    expect([noExperiment.status, noExperiment.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
  });

  it('needs the token: 401 UNAUTHENTICATED without it or with a wrong one', async () => {
    for (const token of [null, 'wrong-token']) {
      const reply = await mlflow.send({ path: `/api/2.0/mlflow/runs/get?run_id=${runId}`, token });
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual({ error_code: 'UNAUTHENTICATED', message: expect.stringContaining('token') });
    }
    const upload = await mlflow.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/x.txt`, body: 'x', token: null });
    expect(upload.status).toBe(401);
    // A page of another site cannot call it even with the token: its Origin is refused.
    const crossSite = await mlflow.send({ path: `/api/2.0/mlflow/runs/get?run_id=${runId}`, headers: { origin: 'http://evil.example' } });
    expect([crossSite.status, crossSite.json.error_code]).toEqual([403, 'PERMISSION_DENIED']);
  });
});
