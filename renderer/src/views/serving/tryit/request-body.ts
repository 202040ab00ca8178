import type { SignatureField } from '../../../../../shared/contract';

/**
 * The "try it" form's request: one row typed into a field per input of the
 * model's signature, written as the body each protocol expects.
 */

export type Protocol = 'dataframe_split' | 'dataframe_records' | 'v2_infer';

export const protocols: { id: Protocol; label: string }[] = [
  { id: 'dataframe_split', label: 'MLflow dataframe_split' },
  { id: 'dataframe_records', label: 'MLflow dataframe_records' },
  { id: 'v2_infer', label: 'Open Inference Protocol v2 (infer)' },
];

/** How a field is typed: numbers (whole or not), text, a check box, or a JSON value for tensors. */
export type FieldKind = 'number' | 'integer' | 'text' | 'boolean' | 'json';

export type FormValue = string | boolean;
export type FormValues = Record<string, FormValue>;

export function fieldKind(field: SignatureField): FieldKind {
  switch (field.type) {
    case 'double':
    case 'float':
      return 'number';
    case 'long':
    case 'integer':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'tensor':
      return 'json';
    default:
      // string, datetime, binary: typed as text.
      return 'text';
  }
}

/** Empty and zero values to start from (the model's input example is not available to the renderer). */
export function initialValues(inputs: readonly SignatureField[]): FormValues {
  const values: FormValues = {};
  for (const field of inputs) {
    const kind = fieldKind(field);
    values[field.name] = kind === 'boolean' ? false : kind === 'number' || kind === 'integer' ? '0' : kind === 'json' ? '[]' : '';
  }
  return values;
}

export interface FieldProblem {
  column: string;
  message: string;
}

type Cell = number | string | boolean | unknown[] | null;

/** The typed value of each column, leaving out empty optional ones, or what is wrong with each field. */
export function readRow(inputs: readonly SignatureField[], values: FormValues): { row: Map<string, Cell>; problems: FieldProblem[] } {
  const row = new Map<string, Cell>();
  const problems: FieldProblem[] = [];
  for (const field of inputs) {
    const kind = fieldKind(field);
    const raw = values[field.name] ?? (kind === 'boolean' ? false : '');
    if (kind === 'boolean') {
      row.set(field.name, raw === true);
      continue;
    }
    const text = String(raw).trim();
    if (text === '' && kind !== 'text') {
      if (!field.optional) problems.push({ column: field.name, message: 'needs a value' });
      continue;
    }
    if (kind === 'text') {
      if (text === '' && field.optional) continue;
      row.set(field.name, String(raw));
    } else if (kind === 'json') {
      try {
        row.set(field.name, JSON.parse(text) as Cell);
      } catch {
        problems.push({ column: field.name, message: 'is not valid JSON' });
      }
    } else {
      const number = Number(text);
      if (!Number.isFinite(number)) problems.push({ column: field.name, message: 'is not a number' });
      else if (kind === 'integer' && !Number.isInteger(number)) problems.push({ column: field.name, message: 'must be a whole number' });
      else row.set(field.name, number);
    }
  }
  return { row, problems };
}

const columnDatatypes: Record<string, string> = { double: 'FP64', float: 'FP32', long: 'INT64', integer: 'INT32', boolean: 'BOOL' };
const tensorDatatypes: Record<string, string> = { float64: 'FP64', float32: 'FP32', float16: 'FP16', int64: 'INT64', int32: 'INT32', int16: 'INT16', int8: 'INT8', uint8: 'UINT8', bool: 'BOOL' };

/** The Open Inference Protocol's datatype for a signature field: strings and dates go as BYTES. */
export function v2Datatype(field: SignatureField): string {
  if (field.type === 'tensor') return tensorDatatypes[field.dtype ?? ''] ?? 'BYTES';
  return columnDatatypes[field.type] ?? 'BYTES';
}

/** The shape of a nested array value (`[[1, 2], [3, 4]]` → [2, 2]); a scalar is one row: [1]. */
function shapeOf(value: Cell): number[] {
  if (!Array.isArray(value)) return [1];
  const shape: number[] = [];
  let level: unknown = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  return shape;
}

const flatten = (value: Cell): unknown[] => (Array.isArray(value) ? value.flat(Infinity) : [value]);

export interface BuiltRequest {
  path: string;
  /** Exactly the bytes sent. */
  body: string;
}

/**
 * The request for one row: `/invocations` with a dataframe for MLflow's
 * protocol (only the server's first model answers there), or
 * `/v2/models/{name}/infer` with one 1-D input per column.
 */
export function buildRequest(protocol: Protocol, inputs: readonly SignatureField[], values: FormValues, routeName: string): { request: BuiltRequest | null; problems: FieldProblem[] } {
  const { row, problems } = readRow(inputs, values);
  if (problems.length > 0) return { request: null, problems };
  const columns = inputs.map((f) => f.name).filter((name) => row.has(name));
  let payload: unknown;
  if (protocol === 'dataframe_split') payload = { dataframe_split: { columns, data: [columns.map((name) => row.get(name))] } };
  else if (protocol === 'dataframe_records') payload = { dataframe_records: [Object.fromEntries(columns.map((name) => [name, row.get(name)]))] };
  else {
    const byName = new Map(inputs.map((f) => [f.name, f]));
    payload = {
      inputs: columns.map((name) => {
        const value = row.get(name) ?? null;
        const field = byName.get(name);
        return { name, shape: shapeOf(value), datatype: field ? v2Datatype(field) : 'BYTES', data: flatten(value) };
      }),
    };
  }
  const path = protocol === 'v2_infer' ? `/v2/models/${encodeURIComponent(routeName)}/infer` : '/invocations';
  return { request: { path, body: formatJson(payload) }, problems: [] };
}

const isPrimitive = (value: unknown): boolean => value === null || typeof value !== 'object';

/**
 * JSON indented by object, with arrays of plain values kept on one line
 * (`"data": [[12, 70.35, "Month-to-month"]]` reads as the row it is).
 */
export function formatJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.every(isPrimitive)) return `[${value.map((item) => JSON.stringify(item) ?? 'null').join(', ')}]`;
    // A list of rows of plain values: one row a line.
    const inner = `${indent}  `;
    return `[\n${value.map((item) => `${inner}${formatJson(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${formatJson(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** An answer's body for reading: indented when it is JSON, else as it came. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body) as unknown, null, 2);
  } catch {
    return body;
  }
}
