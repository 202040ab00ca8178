import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../../../shared/contract';
import { compareFiles, compareLineage, compareMetrics, compareSignatures, describeField } from './compare';

function version(overrides: Partial<Omit<ModelVersion, 'lineage'>> & { lineage?: Partial<ModelVersion['lineage']> } = {}): ModelVersion {
  const { lineage, ...rest } = overrides;
  return {
    name: 'churn',
    version: 1,
    description: '',
    createdAt: 0,
    updatedAt: 0,
    status: 'READY',
    stage: 'None',
    archived: false,
    aliases: [],
    tags: {},
    source: 'runs:/r1/model',
    lineage: { runId: 'r1', experimentId: '0', datasets: [], gitCommit: 'abc', gitDirty: false, metrics: {}, ...lineage },
    signature: { inputs: [], outputs: [] },
    files: [],
    parity: null,
    pushes: [],
    ...rest,
  };
}

describe('comparing two versions', () => {
  it('lines metrics up by name with B − A where both have them', () => {
    const rows = compareMetrics({ auc: 0.8, loss: 0.5, only_a: 1 }, { auc: 0.85, loss: 0.4, only_b: 2 });
    expect(rows.map((r) => r.key)).toEqual(['auc', 'loss', 'only_a', 'only_b']);
    expect(rows[0]!.delta).toBeCloseTo(0.05, 12);
    expect(rows[1]!.delta).toBeCloseTo(-0.1, 12);
    expect(rows[2]).toEqual({ key: 'only_a', a: 1, b: null, delta: null });
    expect(rows[3]).toEqual({ key: 'only_b', a: null, b: 2, delta: null });
  });

  it('finds inputs and outputs added, removed and changed in type', () => {
    const a = { inputs: [{ name: 'tenure', type: 'double' }, { name: 'Contract', type: 'string' }, { name: 'gone', type: 'long' }], outputs: [{ name: 'prediction', type: 'string' }] };
    const b = { inputs: [{ name: 'Contract', type: 'string' }, { name: 'tenure', type: 'long' }, { name: 'new', type: 'boolean', optional: true }], outputs: [{ name: 'prediction', type: 'string' }] };
    expect(compareSignatures(a, b)).toEqual([
      { side: 'inputs', name: 'tenure', change: 'changed', a: 'double', b: 'long' },
      { side: 'inputs', name: 'gone', change: 'removed', a: 'long', b: null },
      { side: 'inputs', name: 'new', change: 'added', a: null, b: 'boolean (optional)' },
    ]);
    expect(compareSignatures(a, a)).toEqual([]);
  });

  it('matches unnamed tensors by position and shows their dtype and shape', () => {
    const a = { inputs: [{ name: '', type: 'tensor', dtype: 'float32', shape: [-1, 4] }], outputs: [] };
    const b = { inputs: [{ name: '', type: 'tensor', dtype: 'float32', shape: [-1, 5] }], outputs: [] };
    expect(describeField(a.inputs[0]!)).toBe('tensor float32 [-1, 4]');
    expect(compareSignatures(a, b)).toEqual([{ side: 'inputs', name: '#1', change: 'changed', a: 'tensor float32 [-1, 4]', b: 'tensor float32 [-1, 5]' }]);
  });

  it('compares lineage field by field and datasets by fingerprint', () => {
    const a = version({ lineage: { datasets: [{ name: 'churn', context: 'training', digest: 'aaaaaaaaaaaaaaaa', source: 'x' }] } });
    const b = version({
      version: 2,
      source: 'runs:/r2/model',
      lineage: { runId: 'r2', gitDirty: true, datasets: [{ name: 'churn', context: 'training', digest: 'bbbbbbbbbbbbbbbb', source: 'x' }, { name: 'holdout', context: 'test', digest: 'cccc', source: 'y' }] },
      parity: { maxAbsDiff: 2e-7, rows: 300, tolerance: 1e-5, passed: true },
    });
    const rows = compareLineage(a, b);
    const byLabel = new Map(rows.map((r) => [r.label, r]));
    expect(byLabel.get('Run')).toEqual({ label: 'Run', a: 'r1', b: 'r2', same: false });
    expect(byLabel.get('Git commit')!.same).toBe(true);
    expect(byLabel.get('Uncommitted changes')).toMatchObject({ a: 'no', b: 'yes', same: false });
    expect(byLabel.get('Dataset churn (training)')).toMatchObject({ a: 'aaaaaaaaaaaa', b: 'bbbbbbbbbbbb', same: false });
    expect(byLabel.get('Dataset holdout (test)')).toMatchObject({ a: '—', b: 'cccc', same: false });
    expect(byLabel.get('Parity check')).toMatchObject({ a: '—', same: false });
    expect(byLabel.get('Parity check')!.b).toMatch(/^passed .*300 rows/);
  });

  it('compares package files by content', () => {
    const a = [{ path: 'MLmodel', size: 10, sha256: 'm1' }, { path: 'model.onnx', size: 100, sha256: 'o1' }, { path: 'old.json', size: 1, sha256: 'x' }];
    const b = [{ path: 'MLmodel', size: 10, sha256: 'm1' }, { path: 'model.onnx', size: 100, sha256: 'o2' }, { path: 'new.json', size: 1, sha256: 'y' }];
    expect(compareFiles(a, b)).toEqual([
      { path: 'MLmodel', change: 'same' },
      { path: 'model.onnx', change: 'changed' },
      { path: 'new.json', change: 'added' },
      { path: 'old.json', change: 'removed' },
    ]);
  });
});
