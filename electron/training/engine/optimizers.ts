import * as tf from '@tensorflow/tfjs-core';
import type { TrainSettings } from '../../../shared/contract';

/** TF.js's optimizers with Keras's defaults (Adam β 0.9/0.999, RMSprop ρ 0.9, ε 1e-7). */
export function createOptimizer({ optimizer, learningRate }: Pick<TrainSettings, 'optimizer' | 'learningRate'>): tf.Optimizer {
  switch (optimizer) {
    case 'adam':
      return tf.train.adam(learningRate, 0.9, 0.999, 1e-7);
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate, 0.9, 0, 1e-7);
    case 'adagrad':
      return tf.train.adagrad(learningRate, 0.1);
  }
}
