import { describe, expect, it } from 'vitest';
import { modelUri, type ModelVersion, type RegisteredModel } from '../../../../shared/contract';
import { defaultUri, isLoopbackHost, modelUriOf, parseModelUri, refOptions } from './model-uri';

const model = (patch: Partial<RegisteredModel> = {}): RegisteredModel => ({
  name: 'churn',
  description: '',
  createdAt: 1,
  updatedAt: 1,
  tags: {},
  aliases: { champion: 2, challenger: 3 },
  latestVersion: 3,
  versionCount: 3,
  ...patch,
});

const version = (n: number, patch: Partial<ModelVersion> = {}): ModelVersion => ({
  name: 'churn',
  version: n,
  description: '',
  createdAt: n,
  updatedAt: n,
  status: 'READY',
  stage: 'None',
  archived: false,
  aliases: [],
  tags: {},
  source: `runs:/r${n}/model`,
  lineage: { runId: null, experimentId: null, datasets: [], gitCommit: null, gitDirty: null, metrics: {} },
  signature: { inputs: [], outputs: [] },
  files: [],
  parity: null,
  pushes: [],
  ...patch,
});

describe('model URIs', () => {
  it('builds URIs the contract accepts, and reads them back', () => {
    const byAlias = modelUriOf('churn', { kind: 'alias', alias: 'champion' });
    const byVersion = modelUriOf('churn.v2_x-1', { kind: 'version', version: 12 });
    expect(byAlias).toBe('models:/churn@champion');
    expect(byVersion).toBe('models:/churn.v2_x-1/12');
    expect(modelUri.safeParse(byAlias).success).toBe(true);
    expect(modelUri.safeParse(byVersion).success).toBe(true);
    expect(parseModelUri(byAlias)).toEqual({ name: 'churn', ref: { kind: 'alias', alias: 'champion' } });
    expect(parseModelUri(byVersion)).toEqual({ name: 'churn.v2_x-1', ref: { kind: 'version', version: 12 } });
  });

  it('refuses what is not a models:/ URI', () => {
    for (const uri of ['runs:/abc/model', 'models:/churn', 'models:/churn@1x', 'models:/-bad/1', 'models:/churn/1/2']) expect(parseModelUri(uri)).toBeNull();
  });

  it('prefers the champion alias, then any alias, then the latest version', () => {
    expect(defaultUri(model())).toBe('models:/churn@champion');
    expect(defaultUri(model({ aliases: { zeta: 1, beta: 2 } }))).toBe('models:/churn@beta');
    expect(defaultUri(model({ aliases: {} }))).toBe('models:/churn/3');
    expect(defaultUri(model({ aliases: {}, latestVersion: null }))).toBeNull();
  });

  it('offers the aliases by name, then the versions newest first, with failed ones disabled', () => {
    const options = refOptions(model(), [version(1, { archived: true }), version(3, { status: 'FAILED_REGISTRATION' }), version(2)]);
    expect(options.map((o) => o.uri)).toEqual(['models:/churn@challenger', 'models:/churn@champion', 'models:/churn/3', 'models:/churn/2', 'models:/churn/1']);
    expect(options.map((o) => o.disabled)).toEqual([false, false, true, false, false]);
    expect(options[1]?.label).toBe('@champion → version 2');
    expect(options[4]?.label).toContain('archived');
  });
});

describe('bind addresses', () => {
  it('knows which addresses keep the server on this machine', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', ' LOCALHOST ']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '192.168.1.20', '::', '127.0.0.256', 'example.com', '10.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
