import { WorkbenchError } from '../../../shared/contract';
import { frameColumn, type Frame, type FrameColumn } from './frame';
import type { FittedColumn, FittedPipeline } from './fitted';
import { applyStep, columnValues, writeOutputs } from './steps';

export interface Features {
  /** Row-major: row r's features are x[r * width .. r * width + width - 1]. */
  x: Float32Array;
  rows: number;
  width: number;
}

export function featureNames(fitted: FittedPipeline): string[] {
  return fitted.columns.flatMap((column) => column.outputs);
}

/** Applies the fitted steps to `rows`; `sources[i]` holds the values of fitted column i. */
function transformColumns(fitted: FittedPipeline, sources: FrameColumn[], rows: Int32Array): Features {
  const { width } = fitted;
  const x = new Float32Array(rows.length * width);
  let offset = 0;
  for (const [index, fittedColumn] of fitted.columns.entries()) {
    const column = sources[index];
    if (!column) throw new Error(`no values for fitted column ${index}`);
    const working = columnValues(column, fittedColumn.role, rows);
    for (const step of fittedColumn.steps) applyStep(step, working);
    writeOutputs(fittedColumn, working, x, width, offset);
    offset += fittedColumn.outputs.length;
  }
  return { x, rows: rows.length, width };
}

/** Applies the fitted steps to `rows` of the frame. */
export function transformFrame(fitted: FittedPipeline, frame: Frame, rows: Int32Array): Features {
  const sources = fitted.columns.map(({ column: name }) => {
    const column = frameColumn(frame, name);
    if (!column) throw new WorkbenchError('training_bad_data', `The column "${name}" is not in the dataset.`, { column: name });
    return column;
  });
  return transformColumns(fitted, sources, rows);
}

function invalid(index: number, field: string, message: string): WorkbenchError {
  return new WorkbenchError('invalid_input', `records[${index}].${field}: ${message}`, { field, record: index });
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  return value === null ? 'null' : typeof value;
}

/** A record's number, or NaN for null where the column imputes; anything else is an `invalid_input`. */
function recordNumber(column: FittedColumn, value: unknown, index: number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(index, column.column, `${value} is not a finite number.`);
    return value;
  }
  if (column.source === 'date' && typeof value === 'string') {
    const time = Date.parse(value);
    if (Number.isNaN(time)) throw invalid(index, column.column, `"${value}" is not a date.`);
    return time;
  }
  throw invalid(index, column.column, `expected ${column.source === 'date' ? 'a date (ISO text or epoch milliseconds)' : 'a number'}, got ${describe(value)}.`);
}

function recordCategory(column: FittedColumn, value: unknown, index: number): string {
  if (typeof value === 'string') return column.source === 'date' && !Number.isNaN(Date.parse(value)) ? String(Date.parse(value)) : value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw invalid(index, column.column, `expected text, a number or a boolean, got ${describe(value)}.`);
}

function recordColumn(column: FittedColumn, records: Record<string, unknown>[]): FrameColumn {
  const imputes = column.steps.some((step) => step.op === 'impute');
  const read = <T>(index: number, record: Record<string, unknown>, convert: (value: unknown) => T, missing: T): T => {
    if (!Object.hasOwn(record, column.column) || record[column.column] === undefined) throw invalid(index, column.column, 'the field is missing.');
    const value = record[column.column];
    if (value !== null && !(typeof value === 'number' && Number.isNaN(value))) return convert(value);
    if (!imputes) throw invalid(index, column.column, 'is null, and the model has no impute step for it.');
    return missing;
  };
  if (column.role === 'categorical' || column.source === 'string') {
    return { name: column.column, kind: 'string', values: records.map((record, i) => read(i, record, (v) => recordCategory(column, v, i), null)) };
  }
  const values = Float64Array.from(records, (record, i) => read(i, record, (v) => recordNumber(column, v, i), NaN));
  return { name: column.column, kind: 'number', values };
}

/**
 * Features for prediction requests. A category never seen in training gives
 * all zeros; a missing or ill-typed field is an `invalid_input` naming it and
 * the record's index.
 */
export function transformRecords(fitted: FittedPipeline, records: Record<string, unknown>[]): Features {
  records.forEach((record, i) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new WorkbenchError('invalid_input', `records[${i}]: expected an object of column values.`, { record: i });
    }
  });
  // One converted column per fitted column: a column used twice (say scaled and bucketized) may be read two ways.
  const sources = fitted.columns.map((column) => recordColumn(column, records));
  return transformColumns(fitted, sources, Int32Array.from({ length: records.length }, (_, i) => i));
}
