import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers registers TF.js's gradient functions, which the reference below differentiates with.
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { activations, type TaskKind } from '../../../shared/contract';
import { loadBackend } from './backends';
import { lossAndGradient } from './loss';
import { Network } from './network';
import { createRng } from './rng';

/**
 * The hand-written backward pass against TF.js's own automatic
 * differentiation of the same network written with plain ops (matMul, add,
 * tf.relu / tf.elu / ..., dropout by the same mask, TF.js's losses).
 */

const reference: Record<(typeof activations)[number] | 'linear', (z: tf.Tensor) => tf.Tensor> = {
  relu: tf.relu,
  tanh: tf.tanh,
  sigmoid: tf.sigmoid,
  elu: tf.elu,
  selu: tf.selu,
  linear: (z) => z,
};

function referenceLoss(task: TaskKind, logits: tf.Tensor2D, target: tf.Tensor2D, weights: tf.Tensor2D): tf.Scalar {
  const sum =
    task === 'binary'
      ? tf.losses.sigmoidCrossEntropy(target, logits, weights, 0, tf.Reduction.SUM)
      : task === 'multiclass'
        ? tf.losses.softmaxCrossEntropy(target, logits, tf.reshape(weights, [-1]), 0, tf.Reduction.SUM)
        : tf.losses.meanSquaredError(target, logits, weights, tf.Reduction.SUM);
  return tf.div(sum, logits.shape[0]);
}

beforeAll(async () => {
  for (const backend of ['wasm', 'cpu'] as const) await loadBackend(backend);
});

describe('the backward pass', () => {
  const cases = [
    ...activations.map((activation) => ({ task: 'binary' as const, activation, dropout: 0, l2: 0 })),
    { task: 'multiclass' as const, activation: 'relu' as const, dropout: 0.3, l2: 0.01 },
    { task: 'regression' as const, activation: 'tanh' as const, dropout: 0.5, l2: 0.1 },
  ];
  for (const backend of ['wasm', 'cpu'] as const) {
    it.each(cases)(`on ${backend}: $task, $activation, dropout $dropout, L2 $l2`, async ({ task, activation, dropout, l2 }) => {
      await tf.setBackend(backend);
      const classes = task === 'multiclass' ? 4 : task === 'binary' ? 2 : 0;
      const rows = 12;
      const net = new Network(task, classes, 5, { kind: 'mlp', hiddenLayers: [7, 6], activation, dropout, l2 }, createRng(3), backend === 'wasm');
      const x = tf.randomNormal<tf.Rank.R2>([rows, 5], 0, 1, 'float32', 1);
      const labels = tf.tensor1d(Array.from({ length: rows }, (_, i) => i % Math.max(classes, 2)), 'int32');
      const target: tf.Tensor2D =
        task === 'multiclass' ? tf.tensor2d(Array.from({ length: rows }, (_, i) => Array.from({ length: classes }, (_, c) => (c === i % classes ? 1 : 0)))) : task === 'binary' ? tf.reshape(tf.cast(labels, 'float32'), [rows, 1]) : tf.randomNormal<tf.Rank.R2>([rows, 1], 0, 1, 'float32', 2);
      const weights = tf.randomUniform<tf.Rank.R2>([rows, 1], 0.5, 2, 'float32', 4);
      const seeds = [11, 12];

      const manual = tf.tidy(() => {
        const cache = net.forward(x, net.params(), seeds);
        return net.backward(lossAndGradient(task, cache.logits, target, weights).dLogits, cache);
      });
      const automatic = tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const params = net.params();
          const masks = net.forward(x, params, seeds).trace.map((layer) => layer.mask);
          let h: tf.Tensor2D = x;
          params.forEach(({ layer, kernel, bias }, i) => {
            const z = tf.add(tf.matMul(h, kernel), bias);
            const a = (i < params.length - 1 ? reference[activation] : reference.linear)(z) as tf.Tensor2D;
            const mask = masks[i];
            h = mask ? tf.mul(a, mask) : a;
            expect(layer.units).toBe(i === 0 ? 7 : i === 1 ? 6 : Math.max(classes === 2 ? 1 : classes, 1));
          });
          const penalty = params.reduce((sum, { kernel }) => tf.add(sum, tf.mul(tf.sum(tf.square(kernel)), l2)), tf.scalar(0));
          return tf.add<tf.Scalar>(referenceLoss(task, h, target, weights), penalty);
        }, [net.theta]);
        return grads[net.theta.name]!;
      });
      const [got, want] = [await manual.data(), await automatic.data()];
      expect(got.length).toBe(want.length);
      const scale = Math.max(...Array.from(want, Math.abs));
      expect(scale).toBeGreaterThan(0);
      want.forEach((value, i) => expect(Math.abs(got[i]! - value)).toBeLessThan(1e-5 * scale + 1e-6));
      tf.dispose([manual, automatic, x, labels, target, weights]);
      net.dispose();
    });
  }
});
