import type { ModelSignature, SignatureField } from '../../shared/contract';
import { parseJson } from './body';
import { badRequest } from './http-error';
import type { ScoreResult } from './types';
import { newColumns, requireColumns, setJson, toInput, type Column, type FieldPlan, type InputPlan, type Kind, type Parsed } from './validate';

/**
 * The Open Inference Protocol v2 (KServe, Triton, MLServer): model metadata
 * and `infer`, with tensors named as the model's columns.
 */

const DATATYPES: Readonly<Record<string, string>> = {
  double: 'FP64', float64: 'FP64', float: 'FP32', float32: 'FP32', float16: 'FP16',
  long: 'INT64', int64: 'INT64', integer: 'INT32', int32: 'INT32', int16: 'INT16', int8: 'INT8', uint8: 'UINT8',
  string: 'BYTES', str: 'BYTES', object: 'BYTES', binary: 'BYTES', bytes: 'BYTES', datetime: 'BYTES',
  boolean: 'BOOL', bool: 'BOOL',
};

export function datatypeOf(field: SignatureField): string {
  return DATATYPES[(field.type === 'tensor' ? field.dtype ?? '' : field.type).toLowerCase()] ?? 'FP64';
}

const tensorMetadata = (field: SignatureField): { name: string; datatype: string; shape: number[] } => ({
  name: field.name,
  datatype: datatypeOf(field),
  shape: field.type === 'tensor' && field.shape ? field.shape : [-1],
});

export function modelMetadata(name: string, version: number, signature: ModelSignature): unknown {
  return { name, versions: [String(version)], platform: 'onnxruntime_onnx', inputs: signature.inputs.map(tensorMetadata), outputs: signature.outputs.map(tensorMetadata) };
}

const NUMERIC = /^(FP(16|32|64)|U?INT(8|16|32|64))$/;
const INTEGER = /^U?INT(8|16|32|64)$/;
const accepts = (kind: Kind, datatype: string): boolean =>
  kind === 'double' ? NUMERIC.test(datatype) : kind === 'long' ? INTEGER.test(datatype) : kind === 'string' ? datatype === 'BYTES' : datatype === 'BOOL';
const wanted: Readonly<Record<Kind, string>> = { double: 'FP64 (or another number type)', long: 'INT64', string: 'BYTES', boolean: 'BOOL' };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface InferRequest extends Parsed {
  id: string | undefined;
  /** Outputs the client asked for by name; all when absent. */
  outputs: string[] | null;
}

export function parseInfer(text: string, plan: InputPlan): InferRequest {
  const body = parseJson(text);
  if (!isObject(body) || !Array.isArray(body.inputs)) throw badRequest('The infer request must be an object with "inputs": a list of {name, shape, datatype, data}.');
  if (body.id !== undefined && typeof body.id !== 'string') throw badRequest('"id" must be a string.');
  const tensors = new Map<FieldPlan, unknown[]>();
  const ignored: string[] = [];
  let rows = -1;
  for (const [i, tensor] of body.inputs.entries()) {
    if (!isObject(tensor) || typeof tensor.name !== 'string') throw badRequest(`inputs[${i}] needs a "name".`);
    const field = plan.byName.get(tensor.name);
    if (!field) {
      ignored.push(tensor.name);
      continue;
    }
    if (tensors.has(field)) throw badRequest(`Input "${field.name}" is sent twice.`);
    const { shape, datatype, data } = tensor;
    if (typeof datatype !== 'string' || !accepts(field.kind, datatype)) {
      throw badRequest(`Input "${field.name}" has datatype ${typeof datatype === 'string' ? datatype : '(none)'}; the signature says ${field.type}: send ${wanted[field.kind]}.`);
    }
    if (!Array.isArray(shape) || shape.length < 1 || shape.length > 2 || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0) || (shape.length === 2 && shape[1] !== 1)) {
      throw badRequest(`Input "${field.name}" needs "shape" [N] or [N, 1]; got ${JSON.stringify(shape)}.`);
    }
    if (!Array.isArray(data)) throw badRequest(`Input "${field.name}" needs "data": a list of values.`);
    const flat = data.length > 0 && Array.isArray(data[0]) ? (data.flat(Infinity) as unknown[]) : data;
    const n = shape[0] as number;
    if (flat.length !== n) throw badRequest(`Input "${field.name}" has ${flat.length} values where its shape ${JSON.stringify(shape)} says ${n}.`);
    if (rows >= 0 && n !== rows) throw badRequest(`Input "${field.name}" has ${n} rows where the others have ${rows}.`);
    rows = n;
    tensors.set(field, flat);
  }
  requireColumns(plan, (name) => tensors.has(plan.byName.get(name) as FieldPlan));
  rows = Math.max(rows, 0);
  const columns = newColumns(plan, rows);
  for (const [field, values] of tensors) {
    const column = columns[field.index] as Column;
    for (let r = 0; r < rows; r++) setJson(field, column, r, values[r]);
  }
  let outputs: string[] | null = null;
  if (body.outputs !== undefined) {
    if (!Array.isArray(body.outputs) || !body.outputs.every((o) => isObject(o) && typeof o.name === 'string')) throw badRequest('"outputs" must be a list of {name}.');
    outputs = body.outputs.map((o) => (o as { name: string }).name);
  }
  return { input: toInput(plan, rows, columns, (field) => tensors.has(field)), ignored, id: body.id, outputs };
}

export function formatInfer(name: string, version: number, request: InferRequest, result: ScoreResult, signature: ModelSignature): string {
  let outputs = result.outputs;
  if (request.outputs) {
    const known = new Set(outputs.map((output) => output.name));
    const unknown = request.outputs.filter((o) => !known.has(o));
    if (unknown.length > 0) throw badRequest(`Unknown output ${unknown.map((o) => `"${o}"`).join(', ')}; the model has ${[...known].join(', ')}.`);
    const asked = new Set(request.outputs);
    outputs = outputs.filter((output) => asked.has(output.name));
  }
  const fields = new Map(signature.outputs.map((field) => [field.name, field]));
  return JSON.stringify({
    model_name: name,
    model_version: String(version),
    ...(request.id === undefined ? {} : { id: request.id }),
    outputs: outputs.map((output) => {
      const field = fields.get(output.name);
      const datatype = field ? datatypeOf(field) : typeof output.values[0] === 'string' ? 'BYTES' : 'FP64';
      return { name: output.name, shape: output.dims, datatype, data: output.values };
    }),
  });
}
