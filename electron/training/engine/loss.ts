import * as tf from '@tensorflow/tfjs-core';
import type { TaskKind } from '../../../shared/contract';

/**
 * The losses on logits, with their gradients written out (no tape): binary
 * cross-entropy through a sigmoid, categorical cross-entropy through a softmax,
 * and squared error. Like Keras, a weighted loss is Σ wᵢ·lossᵢ / batch size.
 * `target` is [batch, 1] for binary and regression, one-hot [batch, classes]
 * for multiclass; `weights` is [batch, 1] or null for all ones.
 */
export function lossAndGradient(task: TaskKind, logits: tf.Tensor2D, target: tf.Tensor2D, weights: tf.Tensor2D | null): { loss: tf.Scalar; dLogits: tf.Tensor2D } {
  const scale = 1 / logits.shape[0];
  const weigh = (t: tf.Tensor): tf.Tensor => (weights ? tf.mul(t, weights) : t);
  let perRow: tf.Tensor;
  let residual: tf.Tensor;
  switch (task) {
    case 'binary':
      // softplus(z) - z·y is -[y log σ(z) + (1 - y) log(1 - σ(z))], stable for any z.
      perRow = tf.sub(tf.softplus(logits), tf.mul(logits, target));
      residual = tf.sub(tf.sigmoid(logits), target);
      break;
    case 'multiclass': {
      const logProba = tf.logSoftmax(logits);
      perRow = tf.neg(tf.sum(tf.mul(logProba, target), 1, true));
      residual = tf.sub(tf.exp(logProba), target);
      break;
    }
    case 'regression': {
      const error = tf.sub(logits, target);
      perRow = tf.square(error);
      residual = tf.mul(error, 2);
      break;
    }
  }
  return { loss: tf.mul<tf.Scalar>(tf.sum(weigh(perRow)), scale), dLogits: tf.mul<tf.Tensor2D>(weigh(residual), scale) };
}

/** The unweighted mean loss of `rows` logits against their targets, in JavaScript (validation). */
export function meanLoss(task: TaskKind, logits: Float32Array, y: Float32Array, classes: number): number {
  let total = 0;
  y.forEach((label, row) => {
    if (task === 'multiclass') {
      total += logSumExp(logits, row * classes, classes) - (logits[row * classes + label] ?? NaN);
      return;
    }
    const z = logits[row] ?? NaN;
    total += task === 'binary' ? Math.max(z, 0) - z * label + Math.log1p(Math.exp(-Math.abs(z))) : (z - label) ** 2;
  });
  return total / y.length;
}

/** What `predict` answers: probabilities per class (binary: [1 - p, p]) or the regression value. */
export function outputsFromLogits(task: TaskKind, logits: Float32Array, classes: number): Float32Array {
  if (task === 'regression') return logits;
  if (task === 'binary') {
    const out = new Float32Array(logits.length * 2);
    logits.forEach((z, row) => {
      const p = 1 / (1 + Math.exp(-z));
      out[2 * row] = 1 - p;
      out[2 * row + 1] = p;
    });
    return out;
  }
  const out = new Float32Array(logits.length);
  for (let base = 0; base < logits.length; base += classes) {
    const normaliser = logSumExp(logits, base, classes);
    for (let c = base; c < base + classes; c++) out[c] = Math.exp((logits[c] ?? NaN) - normaliser);
  }
  return out;
}

/** log Σ exp(logits[base .. base + count)), without overflow. */
function logSumExp(logits: Float32Array, base: number, count: number): number {
  const row = logits.subarray(base, base + count);
  const top = row.reduce((a, b) => Math.max(a, b), -Infinity);
  return top + Math.log(row.reduce((sum, z) => sum + Math.exp(z - top), 0));
}
