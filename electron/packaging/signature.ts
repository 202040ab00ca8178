import { WorkbenchError, type ModelSignature, type SignatureField } from '../../shared/contract';
import type { GraphInfo, GraphValue } from './graph-info';
import { ElemType } from './onnx-builder';

/** MLflow's column types for the ONNX element types that have one. */
const columnTypes = new Map<ElemType, string>([
  [ElemType.DOUBLE, 'double'],
  [ElemType.FLOAT, 'float'],
  [ElemType.INT64, 'long'],
  [ElemType.INT32, 'integer'],
  [ElemType.BOOL, 'boolean'],
  [ElemType.STRING, 'string'],
]);

/** numpy's dtype names, as MLflow's tensor specs write them. */
const numpyTypes = new Map<ElemType, string>([
  [ElemType.FLOAT, 'float32'],
  [ElemType.DOUBLE, 'float64'],
  [ElemType.FLOAT16, 'float16'],
  [ElemType.INT64, 'int64'],
  [ElemType.INT32, 'int32'],
  [ElemType.INT16, 'int16'],
  [ElemType.INT8, 'int8'],
  [ElemType.UINT8, 'uint8'],
  [ElemType.UINT16, 'uint16'],
  [ElemType.UINT32, 'uint32'],
  [ElemType.UINT64, 'uint64'],
  [ElemType.BOOL, 'bool'],
  [ElemType.STRING, 'object'],
]);

/** A value one column of a table fills: [N], or [N, 1]. */
export function isColumnShaped(value: GraphValue): boolean {
  const dims = value.dims;
  return dims !== null && (dims.length === 1 || (dims.length === 2 && dims[1] === 1));
}

function fieldsOf(values: GraphValue[]): SignatureField[] {
  const tensors = values.filter((value) => value.elemType !== null);
  const asColumns = tensors.every((value) => isColumnShaped(value) && value.elemType !== null && columnTypes.has(value.elemType));
  return tensors.map((value): SignatureField => {
    const elemType = value.elemType ?? ElemType.UNDEFINED;
    if (asColumns) return { name: value.name, type: columnTypes.get(elemType) ?? 'double' };
    return { name: value.name, type: 'tensor', dtype: numpyTypes.get(elemType) ?? 'float32', shape: (value.dims ?? [null]).map((dim) => dim ?? -1) };
  });
}

/** The signature a graph declares: one column per [N] or [N, 1] input, else tensors. */
export function signatureFromGraph(info: GraphInfo): ModelSignature {
  return { inputs: fieldsOf(info.inputs), outputs: fieldsOf(info.outputs) };
}

/** JSON the way Python's json.dumps writes it (", " and ": "), as MLflow's own MLmodel files read. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${pythonJson(item)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** A schema in MLflow's JSON (`[{"type": "double", "name": "tenure", "required": true}]`, or tensor specs). */
export function toMlflowSchema(fields: SignatureField[]): string {
  return pythonJson(
    fields.map((field) =>
      field.type === 'tensor'
        ? { type: 'tensor', 'tensor-spec': { dtype: field.dtype ?? 'float32', shape: field.shape ?? [-1] }, name: field.name }
        : { type: field.type, name: field.name, required: field.optional !== true },
    ),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads MLflow's schema JSON (a string in the MLmodel file); `model_invalid` naming the file if it is not one. */
export function fromMlflowSchema(text: unknown, file: string, what: string): SignatureField[] {
  const invalid = (message: string): WorkbenchError => new WorkbenchError('model_invalid', `${file}: signature.${what} ${message}`, { file, field: `signature.${what}` });
  if (typeof text !== 'string') throw invalid('is not a JSON string.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('is not valid JSON.');
  }
  if (!Array.isArray(parsed)) throw invalid('is not a list.');
  return parsed.map((entry, i): SignatureField => {
    if (!isRecord(entry)) throw invalid(`[${i}] is not an object.`);
    const name = typeof entry.name === 'string' ? entry.name : String(i);
    if (entry.type === 'tensor') {
      const spec = entry['tensor-spec'];
      if (!isRecord(spec) || typeof spec.dtype !== 'string' || !Array.isArray(spec.shape)) throw invalid(`[${i}] is a tensor without a tensor-spec.`);
      return { name, type: 'tensor', dtype: spec.dtype, shape: spec.shape.map((dim) => (typeof dim === 'number' && Number.isInteger(dim) ? dim : -1)) };
    }
    // MLflow 2.10+ writes `required`; older files `optional`. Array and object column types are nested objects.
    const type = typeof entry.type === 'string' ? entry.type : isRecord(entry.type) && typeof entry.type.type === 'string' ? entry.type.type : null;
    if (type === null) throw invalid(`[${i}] has no type.`);
    const optional = entry.required === false || entry.optional === true;
    return optional ? { name, type, optional } : { name, type };
  });
}

export function parseSignature(value: unknown, file: string): ModelSignature | null {
  if (!isRecord(value) || value.inputs === undefined || value.inputs === null) return null;
  return {
    inputs: fromMlflowSchema(value.inputs, file, 'inputs'),
    outputs: value.outputs === undefined || value.outputs === null ? [] : fromMlflowSchema(value.outputs, file, 'outputs'),
  };
}
