import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../../test/helpers';
import { openRemoteFixture, type RemoteFixture } from './testing';

const pullDirs = (): string[] => readdirSync(tmpdir()).filter((name) => name.startsWith('workbench-pull-'));

describe('pulling a version from a shared MLflow registry (a FAKE MLflow server)', () => {
  let f: RemoteFixture;
  beforeEach(async () => {
    f = await openRemoteFixture();
    await f.t.client.runJob('registry.push', { name: 'churn', version: 1, aliases: ['champion'] });
  });
  afterEach(async () => f.close());

  it('pushes and pulls back by alias: the same bytes, signature, tags and lineage, with the remote as its source', async () => {
    const before = pullDirs();
    const seen = f.fake.requests.length;
    const pulled = await f.t.client.runJob('registry.pull', { remoteName: 'churn', alias: 'champion', localName: 'churn-team' });

    expect(pulled).toMatchObject({ name: 'churn-team', version: 1, stage: 'None', status: 'READY', source: `models:/churn/1 @ ${f.fake.url}`, description: 'churn model' });
    expect(pulled.files).toEqual(f.local.files);
    expect(pulled.signature).toEqual(f.local.signature);
    const mine = f.t.backend.registry.resolve('models:/churn/1').packageDir;
    const theirs = f.t.backend.registry.resolve('models:/churn-team/1').packageDir;
    for (const file of f.local.files) expect(readFileSync(join(theirs, file.path))).toEqual(readFileSync(join(mine, file.path)));
    expect(pulled.tags).toMatchObject({ team: 'retention', 'workbench.local_version': 'models:/churn/1', 'workbench.run_id': 'run-abc' });
    expect(pulled.lineage).toEqual({
      runId: null,
      experimentId: null,
      gitCommit: '0123456789abcdef0123456789abcdef01234567',
      gitDirty: false,
      datasets: [{ name: 'churn.csv', digest: 'd1g35t', source: '/data/churn.csv', context: 'training' }],
      metrics: { test_auc: 0.84 },
    });

    const calls = f.fake.requests.slice(seen).map((request) => `${request.method} ${request.path}`);
    expect(calls.slice(0, 3)).toEqual(['GET mlflow/registered-models/alias', 'GET mlflow/model-versions/get-download-uri', 'GET mlflow-artifacts/artifacts']);
    expect(f.fake.requests[seen]?.query).toEqual({ name: 'churn', alias: 'champion' });
    expect(calls.filter((call) => call.startsWith('GET mlflow-artifacts/artifacts/'))).toHaveLength(f.local.files.length);
    expect(calls.some((call) => !call.startsWith('GET'))).toBe(false);

    const audit = await f.t.client.call('registry.auditLog', { limit: 10 });
    expect(audit[0]).toMatchObject({ action: 'registry.pull', target: f.fake.url });
    for (const file of f.local.files) expect(audit[0]?.detail).toContain(`${file.path} (${file.size} bytes, sha256 ${file.sha256})`);
    expect(pullDirs()).toEqual(before);
  });

  it('pulls by number and the latest version, keeping a deprecated stage read-only', async () => {
    await f.t.client.runJob('registry.push', { name: 'churn', version: 1, aliases: [] });
    f.fake.models.get('churn')!.versions[0]!.current_stage = 'Production';
    const first = await f.t.client.runJob('registry.pull', { remoteName: 'churn', version: '1' });
    expect(first).toMatchObject({ name: 'churn', version: 2, stage: 'Production', source: `models:/churn/1 @ ${f.fake.url}` });
    const latest = await f.t.client.runJob('registry.pull', { remoteName: 'churn' });
    expect(latest).toMatchObject({ name: 'churn', version: 3, stage: 'None', source: `models:/churn/2 @ ${f.fake.url}` });
  });

  it('answers not_found for a missing alias, version or model, and adds nothing', async () => {
    for (const input of [{ remoteName: 'churn', alias: 'nope' }, { remoteName: 'churn', version: '9' }, { remoteName: 'other' }]) {
      const error = await failure(f.t.client.runJob('registry.pull', { ...input, localName: 'pulled' }));
      expect(error.code).toBe('not_found');
      expect(error.message).toContain(f.fake.url);
    }
    expect((await f.t.client.call('registry.models', { query: 'pulled' }))).toEqual([]);
  });

  it('asks for a local name when the remote one is not a valid local name', async () => {
    const error = await failure(f.t.client.runJob('registry.pull', { remoteName: 'Team Churn (prod)' }));
    expect(error).toMatchObject({ code: 'invalid_input', details: { field: 'localName' } });
  });

  it('fails with registry_unreachable on a download cut off, leaving no version and no temporary folder', async () => {
    const before = pullDirs();
    f.fake.fail({ method: 'GET', path: 'mlflow-artifacts/artifacts/', failure: 'drop' });
    const error = await failure(f.t.client.runJob('registry.pull', { remoteName: 'churn', alias: 'champion', localName: 'cut' }));
    expect(error.code).toBe('registry_unreachable');
    expect(error.message).toContain(f.fake.url);
    expect((await f.t.client.call('registry.models', { query: 'cut' }))).toEqual([]);
    expect(pullDirs()).toEqual(before);
  });

  it('refuses a remote version whose files are not an MLflow model directory', async () => {
    const remote = f.fake.models.get('churn')!.versions[0]!;
    const folder = remote.source.replace('mlflow-artifacts:/', '');
    f.fake.artifacts.delete(`${folder}/MLmodel`);
    const error = await failure(f.t.client.runJob('registry.pull', { remoteName: 'churn', version: '1', localName: 'broken' }));
    expect(error.code).toBe('model_invalid');
    expect(error.message).toContain('MLmodel');
    expect(existsSync(join(f.t.workspace, '.workbench', 'registry', 'packages', 'broken'))).toBe(false);
  });

  it('lists the shared models with their versions and aliases', async () => {
    await f.t.client.runJob('registry.push', { name: 'churn', version: 1, remoteName: 'fraud', aliases: [] });
    const models = await f.t.client.call('registry.remoteModels', { filter: '' });
    expect(models).toEqual([
      { name: 'churn', description: '', versions: [{ version: '1', status: 'READY', aliases: ['champion'], runId: expect.stringMatching(/^run/) as unknown }] },
      { name: 'fraud', description: '', versions: [{ version: '1', status: 'READY', aliases: [], runId: expect.stringMatching(/^run/) as unknown }] },
    ]);
    expect((await f.t.client.call('registry.remoteModels', { filter: 'fra' })).map((model) => model.name)).toEqual(['fraud']);
    expect(f.fake.requests.at(-2)?.query.filter).toBe("name ILIKE '%fra%'");
  });
});
