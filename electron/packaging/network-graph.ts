import { WorkbenchError } from '../../shared/contract';
import type { DenseLayerWeights, ModelWeights } from '../training/engine';
import type { GraphBuilder } from './onnx-builder';

/** TF.js's SELU constants (tf.selu), not ONNX's float defaults. */
const SELU_ALPHA = 1.6732632423543772;
const SELU_GAMMA = 1.0507009873554805;

function checkLayer(layer: DenseLayerWeights, index: number, inputs: number): void {
  const bad = (message: string): WorkbenchError => new WorkbenchError('invalid_input', `weights.layers[${index}]: ${message}`, { field: `layers[${index}]` });
  if (layer.inputs !== inputs) throw bad(`takes ${layer.inputs} inputs, but the layer below gives ${inputs}.`);
  if (layer.kernel.length !== layer.inputs * layer.units) throw bad(`the kernel holds ${layer.kernel.length} values, not ${layer.inputs} × ${layer.units}.`);
  if (layer.bias.length !== layer.units) throw bad(`the bias holds ${layer.bias.length} values, not ${layer.units}.`);
}

function activate(g: GraphBuilder, x: string, activation: DenseLayerWeights['activation']): string {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return g.op('Relu', [x]);
    case 'tanh':
      return g.op('Tanh', [x]);
    case 'sigmoid':
      return g.op('Sigmoid', [x]);
    case 'elu':
      return g.op('Elu', [x], { alpha: { float: 1 } });
    case 'selu':
      return g.op('Selu', [x], { alpha: { float: SELU_ALPHA }, gamma: { float: SELU_GAMMA } });
    case 'softmax':
      return g.op('Softmax', [x], { axis: -1 });
  }
}

/**
 * The dense stack on float [N, inputWidth] features, in float32 like TF.js.
 * Returns what `Trainer.predict` gives: probabilities [N, classes] (binary:
 * [1 - p, p]) or the regression value [N, 1].
 */
export function addNetwork(g: GraphBuilder, weights: ModelWeights, features: string): string {
  if (weights.format !== 'workbench-dense-v1') throw new WorkbenchError('invalid_input', `Unknown weights format "${String(weights.format)}".`, { field: 'format' });
  let h = features;
  let width = weights.inputWidth;
  weights.layers.forEach((layer, i) => {
    checkLayer(layer, i, width);
    const product = g.op('MatMul', [h, g.floats(layer.kernel, [layer.inputs, layer.units], `kernel${i}`)]);
    h = activate(g, g.op('Add', [product, g.floats(layer.bias, [layer.units], `bias${i}`)]), layer.activation);
    width = layer.units;
  });
  const expected = weights.output === 'softmax' ? weights.classes : 1;
  if (width !== expected) throw new WorkbenchError('invalid_input', `The last layer gives ${width} values per row; a ${weights.output} output needs ${expected}.`, { field: 'layers' });
  // The exported last layer carries the output's activation (Network.exportWeights).
  const last = weights.layers.at(-1)?.activation;
  const wanted = weights.output === 'identity' ? 'linear' : weights.output;
  if (last !== wanted) throw new WorkbenchError('invalid_input', `The last layer's activation is ${String(last)}; a ${weights.output} output needs ${wanted}.`, { field: 'layers' });
  if (weights.output !== 'sigmoid') return h;
  return g.op('Concat', [g.op('Sub', [g.floats([1], [1, 1]), h]), h], { axis: 1 });
}
