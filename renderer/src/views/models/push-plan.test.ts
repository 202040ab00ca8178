import { describe, expect, it } from 'vitest';
import type { ModelVersion, RegistryRemote } from '../../../../shared/contract';
import { describeCredentials, lineageTagsSent, planPush } from './push-plan';

const version: ModelVersion = {
  name: 'churn',
  version: 3,
  description: 'weekly retrain',
  createdAt: 0,
  updatedAt: 0,
  status: 'READY',
  stage: 'None',
  archived: false,
  aliases: ['champion'],
  tags: { team: 'growth', owner: 'ana' },
  source: 'runs:/r9/model',
  lineage: { runId: 'r9', experimentId: '1', datasets: [], gitCommit: null, gitDirty: null, metrics: {} },
  signature: { inputs: [], outputs: [] },
  files: [
    { path: 'MLmodel', size: 512, sha256: 'a' },
    { path: 'model.onnx', size: 2048, sha256: 'b' },
  ],
  parity: null,
  pushes: [],
};

const remote: RegistryRemote = { url: 'https://mlflow.example.com', auth: 'token', username: null, hasSecret: true };

describe('the push confirmation', () => {
  it('names the server, the credentials, every file and each step', () => {
    const plan = planPush(remote, version, { remoteName: '', aliases: ['champion', 'prod'] });
    expect(plan.destination).toBe('https://mlflow.example.com');
    expect(plan.credentials).toBe('an access token');
    expect(plan.totalBytes).toBe(2560);
    expect(plan.files).toEqual([{ path: 'MLmodel', size: 512 }, { path: 'model.onnx', size: 2048 }]);
    expect(plan.steps[0]).toBe('Creates a run named churn-v3 in the experiment “workbench-pushes” there (made if missing) to hold the files.');
    expect(plan.steps[1]).toBe('Uploads the package of churn version 3 (2 files, 2.5 KB) into that run through mlflow-artifacts.');
    expect(plan.steps[2]).toContain('“churn”');
    expect(plan.steps.some((s) => s.includes('back to run r9'))).toBe(true);
    expect(plan.steps.some((s) => s.includes('its own (owner, team), and its lineage: where it came from (models:/churn/3); the run id r9; the experiment id 1.'))).toBe(true);
    expect(plan.steps.some((s) => s.startsWith('Points @champion, @prod'))).toBe(true);
    expect(plan.steps.at(-1)).toMatch(/audit log/);
  });

  it('uses the remote name when given and leaves out steps with nothing to do', () => {
    const bare = { ...version, tags: {}, lineage: { ...version.lineage, runId: null } };
    const plan = planPush(remote, bare, { remoteName: ' team-churn ', aliases: [] });
    expect(plan.steps[2]).toContain('“team-churn”');
    expect(plan.steps.some((s) => s.includes('run_link') || s.includes('its own') || s.startsWith('Points'))).toBe(false);
    expect(plan.steps.some((s) => s.includes('its lineage: where it came from (models:/churn/3); the experiment id 1.'))).toBe(true);
  });

  it('says which lineage goes out with the version, dataset paths included', () => {
    const full = {
      ...version,
      lineage: { ...version.lineage, gitCommit: '0123456789abcdef', gitDirty: true, datasets: [{ name: 'churn', digest: 'd', source: '/home/ana/churn.csv', context: 'training' }], metrics: { auc: 0.8, loss: 0.3 } },
      parity: { maxAbsDiff: 0, rows: 10, tolerance: 1e-5, passed: true },
    };
    expect(lineageTagsSent(full)).toEqual([
      'where it came from (models:/churn/3)',
      'the run id r9',
      'the experiment id 1',
      'the git commit 0123456789ab',
      'whether the workspace had uncommitted changes',
      'the datasets’ names, fingerprints and sources (/home/ana/churn.csv)',
      '2 metrics',
      'the parity check',
    ]);
  });

  it('describes credentials without the secret, warning when none is kept', () => {
    expect(describeCredentials({ ...remote, auth: 'none' })).toBe('no credentials');
    expect(describeCredentials({ ...remote, auth: 'basic', username: 'ana' })).toBe('user ana and password');
    expect(describeCredentials({ ...remote, hasSecret: false })).toMatch(/none kept/);
  });
});
