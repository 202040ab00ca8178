import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BenchData } from './data';

/**
 * The reference the engine replaced: TF.js's own `model.fit` (tfjs-layers) on
 * the wasm backend, same network, loss, optimizer and batches, in this
 * process. Answers the seconds of each epoch and the last epoch's loss.
 */
export async function layersFitEpochs(data: BenchData, batchSize: number, epochs: number): Promise<{ seconds: number[]; loss: number }> {
  const resolver = createRequire(import.meta.url);
  setWasmPaths(`${join(dirname(resolver.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`);
  tf.enableProdMode();
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not load');
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ units: 64, activation: 'relu', inputShape: [data.width] }),
      tfl.layers.dense({ units: 64, activation: 'relu' }),
      tfl.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01, 0.9, 0.999, 1e-7), loss: 'binaryCrossentropy' });
  const x = tf.tensor2d(data.x, [data.rows, data.width]);
  const y = tf.tensor2d(data.y, [data.rows, 1]);
  const seconds: number[] = [];
  let started = 0;
  try {
    const history = await model.fit(x, y, {
      batchSize,
      epochs,
      shuffle: true,
      callbacks: {
        onEpochBegin: () => void (started = performance.now()),
        onEpochEnd: () => void seconds.push((performance.now() - started) / 1000),
      },
    });
    const losses = history.history.loss as number[];
    return { seconds, loss: losses[losses.length - 1] ?? NaN };
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
}
