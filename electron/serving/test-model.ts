import { writeFileSync } from 'node:fs';
import onnxProto, { type onnx as Onnx } from 'onnx-proto';

/**
 * A tiny churn-like classifier as an ONNX graph, for the serving tests and the
 * bench when no exported model is at hand. Its answer has a closed form
 * ({@link expectedChurn}), so tests check predictions without asking
 * onnxruntime. Inputs are 1-D per column, as MLflow's onnx flavour feeds them.
 */
export interface ChurnCoefficients {
  tenure: number;
  monthlyCharges: number;
  contract: number;
  senior: number;
  bias: number;
}

export const CONTRACTS = ['Month-to-month', 'One year', 'Two year'] as const;

export const churnInputs = [
  { name: 'tenure', type: 'double' },
  { name: 'MonthlyCharges', type: 'double' },
  { name: 'Contract', type: 'string' },
  { name: 'SeniorCitizen', type: 'long' },
] as const;

// onnx-proto is CommonJS whose names Node's ESM loader cannot see: take them from the default export.
const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

function node(opType: string, inputs: string[], outputs: string[], attributes: Onnx.IAttributeProto[] = [], domain = ''): Onnx.INodeProto {
  return { opType, input: inputs, output: outputs, attribute: attributes, domain, name: outputs[0] ?? opType };
}

function scalar(name: string, value: number, dataType: Onnx.TensorProto.DataType): Onnx.ITensorProto {
  return dataType === DataType.DOUBLE ? { name, dataType, dims: [], doubleData: [value] } : { name, dataType, dims: [], floatData: [value] };
}

function vector(name: string, elemType: number): Onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType, shape: { dim: [{ dimParam: 'N' }] } } } };
}

/** The ONNX bytes of the model with these coefficients. */
export function churnModelBytes(c: ChurnCoefficients): Uint8Array {
  const nodes: Onnx.INodeProto[] = [
    node('CategoryMapper', ['Contract'], ['contract_code'], [
      { name: 'cats_strings', type: AttributeType.STRINGS, strings: CONTRACTS.map(text) },
      { name: 'cats_int64s', type: AttributeType.INTS, ints: CONTRACTS.map((_, i) => i) },
      { name: 'default_int64', type: AttributeType.INT, i: -1 },
    ], 'ai.onnx.ml'),
    node('Cast', ['contract_code'], ['contract_f'], [{ name: 'to', type: AttributeType.INT, i: DataType.DOUBLE }]),
    node('Cast', ['SeniorCitizen'], ['senior_f'], [{ name: 'to', type: AttributeType.INT, i: DataType.DOUBLE }]),
    node('Mul', ['tenure', 'w_tenure'], ['t1']),
    node('Mul', ['MonthlyCharges', 'w_monthly'], ['t2']),
    node('Mul', ['contract_f', 'w_contract'], ['t3']),
    node('Mul', ['senior_f', 'w_senior'], ['t4']),
    node('Add', ['t1', 't2'], ['s1']),
    node('Add', ['s1', 't3'], ['s2']),
    node('Add', ['s2', 't4'], ['s3']),
    node('Add', ['s3', 'bias'], ['z']),
    node('Cast', ['z'], ['z_f'], [{ name: 'to', type: AttributeType.INT, i: DataType.FLOAT }]),
    node('Sigmoid', ['z_f'], ['probability_Yes']),
    node('Sub', ['one', 'probability_Yes'], ['probability_No']),
    node('Greater', ['probability_Yes', 'half'], ['is_yes']),
    node('Cast', ['is_yes'], ['yes_code'], [{ name: 'to', type: AttributeType.INT, i: DataType.INT64 }]),
    node('CategoryMapper', ['yes_code'], ['prediction'], [
      { name: 'cats_strings', type: AttributeType.STRINGS, strings: [text('No'), text('Yes')] },
      { name: 'cats_int64s', type: AttributeType.INTS, ints: [0, 1] },
      { name: 'default_string', type: AttributeType.STRING, s: text('') },
    ], 'ai.onnx.ml'),
  ];
  const model: Onnx.IModelProto = {
    irVersion: 8,
    producerName: 'workbench-serving-test',
    opsetImport: [{ domain: '', version: 17 }, { domain: 'ai.onnx.ml', version: 3 }],
    graph: {
      name: 'churn',
      node: nodes,
      initializer: [
        scalar('w_tenure', c.tenure, DataType.DOUBLE),
        scalar('w_monthly', c.monthlyCharges, DataType.DOUBLE),
        scalar('w_contract', c.contract, DataType.DOUBLE),
        scalar('w_senior', c.senior, DataType.DOUBLE),
        scalar('bias', c.bias, DataType.DOUBLE),
        scalar('one', 1, DataType.FLOAT),
        scalar('half', 0.5, DataType.FLOAT),
      ],
      input: [vector('tenure', DataType.DOUBLE), vector('MonthlyCharges', DataType.DOUBLE), vector('Contract', DataType.STRING), vector('SeniorCitizen', DataType.INT64)],
      output: [vector('prediction', DataType.STRING), vector('probability_No', DataType.FLOAT), vector('probability_Yes', DataType.FLOAT)],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

export function writeChurnModel(path: string, c: ChurnCoefficients): void {
  writeFileSync(path, churnModelBytes(c));
}

export interface ChurnRow {
  tenure: number | null;
  MonthlyCharges: number | null;
  Contract: string;
  SeniorCitizen: number;
}

/** What the model answers for one row, computed here without onnxruntime (probabilities as float32). */
export function expectedChurn(c: ChurnCoefficients, row: ChurnRow): { prediction: string; probability_No: number; probability_Yes: number } {
  const code = (CONTRACTS as readonly string[]).indexOf(row.Contract);
  const z = (row.tenure ?? Number.NaN) * c.tenure + (row.MonthlyCharges ?? Number.NaN) * c.monthlyCharges + code * c.contract + row.SeniorCitizen * c.senior + c.bias;
  const yes = Math.fround(1 / (1 + Math.exp(-Math.fround(z))));
  return { prediction: yes > 0.5 ? 'Yes' : 'No', probability_No: Math.fround(1 - yes), probability_Yes: yes };
}
