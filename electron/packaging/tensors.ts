import * as ort from 'onnxruntime-node';
import { WorkbenchError } from '../../shared/contract';
import { ElemType, MISSING_TEXT } from './onnx-builder';

/** A table by columns, as scorers take it. */
export interface ColumnarInput {
  rows: number;
  columns: Record<string, ArrayLike<number | null> | ArrayLike<string | null> | ArrayLike<boolean | null>>;
}

/** How one column's values are read into a tensor. */
export interface ColumnRule {
  column: string;
  elemType: ElemType;
  /** Whether null (or NaN, or empty text) may stand for a missing value. */
  nullable: boolean;
  /** Epoch milliseconds: ISO text is read as a date too. */
  date: boolean;
}

type Cell = number | string | boolean | null | undefined;

export function invalidCell(column: string, row: number, message: string): WorkbenchError {
  return new WorkbenchError('invalid_input', `Column "${column}", row ${row}: ${message}`, { column, row });
}

function missingCell(column: string, row: number, value: Cell): WorkbenchError {
  const what = value === '' ? 'empty' : String(value);
  return invalidCell(column, row, `the value is missing (${what}), and the model takes no missing value in this column.`);
}

function shown(value: Cell): string {
  return typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value);
}

function isMissing(value: Cell): boolean {
  return value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
}

function finite(rule: ColumnRule, value: number, row: number): number {
  if (!Number.isFinite(value)) throw invalidCell(rule.column, row, `${value} is not a finite number.`);
  return value;
}

function readNumber(rule: ColumnRule, value: Cell, row: number): number {
  if (isMissing(value) || (typeof value === 'string' && value.trim() === '')) {
    if (!rule.nullable) throw missingCell(rule.column, row, value);
    return Number.NaN;
  }
  if (typeof value === 'number') return finite(rule, value, row);
  if (typeof value === 'boolean') return value ? 1 : 0;
  const text = (value as string).trim();
  const number = Number(text);
  if (!Number.isNaN(number)) return finite(rule, number, row);
  if (rule.date) {
    const time = Date.parse(text);
    if (!Number.isNaN(time)) return time;
    throw invalidCell(rule.column, row, `${shown(value)} is neither a date nor a number.`);
  }
  throw invalidCell(rule.column, row, `${shown(value)} is not a number.`);
}

function readInteger(rule: ColumnRule, value: Cell, row: number): number {
  const number = readNumber({ ...rule, nullable: false }, value, row);
  if (!Number.isSafeInteger(number)) throw invalidCell(rule.column, row, `${shown(value)} is not an integer.`);
  return number;
}

function readBoolean(rule: ColumnRule, value: Cell, row: number): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true' || text === '1') return true;
    if (text === 'false' || text === '0') return false;
  }
  throw invalidCell(rule.column, row, `${isMissing(value) ? String(value) : shown(value)} is not a boolean.`);
}

function readText(rule: ColumnRule, value: Cell, row: number): string {
  if (typeof value === 'string') return value;
  if (isMissing(value)) {
    if (!rule.nullable) throw missingCell(rule.column, row, value);
    return MISSING_TEXT;
  }
  return String(value);
}

/** The common case (a batch of numbers), without a conversion per value. */
function floatColumn(rule: ColumnRule, values: Float64Array | Float32Array): Float64Array | Float32Array {
  for (let row = 0; row < values.length; row++) {
    const value = values[row] ?? 0;
    if (Number.isFinite(value)) continue;
    if (!Number.isNaN(value)) throw invalidCell(rule.column, row, `${value} is not a finite number.`);
    if (!rule.nullable) throw missingCell(rule.column, row, value);
  }
  return rule.elemType === ElemType.DOUBLE ? Float64Array.from(values) : Float32Array.from(values);
}

export type TensorData = Float64Array | Float32Array | BigInt64Array | Int32Array | Uint8Array | string[];

/** The values of `rule`'s column for `rows` rows, as the element type wants; the column's length is checked. */
export function columnData(rule: ColumnRule, values: ArrayLike<Cell>, rows: number): TensorData {
  if (values.length !== rows) throw new WorkbenchError('invalid_input', `Column "${rule.column}" has ${values.length} values for ${rows} rows.`, { column: rule.column });
  const floats = rule.elemType === ElemType.DOUBLE || rule.elemType === ElemType.FLOAT;
  if (floats && (values instanceof Float64Array || values instanceof Float32Array)) return floatColumn(rule, values);
  const cell = (row: number): Cell => values[row];
  switch (rule.elemType) {
    case ElemType.DOUBLE:
      return Float64Array.from({ length: rows }, (_, row) => readNumber(rule, cell(row), row));
    case ElemType.FLOAT:
      return Float32Array.from({ length: rows }, (_, row) => readNumber(rule, cell(row), row));
    case ElemType.INT64:
      return BigInt64Array.from({ length: rows }, (_, row) => BigInt(readInteger(rule, cell(row), row)));
    case ElemType.INT32:
      return Int32Array.from({ length: rows }, (_, row) => readInteger(rule, cell(row), row));
    case ElemType.BOOL:
      return Uint8Array.from({ length: rows }, (_, row) => (readBoolean(rule, cell(row), row) ? 1 : 0));
    case ElemType.STRING:
      return Array.from({ length: rows }, (_, row) => readText(rule, cell(row), row));
    default:
      throw new WorkbenchError('invalid_input', `Column "${rule.column}": the model takes ONNX element type ${rule.elemType}, which the scorer cannot fill from a table.`, { column: rule.column });
  }
}

const ortTypes = new Map<ElemType, ort.Tensor.Type>([
  [ElemType.DOUBLE, 'float64'],
  [ElemType.FLOAT, 'float32'],
  [ElemType.INT64, 'int64'],
  [ElemType.INT32, 'int32'],
  [ElemType.BOOL, 'bool'],
  [ElemType.STRING, 'string'],
]);

export function tensorOf(elemType: ElemType, data: TensorData, dims: number[]): ort.Tensor {
  const type = ortTypes.get(elemType);
  if (!type) throw new WorkbenchError('invalid_input', `The scorer cannot build a tensor of ONNX element type ${elemType}.`);
  return new ort.Tensor(type, data, dims);
}

function emptyLike(sample: TensorData, length: number): TensorData {
  if (Array.isArray(sample)) return new Array<string>(length).fill('');
  if (sample instanceof Float64Array) return new Float64Array(length);
  if (sample instanceof Float32Array) return new Float32Array(length);
  if (sample instanceof BigInt64Array) return new BigInt64Array(length);
  if (sample instanceof Int32Array) return new Int32Array(length);
  return new Uint8Array(length);
}

/** Row-major [rows, columns.length] from several columns of one element type. */
export function matrixData(rules: ColumnRule[], input: ColumnarInput): TensorData {
  const columns = rules.map((rule) => {
    const values = input.columns[rule.column];
    if (!values) throw new WorkbenchError('invalid_input', `Column "${rule.column}" is missing.`, { column: rule.column });
    return columnData(rule, values, input.rows);
  });
  const first = columns[0];
  if (!first) throw new WorkbenchError('invalid_input', 'The model takes no columns.');
  const width = columns.length;
  const out = emptyLike(first, input.rows * width);
  const target = out as { [index: number]: unknown };
  columns.forEach((column, c) => {
    const source = column as { readonly [index: number]: unknown };
    for (let row = 0; row < input.rows; row++) target[row * width + c] = source[row];
  });
  return out;
}
