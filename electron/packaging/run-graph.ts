import { WorkbenchError } from '../../shared/contract';
import type { ModelWeights } from '../training/engine';
import type { FittedPipeline } from '../training/pipeline';
import { addNetwork } from './network-graph';
import { ElemType, GraphBuilder, INPUTS_METADATA, type Dim } from './onnx-builder';
import { addPipeline, graphInputs, type GraphInput } from './pipeline-graph';

export const PREDICTION = 'prediction';
export const probabilityOutput = (label: string): string => `probability_${label}`;

export interface RunGraph {
  bytes: Uint8Array;
  inputs: GraphInput[];
}

function classesOf(fitted: FittedPipeline, weights: ModelWeights): string[] | null {
  if (fitted.task !== weights.task) throw new WorkbenchError('invalid_input', `The pipeline is for ${fitted.task}, the weights for ${weights.task}.`, { field: 'task' });
  if (fitted.task === 'regression') return null;
  const classes = fitted.classes ?? [];
  const expected = fitted.task === 'binary' ? 2 : weights.classes;
  if (classes.length !== expected) throw new WorkbenchError('invalid_input', `The pipeline has ${classes.length} classes; the network gives ${expected}.`, { field: 'classes' });
  return classes;
}

/**
 * One graph for a trained run: raw columns in (one input each, [N]; a lone
 * column as [N, 1], since MLflow feeds a single-input model the DataFrame's
 * 2-D values), the fitted pipeline, the network, and 1-D outputs: `prediction`
 * (the class label, or the value) and `probability_<class>` per class.
 */
export function buildRunGraph(fitted: FittedPipeline, weights: ModelWeights, options: { name: string; producerVersion?: string }): RunGraph {
  if (weights.inputWidth !== fitted.width) {
    throw new WorkbenchError('invalid_input', `The pipeline gives ${fitted.width} features; the network takes ${weights.inputWidth}.`, { field: 'inputWidth' });
  }
  const classes = classesOf(fitted, weights);
  const outputNames = classes === null ? [PREDICTION] : [PREDICTION, ...classes.map(probabilityOutput)];
  const inputs = graphInputs(fitted);
  for (const input of inputs) {
    if (outputNames.includes(input.name)) throw new WorkbenchError('invalid_input', `The input column "${input.name}" has the name of an output of the model; rename it.`, { column: input.name });
  }

  const g = new GraphBuilder();
  const single = inputs.length === 1;
  const dims: Dim[] = single ? ['N', 1] : ['N'];
  const values = new Map<string, string>();
  for (const input of inputs) {
    const raw = g.input(input.name, input.kind === 'string' ? ElemType.STRING : ElemType.DOUBLE, dims);
    values.set(input.name, single ? g.op('Squeeze', [raw, g.int64s([1])]) : raw);
  }
  const features = addPipeline(g, fitted, values);
  const out = addNetwork(g, weights, features);

  if (classes === null) {
    g.op('Squeeze', [out, g.int64s([1])], {}, { output: PREDICTION });
    g.output(PREDICTION, ElemType.FLOAT, ['N']);
  } else {
    const best = g.op('ArgMax', [out], { axis: 1, keepdims: 0 });
    g.op('Gather', [g.strings(classes, [classes.length], 'classes'), best], { axis: 0 }, { output: PREDICTION });
    g.output(PREDICTION, ElemType.STRING, ['N']);
    classes.forEach((label, i) => {
      const name = probabilityOutput(label);
      g.op('Gather', [out, g.int64s([i], [], 'class_index')], { axis: 1 }, { output: name });
      g.output(name, ElemType.FLOAT, ['N']);
    });
  }
  const metadata = {
    [INPUTS_METADATA]: JSON.stringify(inputs),
    'workbench.task': fitted.task,
    'workbench.target': fitted.target,
    ...(classes ? { 'workbench.classes': JSON.stringify(classes) } : {}),
  };
  const docString = `${fitted.task} model for "${fitted.target}": the workbench's pipeline and network as one graph. A missing number is NaN, missing text the empty string.`;
  return { bytes: g.encode({ name: options.name, metadata, docString, ...(options.producerVersion ? { producerVersion: options.producerVersion } : {}) }), inputs };
}
