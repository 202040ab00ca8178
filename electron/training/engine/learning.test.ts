import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Algorithm } from '../../../shared/contract';
import { regressionMetrics } from '../../evaluation';
import { accuracy, argmaxRows, blobs, linearTarget, positive, separable, settings } from './engine-test-data';
import { createTrainer, type ModelWeights, type Trainer } from './index';

const signal = new AbortController().signal;
let trainer: Trainer;

beforeAll(async () => {
  trainer = await createTrainer({ backend: 'wasm' });
}, 30_000);
afterAll(async () => {
  await trainer.dispose();
});

/** The forward pass rebuilt from the exported JSON alone, in float64. */
function forward(model: ModelWeights, x: Float32Array, rows: number): number[][] {
  const act: Record<string, (v: number) => number> = { relu: (v) => Math.max(v, 0), tanh: Math.tanh, linear: (v) => v, sigmoid: (v) => 1 / (1 + Math.exp(-v)) };
  return Array.from({ length: rows }, (_, r) => {
    let h = Array.from(x.subarray(r * model.inputWidth, (r + 1) * model.inputWidth));
    for (const layer of model.layers) {
      const z = Array.from({ length: layer.units }, (_, u) => layer.bias[u]! + h.reduce((sum, v, i) => sum + v * layer.kernel[i * layer.units + u]!, 0));
      if (layer.activation === 'softmax') {
        const top = Math.max(...z);
        const e = z.map((v) => Math.exp(v - top));
        h = e.map((v) => v / e.reduce((a, b) => a + b, 0));
      } else {
        h = z.map(act[layer.activation]!);
      }
    }
    return h;
  });
}

describe('the engine learns', () => {
  it('a separable binary problem with logistic regression and with an MLP', async () => {
    const train = separable(400, 1);
    const test = separable(200, 2);
    for (const algorithm of [{ kind: 'linear', l2: 0 }, { kind: 'mlp', hiddenLayers: [16, 16], activation: 'relu', dropout: 0.1, l2: 0.0001 }] satisfies Algorithm[]) {
      const summary = await trainer.fit({ task: 'binary', classes: 2, algorithm, settings: settings({ epochs: 15 }), train, validation: null }, { signal });
      expect(summary.epochsRun).toBe(15);
      expect(summary.history[14]!.loss).toBeLessThan(summary.history[0]!.loss);
      const proba = await trainer.predict(test.x, test.rows);
      expect(proba.length).toBe(test.rows * 2);
      for (let i = 0; i < test.rows; i++) expect(proba[2 * i]! + proba[2 * i + 1]!).toBeCloseTo(1, 5);
      expect(accuracy(positive(proba).map((p) => (p > 0.5 ? 1 : 0)), test.y)).toBeGreaterThan(0.95);
    }
  });

  it('three classes with softmax regression, and reports the validation metrics of each epoch', async () => {
    const train = blobs(600, 3);
    const validation = blobs(150, 4);
    const summary = await trainer.fit({ task: 'multiclass', classes: 3, algorithm: { kind: 'linear', l2: 0 }, settings: settings({ epochs: 10 }), train, validation }, { signal });
    const last = summary.history[summary.history.length - 1]!;
    expect(Object.keys(last.metrics).sort()).toEqual(['val_accuracy', 'val_f1', 'val_log_loss', 'val_loss', 'val_pr_auc', 'val_precision', 'val_recall', 'val_roc_auc']);
    // Without L2, the validation loss is the log loss of the same predictions.
    expect(last.metrics.val_loss).toBeCloseTo(last.metrics.val_log_loss!, 4);
    expect(last.metrics.val_accuracy).toBeGreaterThan(0.9);
    const proba = await trainer.predict(validation.x, validation.rows);
    expect(accuracy(argmaxRows(proba, 3), validation.y)).toBeCloseTo(last.metrics.val_accuracy!, 10);
  });

  it('a linear regression target (R² > 0.9) and an MLP regressor', async () => {
    const train = linearTarget(500, 5);
    const test = linearTarget(200, 6);
    for (const algorithm of [{ kind: 'linear', l2: 0 }, { kind: 'mlp', hiddenLayers: [32], activation: 'tanh', dropout: 0, l2: 0 }] satisfies Algorithm[]) {
      await trainer.fit({ task: 'regression', classes: 0, algorithm, settings: settings({ epochs: 25 }), train, validation: test }, { signal });
      const predicted = await trainer.predict(test.x, test.rows);
      expect(predicted.length).toBe(test.rows);
      expect(regressionMetrics(test.y, predicted).r2).toBeGreaterThan(0.9);
    }
  });

  it('exports JSON from which the same predictions can be rebuilt', async () => {
    const train = blobs(300, 8);
    await trainer.fit(
      { task: 'multiclass', classes: 3, algorithm: { kind: 'mlp', hiddenLayers: [8, 4], activation: 'relu', dropout: 0, l2: 0 }, settings: settings({ epochs: 3 }), train, validation: null },
      { signal },
    );
    const model = JSON.parse(JSON.stringify(await trainer.exportModel())) as ModelWeights;
    expect(model.layers.map(({ inputs, units, activation }) => [inputs, units, activation])).toEqual([
      [2, 8, 'relu'],
      [8, 4, 'relu'],
      [4, 3, 'softmax'],
    ]);
    const proba = await trainer.predict(train.x.subarray(0, 40), 20);
    forward(model, train.x, 20).forEach((row, r) => row.forEach((p, c) => expect(proba[r * 3 + c]).toBeCloseTo(p, 5)));
  });
});
