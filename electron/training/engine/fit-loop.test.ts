import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Algorithm } from '../../../shared/contract';
import { loadBackend } from './backends';
import { separable, settings } from './engine-test-data';
import { fitNetwork, predictLogits } from './fit-loop';
import { Network } from './network';
import { createRng } from './rng';

beforeAll(async () => {
  await loadBackend('wasm');
});

describe('the training loop', () => {
  it.each([0, 0.3])('leaves no tensor behind but the weights (dropout %s, L2, early stopping)', async (dropout) => {
    const before = tf.memory().numTensors;
    const algorithm: Algorithm = { kind: 'mlp', hiddenLayers: [8, 8], activation: 'relu', dropout, l2: 0.01 };
    const input = { task: 'binary' as const, classes: 2, algorithm, settings: settings({ epochs: 4, earlyStopping: { metric: 'val_loss', patience: 1 } }), train: separable(300, 1), validation: separable(100, 2) };
    const rng = createRng(1);
    const net = new Network('binary', 2, 2, algorithm, rng, true);
    const epochs: number[] = [];
    await fitNetwork(net, input, rng, { onBatch: () => undefined, onEpoch: (report) => (epochs.push(report.epoch), Promise.resolve('continue')) });
    await predictLogits(net, input.train.x, input.train.rows);
    expect(epochs.length).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before + 1);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
