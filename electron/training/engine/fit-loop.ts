import * as tf from '@tensorflow/tfjs-core';
import { WorkbenchError } from '../../../shared/contract';
import { classificationMetrics, regressionMetrics } from '../../evaluation';
import { EarlyStopping, metricDirection } from './early-stopping';
import { rowWeights } from './fit-input';
import { lossAndGradient, meanLoss, outputsFromLogits } from './loss';
import type { Network } from './network';
import { createOptimizer } from './optimizers';
import { shuffledIndices, type Rng } from './rng';
import type { BatchReport, EpochReport, FitInput, FitSummary, TrainData } from './types';

/**
 * The training loop, in the worker: data uploaded once, a seeded batch order
 * per epoch gathered on the device, and losses read back in windows (at most
 * every ~100 ms or 32 batches) instead of after every batch, so the device
 * never waits for the host. Each window is checked for NaN / Infinity.
 */

export interface FitIo {
  onBatch(report: BatchReport): void;
  /** Answers whether to go on (the caller's hook: median pruning). */
  onEpoch(report: EpochReport): Promise<'continue' | 'stop'>;
}

const REPORT_MS = 100;
const WINDOW_BATCHES = 32;
const PREDICT_CHUNK_ROWS = 16_384;

export async function fitNetwork(net: Network, input: FitInput, rng: Rng, io: FitIo): Promise<FitSummary> {
  const { task, classes, settings, train, validation } = input;
  const owned: tf.Tensor[] = [];
  const keep = <T extends tf.Tensor>(tensor: T): T => (owned.push(tensor), tensor);
  const optimizer = createOptimizer(settings);
  const stopping = settings.earlyStopping
    ? new EarlyStopping(settings.earlyStopping.metric, metricDirection(settings.earlyStopping.metric, task), settings.earlyStopping.patience)
    : null;
  let best: tf.Tensor | null = null;
  try {
    const x = keep(tf.tensor2d(train.x, [train.rows, train.width]));
    const target = keep(targetTensor(train, task, classes));
    const weightValues = rowWeights(train, classes, settings.classWeights);
    const weights = weightValues ? keep(tf.tensor2d(weightValues, [train.rows, 1])) : null;
    const batchSize = Math.min(settings.batchSize, train.rows);
    const batches = Math.ceil(train.rows / batchSize);
    const hiddenLayers = input.algorithm.kind === 'mlp' ? input.algorithm.hiddenLayers.length : 0;

    const step = (order: tf.Tensor1D, start: number, size: number): tf.Scalar =>
      tf.tidy(() => {
        const indices = tf.slice(order, start, size);
        const seeds = net.dropout > 0 ? Array.from({ length: hiddenLayers }, () => rng.seed()) : null;
        const params = net.params();
        const cache = net.forward(tf.gather(x, indices), params, seeds);
        const { loss, dLogits } = lossAndGradient(task, cache.logits, tf.gather(target, indices), weights ? tf.gather(weights, indices) : null);
        optimizer.applyGradients([{ name: net.theta.name, tensor: net.backward(dLogits, cache) }]);
        const penalty = net.penalty(params);
        return penalty ? tf.add(loss, penalty) : loss;
      });

    const history: EpochReport[] = [];
    let stoppedEarly = false;
    let lastReport = performance.now();
    for (let epoch = 1; epoch <= settings.epochs && !stoppedEarly; epoch++) {
      const started = performance.now();
      const order = tf.tensor1d(shuffledIndices(train.rows, rng), 'int32');
      const window: { batch: number; size: number; loss: tf.Scalar }[] = [];
      let lossSum = 0;
      let lastFlush = started;
      try {
        for (let batch = 1; batch <= batches; batch++) {
          const start = (batch - 1) * batchSize;
          const size = Math.min(batchSize, train.rows - start);
          window.push({ batch, size, loss: step(order, start, size) });
          const now = performance.now();
          if (window.length < WINDOW_BATCHES && now - lastFlush < REPORT_MS && batch < batches) continue;
          const values = await readLosses(window.map((entry) => entry.loss));
          window.forEach((entry, i) => {
            const value = values[i] ?? NaN;
            if (!Number.isFinite(value)) throw diverged(value, epoch, entry.batch, batches);
            lossSum += value * entry.size;
          });
          window.splice(0).forEach((entry) => entry.loss.dispose());
          lastFlush = performance.now();
          if (lastFlush - lastReport >= REPORT_MS) {
            io.onBatch({ epoch, batch, batches, loss: values[values.length - 1] ?? NaN });
            lastReport = lastFlush;
          }
        }
      } finally {
        order.dispose();
        window.forEach((entry) => entry.loss.dispose());
      }
      const metrics = validation ? await validationMetrics(net, input, validation) : {};
      const report: EpochReport = { epoch, epochs: settings.epochs, loss: lossSum / train.rows, metrics, seconds: (performance.now() - started) / 1000 };
      history.push(report);
      if (stopping) {
        const { improved, stop } = stopping.observe(epoch, metrics);
        if (improved) {
          best?.dispose();
          // A clone shares the current values; the optimizer's next assign gives theta new ones.
          best = tf.clone(net.theta);
        }
        stoppedEarly = stop;
      }
      if ((await io.onEpoch(report)) === 'stop') stoppedEarly = true;
    }
    let bestEpoch = history.length;
    if (stopping && best && stopping.bestEpoch > 0) {
      net.theta.assign(best as tf.Tensor1D);
      bestEpoch = stopping.bestEpoch;
    }
    return { epochsRun: history.length, bestEpoch, stoppedEarly, history };
  } finally {
    best?.dispose();
    owned.forEach((tensor) => tensor.dispose());
    optimizer.dispose();
  }
}

/** One read for a window of batch losses (a single device sync on GPU backends). */
async function readLosses(losses: tf.Scalar[]): Promise<Float32Array> {
  const stacked = tf.stack(losses);
  try {
    return (await stacked.data()) as Float32Array;
  } finally {
    stacked.dispose();
  }
}

function diverged(value: number, epoch: number, batch: number, batches: number): WorkbenchError {
  return new WorkbenchError(
    'training_diverged',
    `The loss became ${value} at epoch ${epoch}, batch ${batch} of ${batches}; try a lower learning rate, another optimizer or scaled features.`,
    { epoch, batch },
  );
}

function targetTensor(data: TrainData, task: FitInput['task'], classes: number): tf.Tensor2D {
  if (task !== 'multiclass') return tf.tensor2d(data.y, [data.rows, 1]);
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Int32Array.from(data.y), 'int32'), classes), 'float32') as tf.Tensor2D);
}

/** The network's logits for many rows, a chunk at a time. */
export async function predictLogits(net: Network, x: Float32Array, rows: number): Promise<Float32Array> {
  const width = net.inputWidth;
  const outputs = net.task === 'multiclass' ? net.classes : 1;
  const logits = new Float32Array(rows * outputs);
  for (let start = 0; start < rows; start += PREDICT_CHUNK_ROWS) {
    const size = Math.min(PREDICT_CHUNK_ROWS, rows - start);
    const chunk = tf.tidy(() => net.forward(tf.tensor2d(x.subarray(start * width, (start + size) * width), [size, width]), net.params()).logits);
    logits.set(await chunk.data(), start * outputs);
    chunk.dispose();
  }
  return logits;
}

async function validationMetrics(net: Network, input: FitInput, validation: TrainData): Promise<Record<string, number>> {
  const { task, classes } = input;
  const logits = await predictLogits(net, validation.x, validation.rows);
  const outputs = outputsFromLogits(task, logits, classes);
  const figures = task === 'regression' ? regressionMetrics(validation.y, outputs) : classificationMetrics(validation.y, outputs, classes);
  const penalty = net.l2 > 0 ? tf.tidy(() => net.penalty(net.params()) ?? tf.scalar(0)) : null;
  const penaltyValue = penalty ? ((await penalty.data())[0] ?? 0) : 0;
  penalty?.dispose();
  const metrics: Record<string, number> = { val_loss: meanLoss(task, logits, validation.y, classes) + penaltyValue };
  for (const [name, value] of Object.entries(figures)) metrics[`val_${name}`] = value;
  return metrics;
}
