import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Algorithm } from '../../../shared/contract';
import { failure, waitFor } from '../../../test/helpers';
import { imbalanced, linearTarget, positive, separable, settings } from './engine-test-data';
import { createTrainer, type FitInput, type Trainer } from './index';
import { meanLoss } from './loss';
import { liveWorkerCount } from './worker-host';

const signal = new AbortController().signal;
let trainer: Trainer;

beforeAll(async () => {
  trainer = await createTrainer({ backend: 'wasm' });
}, 30_000);
afterAll(async () => {
  await trainer.dispose();
});

const mlp: Algorithm = { kind: 'mlp', hiddenLayers: [16, 16], activation: 'relu', dropout: 0.2, l2: 0.001 };

describe('training control', () => {
  it('early stopping stops after `patience` epochs without improvement and restores the best weights', async () => {
    // Validation labels are the training labels flipped: the better the fit, the worse val_loss.
    const train = separable(300, 11);
    const validation = { ...train, y: train.y.map((label) => 1 - label) };
    const input: FitInput = {
      task: 'binary',
      classes: 2,
      algorithm: { kind: 'linear', l2: 0 },
      settings: settings({ epochs: 30, earlyStopping: { metric: 'val_loss', patience: 3 } }),
      train,
      validation,
    };
    const summary = await trainer.fit(input, { signal });
    expect(summary.stoppedEarly).toBe(true);
    expect(summary.bestEpoch).toBe(1);
    expect(summary.epochsRun).toBe(4);
    const losses = summary.history.map((epoch) => epoch.metrics.val_loss!);
    expect(losses[3]).toBeGreaterThan(losses[0]!);
    const proba = await trainer.predict(validation.x, validation.rows);
    const logits = Float32Array.from(positive(proba), (p) => Math.log(p / (1 - p)));
    expect(meanLoss('binary', logits, validation.y, 2)).toBeCloseTo(losses[0]!, 4);
  });

  it('early stopping on a maximised metric, and a stop asked by onEpoch', async () => {
    const train = separable(300, 12);
    const seen: number[] = [];
    const summary = await trainer.fit(
      { task: 'binary', classes: 2, algorithm: mlp, settings: settings({ epochs: 30, earlyStopping: { metric: 'val_roc_auc', patience: 50 } }), train, validation: separable(100, 13) },
      { signal, onEpoch: (report) => (seen.push(report.epoch), report.epoch === 2 ? 'stop' : 'continue') },
    );
    expect(seen).toEqual([1, 2]);
    expect(summary).toMatchObject({ epochsRun: 2, stoppedEarly: true });
    expect(summary.history[1]!.metrics.val_roc_auc).toBeGreaterThan(0.9);
  });

  it('refuses early stopping on a metric the task does not have, or without a validation split', async () => {
    const train = separable(50, 1);
    const bad = await failure(trainer.fit({ task: 'binary', classes: 2, algorithm: mlp, settings: settings({ earlyStopping: { metric: 'val_r2', patience: 2 } }), train, validation: train }, { signal }));
    expect(bad).toMatchObject({ code: 'invalid_input' });
    expect(bad.message).toContain('val_roc_auc');
    const none = await failure(trainer.fit({ task: 'binary', classes: 2, algorithm: mlp, settings: settings({ earlyStopping: { metric: 'val_loss', patience: 2 } }), train, validation: null }, { signal }));
    expect(none).toMatchObject({ code: 'invalid_input', details: { field: 'settings.earlyStopping' } });
  });

  it('class weights raise the rare class: balanced, the weighted mean probability is one half', async () => {
    const train = imbalanced(1000, 21);
    const fitted = async (classWeights: 'none' | 'balanced' | Record<string, number>): Promise<number[]> => {
      await trainer.fit({ task: 'binary', classes: 2, algorithm: { kind: 'linear', l2: 0 }, settings: settings({ epochs: 20, classWeights }), train, validation: null }, { signal });
      return positive(await trainer.predict(train.x, train.rows));
    };
    const mean = (values: number[], weights: number[] = values.map(() => 1)): number =>
      values.reduce((sum, v, i) => sum + v * weights[i]!, 0) / weights.reduce((a, b) => a + b, 0);
    // At a logistic regression's optimum, Σ wᵢ (pᵢ - yᵢ) = 0: the (weighted) mean probability is the (weighted) base rate.
    const plain = await fitted('none');
    expect(mean(plain)).toBeCloseTo(0.1, 1);
    const balanced = await fitted('balanced');
    const weights = Array.from(train.y, (label) => (label === 1 ? 1000 / (2 * 100) : 1000 / (2 * 900)));
    expect(mean(balanced, weights)).toBeCloseTo(0.5, 1);
    expect(mean(balanced)).toBeGreaterThan(mean(plain) + 0.15);
    expect(mean(await fitted({ '1': 30 }))).toBeGreaterThan(mean(balanced));
  });

  it('the same seed gives the same losses and weights; another seed does not', async () => {
    const train = separable(200, 31);
    const input = (seed: number): FitInput => ({ task: 'binary', classes: 2, algorithm: mlp, settings: settings({ epochs: 3, seed }), train, validation: separable(50, 32) });
    const other = await createTrainer({ backend: 'wasm' });
    try {
      const first = await trainer.fit(input(7), { signal });
      const firstWeights = await trainer.exportModel();
      const second = await other.fit(input(7), { signal });
      expect(second.history.map((e) => [e.loss, e.metrics])).toEqual(first.history.map((e) => [e.loss, e.metrics]));
      expect(await other.exportModel()).toEqual(firstWeights);
      await other.fit(input(8), { signal });
      expect((await other.exportModel()).layers[0]!.kernel).not.toEqual(firstWeights.layers[0]!.kernel);
    } finally {
      await other.dispose();
    }
  });

  it('a loss that becomes NaN or Infinity stops the run with the epoch and batch', async () => {
    const train = linearTarget(256, 41, 0.1, 1e6);
    const error = await failure(
      trainer.fit({ task: 'regression', classes: 0, algorithm: { kind: 'linear', l2: 0 }, settings: settings({ optimizer: 'sgd', learningRate: 10, epochs: 5 }), train, validation: null }, { signal }),
    );
    expect(error.code).toBe('training_diverged');
    expect(error.message).toMatch(/^The loss became (NaN|Infinity) at epoch 1, batch \d+ of 8/);
    expect(error.details).toMatchObject({ epoch: 1 });
    expect(error.details?.batch).toBeGreaterThanOrEqual(1);
  });

  it('cancelling stops the worker at once and rejects with cancelled', async () => {
    const victim = await createTrainer({ backend: 'wasm' });
    const before = liveWorkerCount();
    const controller = new AbortController();
    const batches: number[] = [];
    const started = Date.now();
    const run = victim.fit(
      { task: 'binary', classes: 2, algorithm: mlp, settings: settings({ epochs: 1000, batchSize: 16 }), train: separable(5000, 51), validation: null },
      { signal: controller.signal, onBatch: (report) => batches.push(report.batch) },
    );
    await waitFor(() => batches.length >= 3, 20_000, 'batch reports');
    controller.abort();
    expect(await failure(run)).toMatchObject({ code: 'cancelled' });
    expect(liveWorkerCount()).toBe(before - 1);
    expect(await failure(victim.predict(new Float32Array(2), 1))).toMatchObject({ code: 'cancelled' });
    // Batch reports come at most about ten times a second.
    expect(batches.length).toBeLessThanOrEqual((Date.now() - started) / 100 + 2);
  });
});
