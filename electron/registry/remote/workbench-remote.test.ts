import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMlflowServer, TOKEN as SERVER_TOKEN, type MlflowServer } from '../../tracking/testing/mlflow-server';
import { openRemoteFixture, type RemoteFixture } from './testing';

/** Another workbench's own MLflow API as the shared registry: a real server, not the fake. */
describe('pushing to and pulling from another workbench over its MLflow API', () => {
  let f: RemoteFixture;
  let team: MlflowServer;
  beforeEach(async () => {
    f = await openRemoteFixture();
    team = await startMlflowServer();
    await f.t.client.call('registry.setRemote', { url: `http://127.0.0.1:${team.server.port}/`, credentials: { kind: 'token', token: SERVER_TOKEN } });
  });
  afterEach(async () => {
    await f.close();
    await team.close();
  });

  it('lands as a version of the team registry with its files, tags and alias, and comes back identical', async () => {
    const pushed = await f.t.client.runJob('registry.push', { name: 'churn', version: 1, aliases: ['champion'] });
    expect(pushed.remoteVersion).toBe('1');
    const there = team.backend.registry.version('churn', 1);
    expect(there.files).toEqual(f.local.files);
    expect(there.aliases).toEqual(['champion']);
    expect(there.tags).toMatchObject({ team: 'retention', 'workbench.local_version': 'models:/churn/1', 'workbench.git_commit': f.local.lineage.gitCommit });

    const pulled = await f.t.client.runJob('registry.pull', { remoteName: 'churn', alias: 'champion', localName: 'churn-back' });
    expect(pulled.files).toEqual(f.local.files);
    expect(pulled.signature).toEqual(f.local.signature);
    const mine = f.t.backend.registry.resolve('models:/churn/1').packageDir;
    const back = f.t.backend.registry.resolve('models:/churn-back/1').packageDir;
    for (const file of f.local.files) expect(readFileSync(join(back, file.path))).toEqual(readFileSync(join(mine, file.path)));

    const listed = await f.t.client.call('registry.remoteModels', { filter: 'churn' });
    expect(listed.map((model) => ({ name: model.name, versions: model.versions.map((entry) => entry.version) }))).toEqual([{ name: 'churn', versions: ['1'] }]);
  });
});
