import { join } from 'node:path';
import type { ModelVersion } from '../../../shared/contract';
import { openTestBackend, type TestBackend } from '../../../test/backend';
import { startFakeMlflowServer, type FakeMlflowServer } from '../../../test/fake-mlflow-server';
import { packageOnnxFile } from '../../packaging';
import type { SecretBox } from '../../secrets';
import { outboundLog, type OutboundEntry } from '../../workspace';
import { writeScaleModel } from '../testing/onnx-file';
export { testSecretBox } from '../../../test/secret-box';

export const TOKEN = 'team-token-s3cret';


export interface RemoteFixture {
  t: TestBackend;
  fake: FakeMlflowServer;
  /** A local version with lineage and a tag, ready to push: `churn` version 1. */
  local: ModelVersion;
  /** Registry entries of the outbound log, newest first. */
  audit(): OutboundEntry[];
  /** The fake's requests since the remote was set, as `METHOD path`. */
  calls(): string[];
  close(): Promise<void>;
}

/**
 * A real backend on a fresh workspace, its registry holding one real ONNX
 * package (`churn` v1, with lineage), and the FAKE MLflow server set as the
 * workspace's shared registry, asking for a bearer token.
 */
export async function openRemoteFixture(options: { secrets?: SecretBox } = {}): Promise<RemoteFixture> {
  const fake = await startFakeMlflowServer();
  const t = await openTestBackend(options.secrets ? { secrets: options.secrets } : {});
  const dir = join(t.home, 'package');
  await packageOnnxFile(writeScaleModel(join(t.home, 'scale.onnx'), 3), dir);
  const local = await t.backend.registry.addVersion({
    name: 'churn',
    packageDir: dir,
    source: 'runs:/run-abc/model',
    description: 'churn model',
    tags: { team: 'retention' },
    lineage: {
      runId: 'run-abc',
      experimentId: '7',
      gitCommit: '0123456789abcdef0123456789abcdef01234567',
      gitDirty: false,
      datasets: [{ name: 'churn.csv', digest: 'd1g35t', source: '/data/churn.csv', context: 'training' }],
      metrics: { test_auc: 0.84 },
    },
  });
  fake.requireAuthorization = `Bearer ${TOKEN}`;
  await t.client.call('registry.setRemote', { url: fake.url, credentials: { kind: 'token', token: TOKEN } });
  const seen = fake.requests.length;
  return {
    t,
    fake,
    local,
    audit: () => outboundLog(t.backend.workspace.active().store.db, 50, 'registry.'),
    calls: () => fake.requests.slice(seen).map((request) => `${request.method} ${request.path.replace(/run0+\d+/g, 'RUN')}`),
    close: async () => {
      await t.close();
      await fake.close();
    },
  };
}
