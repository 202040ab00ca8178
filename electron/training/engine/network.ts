import * as tf from '@tensorflow/tfjs-core';
import type { Algorithm, TaskKind } from '../../../shared/contract';
import type { Rng } from './rng';
import type { DenseLayerWeights, LayerActivation, ModelWeights } from './types';

/**
 * A stack of dense layers whose parameters live in ONE flat variable, with a
 * hand-written backward pass. Why not tfjs-layers' `model.fit`: per-kernel
 * overhead dominates small networks on the CPU backends, and this way a
 * training step is a few dozen kernels: one optimizer update for all
 * parameters instead of one per tensor, no gradient tape, fused matmul +
 * bias + activation. The last layer gives logits; sigmoid or softmax is folded
 * into the loss, as Keras does with `from_logits`.
 */

interface Layer {
  inputs: number;
  units: number;
  activation: Exclude<LayerActivation, 'softmax' | 'sigmoid'> | 'sigmoid';
  kernelAt: number;
  biasAt: number;
}

export interface LayerParams {
  layer: Layer;
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** What the forward pass keeps of each layer for the backward pass. */
interface LayerTrace {
  params: LayerParams;
  /** The layer's input (after the previous layer's dropout). */
  input: tf.Tensor2D;
  /** The activation's output, before dropout. */
  output: tf.Tensor2D;
  /** The scaled dropout mask, when dropout is on. */
  mask: tf.Tensor2D | null;
}

export interface ForwardCache {
  logits: tf.Tensor2D;
  trace: LayerTrace[];
}

const fusable = new Set(['linear', 'relu', 'elu', 'sigmoid']);
const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;

export class Network {
  readonly theta: tf.Variable<tf.Rank.R1>;
  private readonly layers: Layer[];

  constructor(
    readonly task: TaskKind,
    readonly classes: number,
    readonly inputWidth: number,
    private readonly algorithm: Algorithm,
    rng: Rng,
    /**
     * wasm multiplies transposed operands, and sums columns, through slow generic
     * loops; an explicit transpose, and a product with a row of ones, are 5-10x
     * faster there (XNNPACK).
     */
    private readonly avoidTransposedKernels: boolean,
  ) {
    const hidden = algorithm.kind === 'mlp' ? algorithm.hiddenLayers : [];
    const activation = algorithm.kind === 'mlp' ? algorithm.activation : 'linear';
    let inputs = inputWidth;
    let at = 0;
    this.layers = [...hidden, task === 'multiclass' ? classes : 1].map((units, i) => {
      const layer: Layer = { inputs, units, activation: i < hidden.length ? activation : 'linear', kernelAt: at, biasAt: at + inputs * units };
      at += inputs * units + units;
      inputs = units;
      return layer;
    });
    // Keras's defaults: Glorot-uniform kernels, zero biases; one seed per layer.
    this.theta = tf.tidy(() => {
      const parts = this.layers.flatMap(({ inputs, units }) => {
        const limit = Math.sqrt(6 / (inputs + units));
        return [tf.randomUniform([inputs * units], -limit, limit, 'float32', rng.seed()), tf.zeros([units])];
      });
      return tf.variable(tf.concat(parts), true, undefined, 'float32') as tf.Variable<tf.Rank.R1>;
    });
  }

  get l2(): number {
    return this.algorithm.l2;
  }

  get dropout(): number {
    return this.algorithm.kind === 'mlp' ? this.algorithm.dropout : 0;
  }

  /** Views of the flat variable, one kernel and bias per layer (call inside a tidy). */
  params(): LayerParams[] {
    return this.layers.map((layer) => ({
      layer,
      kernel: tf.reshape(tf.slice(this.theta, layer.kernelAt, layer.inputs * layer.units), [layer.inputs, layer.units]),
      bias: tf.slice(this.theta, layer.biasAt, layer.units),
    }));
  }

  /** Logits for a batch; `dropoutSeeds` (one per hidden layer) turns training-time dropout on. */
  forward(x: tf.Tensor2D, params: LayerParams[], dropoutSeeds: number[] | null = null): ForwardCache {
    const trace: LayerTrace[] = [];
    let h = x;
    params.forEach((layerParams, i) => {
      const { layer, kernel, bias } = layerParams;
      const fused = fusable.has(layer.activation) ? (layer.activation as tf.fused.Activation) : 'linear';
      let output = tf.fused.matMul({ a: h, b: kernel, bias, activation: fused }) as tf.Tensor2D;
      if (layer.activation === 'tanh') output = tf.tanh(output);
      if (layer.activation === 'selu') output = tf.selu(output);
      const seed = dropoutSeeds?.[i];
      const mask = seed !== undefined && i < params.length - 1 && this.dropout > 0 ? dropoutMask(output.shape, this.dropout, seed) : null;
      trace.push({ params: layerParams, input: h, output, mask });
      h = mask ? tf.mul(output, mask) : output;
    });
    return { logits: h, trace };
  }

  /** The gradient of the loss with respect to every parameter, flat like `theta`, given d loss / d logits. */
  backward(dLogits: tf.Tensor2D, { trace }: ForwardCache): tf.Tensor1D {
    const grads: tf.Tensor[] = [];
    const layers = [...trace].reverse();
    let dz = dLogits;
    layers.forEach(({ params, input }, k) => {
      let dKernel: tf.Tensor = this.avoidTransposedKernels ? tf.matMul(tf.transpose(input), dz) : tf.matMul(input, dz, true, false);
      if (this.l2 > 0) dKernel = tf.add(dKernel, tf.mul(params.kernel, 2 * this.l2));
      const dBias = this.avoidTransposedKernels ? tf.matMul(tf.ones([1, dz.shape[0]]), dz) : tf.sum(dz, 0);
      grads.unshift(tf.reshape(dKernel, [-1]), tf.reshape(dBias, [-1]));
      const below = layers[k + 1];
      if (!below) return;
      let dh: tf.Tensor2D = this.avoidTransposedKernels ? tf.matMul(dz, tf.transpose(params.kernel)) : tf.matMul(dz, params.kernel, false, true);
      if (below.mask) dh = tf.mul(dh, below.mask);
      dz = activationGradient(below.params.layer.activation, dh, below.output);
    });
    return tf.concat(grads) as tf.Tensor1D;
  }

  /** Keras's L2 penalty, l2 × Σ kernel², as a scalar (call inside a tidy). */
  penalty(params: LayerParams[]): tf.Scalar | null {
    if (this.l2 <= 0) return null;
    return tf.mul<tf.Scalar>(tf.addN(params.map(({ kernel }) => tf.sum(tf.square(kernel)))), this.l2);
  }

  exportWeights(): ModelWeights {
    const values = this.theta.dataSync();
    const layers: DenseLayerWeights[] = this.layers.map(({ inputs, units, activation, kernelAt, biasAt }) => ({
      inputs,
      units,
      activation,
      kernel: Array.from(values.subarray(kernelAt, kernelAt + inputs * units)),
      bias: Array.from(values.subarray(biasAt, biasAt + units)),
    }));
    const output = this.task === 'binary' ? 'sigmoid' : this.task === 'multiclass' ? 'softmax' : 'identity';
    const last = layers.at(-1);
    if (last) last.activation = output === 'identity' ? 'linear' : output;
    return { format: 'workbench-dense-v1', task: this.task, classes: this.classes, inputWidth: this.inputWidth, output, layers };
  }

  dispose(): void {
    this.theta.dispose();
  }
}

/** Inverted dropout: keep with probability 1 - rate, scaled by 1 / (1 - rate), from a seeded draw. */
function dropoutMask(shape: [number, number], rate: number, seed: number): tf.Tensor2D {
  const keep = 1 - rate;
  return tf.div(tf.floor(tf.add(tf.randomUniform(shape, 0, 1, 'float32', seed), keep)), keep);
}

/** d loss / d pre-activation, written in terms of the activation's output `a`. */
function activationGradient(activation: Layer['activation'], dh: tf.Tensor2D, a: tf.Tensor2D): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return tf.mul(dh, tf.step(a));
    case 'sigmoid':
      return tf.mul(dh, tf.mul(a, tf.sub(1, a)));
    case 'tanh':
      return tf.mul(dh, tf.sub(1, tf.square(a)));
    case 'elu':
      // a > 0: 1; otherwise e^z = a + 1, which is at most 1.
      return tf.mul(dh, tf.minimum(tf.add(a, 1), 1));
    case 'selu':
      return tf.mul(dh, tf.where(tf.greater(a, 0), tf.fill(a.shape, SELU_SCALE), tf.add(a, SELU_SCALE * SELU_ALPHA)));
    case 'linear':
      return dh;
  }
}
