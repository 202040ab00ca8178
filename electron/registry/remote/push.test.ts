import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, waitFor } from '../../../test/helpers';
import type { OutboundEntry } from '../../workspace';
import { openRemoteFixture, TOKEN, type RemoteFixture } from './testing';

describe('pushing a version to a shared MLflow registry (a FAKE MLflow server)', () => {
  let f: RemoteFixture;
  beforeEach(async () => {
    f = await openRemoteFixture();
  });
  afterEach(async () => f.close());

  const push = (aliases: string[] = []) => f.t.client.runJob('registry.push', { name: 'churn', version: 1, aliases });

  it('logs the push before the first request, then uploads, registers, tags and aliases it, in MLflow order', async () => {
    let auditAtFirstRequest: OutboundEntry[] | null = null;
    f.fake.onRequest = () => (auditAtFirstRequest ??= f.audit());
    const result = await push(['champion']);

    expect(auditAtFirstRequest).toHaveLength(1);
    const [logged] = auditAtFirstRequest!;
    expect(logged).toMatchObject({ action: 'registry.push', target: f.fake.url });
    for (const file of f.local.files) expect(logged!.detail).toContain(`${file.path} (${file.size} bytes, sha256 ${file.sha256})`);
    expect(logged!.detail).toContain('models:/churn/1 to models:/churn, aliases champion');

    const tagCount = f.fake.requests.filter((request) => request.path === 'mlflow/model-versions/set-tag').length;
    const uploads = f.local.files.map((file) => `PUT mlflow-artifacts/artifacts/1/RUN/artifacts/model/${file.path}`);
    expect(f.calls()).toEqual([
      'GET mlflow/registered-models/get',
      'POST mlflow/registered-models/create',
      'GET mlflow/experiments/get-by-name',
      'POST mlflow/experiments/create',
      'POST mlflow/runs/create',
      ...uploads,
      'POST mlflow/runs/update',
      'POST mlflow/model-versions/create',
      ...Array<string>(tagCount).fill('POST mlflow/model-versions/set-tag'),
      'POST mlflow/registered-models/alias',
    ]);
    expect(f.fake.requests.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);

    const body = (path: string) => f.fake.requests.find((request) => request.path === path)?.body as Record<string, unknown>;
    expect(body('mlflow/registered-models/create')).toEqual({ name: 'churn' });
    expect(body('mlflow/experiments/create')).toEqual({ name: 'workbench-pushes' });
    const runId = [...f.fake.runs.keys()][0]!;
    expect(body('mlflow/runs/update')).toMatchObject({ run_id: runId, status: 'FINISHED' });
    const source = `mlflow-artifacts:/1/${runId}/artifacts/model`;
    expect(body('mlflow/model-versions/create')).toEqual({ name: 'churn', source, run_id: runId, run_link: 'workbench://runs/run-abc', description: 'churn model' });
    expect(body('mlflow/registered-models/alias')).toEqual({ name: 'churn', alias: 'champion', version: '1' });
    expect(result).toEqual({ remoteName: 'churn', remoteVersion: '1', source });

    // The bytes that landed are the package's, and the version carries its lineage and tags.
    const packageDir = f.t.backend.registry.resolve('models:/churn/1').packageDir;
    for (const file of f.local.files) expect(f.fake.artifacts.get(`1/${runId}/artifacts/model/${file.path}`)).toEqual(readFileSync(join(packageDir, file.path)));
    const remote = f.fake.models.get('churn')!.versions[0]!;
    const tags = Object.fromEntries(remote.tags.map((tag) => [tag.key, tag.value]));
    expect(tags).toMatchObject({
      team: 'retention',
      'workbench.local_version': 'models:/churn/1',
      'workbench.run_id': 'run-abc',
      'workbench.git_commit': '0123456789abcdef0123456789abcdef01234567',
      'workbench.git_dirty': 'false',
      'workbench.metrics': JSON.stringify({ test_auc: 0.84 }),
    });
    expect(JSON.parse(tags['workbench.datasets']!)).toEqual([{ name: 'churn.csv', digest: 'd1g35t', source: '/data/churn.csv', context: 'training' }]);

    const version = await f.t.client.call('registry.version', { name: 'churn', version: 1 });
    expect(version.pushes).toEqual([{ remote: f.fake.url, remoteName: 'churn', remoteVersion: '1', at: expect.any(Number) }]);
    const audit = await f.t.client.call('registry.auditLog', { limit: 10 });
    expect(audit.map((entry) => entry.action)).toEqual(['registry.push.done', 'registry.push']);
    expect(audit[0]?.detail).toBe(`models:/churn/1 is models:/churn/1 (source ${source})`);
  });

  it('pushes again as a new version of the existing model, under another name when asked', async () => {
    await push();
    const second = await push();
    expect(second.remoteVersion).toBe('2');
    expect(f.fake.requests.filter((request) => request.path === 'mlflow/registered-models/create')).toHaveLength(1);
    expect(f.fake.requests.filter((request) => request.path === 'mlflow/experiments/create')).toHaveLength(1);
    const renamed = await f.t.client.runJob('registry.push', { name: 'churn', version: 1, remoteName: 'team-churn', aliases: [] });
    expect(renamed).toMatchObject({ remoteName: 'team-churn', remoteVersion: '1' });
    const version = await f.t.client.call('registry.version', { name: 'churn', version: 1 });
    expect(version.pushes.map((entry) => `${entry.remoteName}/${entry.remoteVersion}`)).toEqual(['team-churn/1', 'churn/2', 'churn/1']);
  });

  it('fails with registry_auth_failed on a refused token after one request, without retrying, and records the failure', async () => {
    f.fake.requireAuthorization = 'Bearer rotated-token';
    const error = await failure(push());
    expect(error.code).toBe('registry_auth_failed');
    expect(error.message).toContain(f.fake.url);
    expect(error.message).not.toContain(TOKEN);
    expect(f.calls()).toEqual(['GET mlflow/registered-models/get']);
    expect(f.audit().map((entry) => entry.action)).toEqual(['registry.push.failed', 'registry.push']);
    expect(f.audit()[0]?.detail).toContain('Nothing had been created on the remote.');
    const version = await f.t.client.call('registry.version', { name: 'churn', version: 1 });
    expect(version.pushes).toEqual([]);
  });

  it('fails with registry_unreachable naming the server when it is gone', async () => {
    const url = f.fake.url;
    await f.fake.close();
    const error = await failure(push());
    expect(error.code).toBe('registry_unreachable');
    expect(error.message).toContain(url);
    expect(f.audit().map((entry) => entry.action)).toEqual(['registry.push.failed', 'registry.push']);
  });

  it('deletes the half-made version when a tag call fails, says so, and succeeds when retried', async () => {
    f.fake.fail({ path: 'mlflow/model-versions/set-tag', failure: { status: 500, message: 'database is locked' } });
    const error = await failure(push(['champion']));
    expect(error.code).toBe('registry_unreachable');
    expect(error.message).toContain('database is locked');
    expect(error.message).toContain('The remote version churn 1 was deleted.');
    const calls = f.calls();
    const created = calls.indexOf('POST mlflow/model-versions/create');
    expect(calls.slice(created + 1)).toEqual([
      'POST mlflow/model-versions/set-tag',
      'DELETE mlflow/model-versions/delete',
      'GET mlflow/model-versions/search',
      'DELETE mlflow/registered-models/delete',
      'DELETE mlflow-artifacts/artifacts/1/RUN/artifacts/model',
      'POST mlflow/runs/update',
      'POST mlflow/runs/delete',
    ]);
    expect(f.fake.requests.find((request) => request.method === 'DELETE')?.body).toEqual({ name: 'churn', version: '1' });
    expect(f.fake.models.has('churn')).toBe(false);
    expect(f.fake.artifacts.size).toBe(0);
    expect([...f.fake.runs.values()]).toEqual([expect.objectContaining({ status: 'FAILED', lifecycle_stage: 'deleted' })]);
    expect(f.audit()[0]).toMatchObject({ action: 'registry.push.failed', detail: expect.stringContaining('was deleted') as unknown });
    expect((await f.t.client.call('registry.version', { name: 'churn', version: 1 })).pushes).toEqual([]);

    const retried = await push(['champion']);
    expect(retried.remoteVersion).toBe('1');
    expect(f.fake.models.get('churn')?.aliases.get('champion')).toBe('1');
    expect((await f.t.client.call('registry.version', { name: 'churn', version: 1 })).pushes).toHaveLength(1);
  });

  it('tags the version FAILED_REGISTRATION when it cannot be deleted either', async () => {
    f.fake.fail({ path: 'mlflow/registered-models/alias', failure: { status: 400, errorCode: 'INVALID_PARAMETER_VALUE', message: 'alias refused' } });
    f.fake.fail({ path: 'mlflow/model-versions/delete', failure: 'drop' });
    const error = await failure(push(['champion']));
    expect(error.code).toBe('registry_rejected');
    expect(error.message).toContain('alias refused');
    expect(error.message).toContain('it is tagged workbench.push_status=FAILED_REGISTRATION');
    const remote = f.fake.models.get('churn')!.versions[0]!;
    expect(remote.tags).toContainEqual({ key: 'workbench.push_status', value: 'FAILED_REGISTRATION' });
  });

  it('cancels mid-upload: the job ends cancelled, no version is created, and the run is marked failed', async () => {
    const controller = new AbortController();
    f.fake.fail({ method: 'PUT', path: 'mlflow-artifacts/', failure: 'stall' });
    f.fake.onRequest = (request) => {
      if (request.method === 'PUT') controller.abort();
    };
    const error = await failure(f.t.client.runJob('registry.push', { name: 'churn', version: 1, aliases: [] }, { signal: controller.signal }));
    expect(error.code).toBe('cancelled');
    await waitFor(() => f.audit()[0]?.action === 'registry.push.failed', 5000, 'the failure record');
    expect(f.audit()[0]?.detail).toContain('cancelled');
    expect(f.calls()).not.toContain('POST mlflow/model-versions/create');
    await waitFor(() => [...f.fake.runs.values()][0]?.lifecycle_stage === 'deleted', 5000, 'the run deleted');
    expect([...f.fake.runs.values()][0]?.status).toBe('FAILED');
  });
});
