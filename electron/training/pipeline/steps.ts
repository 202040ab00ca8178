import type { FrameColumn } from './frame';
import type { FittedColumn, FittedStep } from './fitted';
import { searchRight } from './stats';

/** One column's values for some rows, as its steps see them. */
export type Working = { kind: 'number'; values: Float64Array } | { kind: 'string'; values: (string | null)[] };

/** A number as a category: NaN is missing; other numbers by their shortest round-trip text ("1", "0.5"). */
export function numberAsCategory(value: number): string | null {
  return Number.isNaN(value) ? null : String(value);
}

export function columnValues(column: FrameColumn, role: 'numeric' | 'categorical', rows: Int32Array): Working {
  if (column.kind === 'string') {
    return { kind: 'string', values: Array.from(rows, (row) => column.values[row] ?? null) };
  }
  if (role === 'categorical') {
    return { kind: 'string', values: Array.from(rows, (row) => numberAsCategory(column.values[row] ?? NaN)) };
  }
  const values = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) values[i] = column.values[rows[i] ?? 0] ?? NaN;
  return { kind: 'number', values };
}

/** The steps that change values in place (impute, standardize, minmax); the others encode. */
export function applyStep(step: FittedStep, working: Working): void {
  if (working.kind === 'string') {
    if (step.op !== 'impute') return;
    const fill = String(step.fill);
    const { values } = working;
    for (let i = 0; i < values.length; i++) if (values[i] === null) values[i] = fill;
    return;
  }
  const { values } = working;
  switch (step.op) {
    case 'impute': {
      const fill = Number(step.fill);
      for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) values[i] = fill;
      return;
    }
    case 'standardize':
      for (let i = 0; i < values.length; i++) values[i] = ((values[i] ?? NaN) - step.mean) / step.scale;
      return;
    case 'minmax':
      for (let i = 0; i < values.length; i++) values[i] = ((values[i] ?? NaN) - step.min) / step.range;
      return;
    default:
      return;
  }
}

/** The category key of every value: text as is, numbers as {@link numberAsCategory}. */
function categoryKeys(working: Working): (string | null)[] {
  return working.kind === 'string' ? working.values : Array.from(working.values, numberAsCategory);
}

/**
 * Writes the column's outputs for each row into the row-major `x`, from
 * column `offset`: one-hot of categories or bins, or the value itself.
 */
export function writeOutputs(fitted: FittedColumn, working: Working, x: Float32Array, width: number, offset: number): void {
  const last = fitted.steps.at(-1);
  const rows = working.values.length;
  if (last?.op === 'onehot') {
    const index = new Map<string, number>(last.categories.map((category, i) => [category, i]));
    const other = last.categories.length;
    for (const category of last.infrequent) index.set(category, other);
    const keys = categoryKeys(working);
    for (let r = 0; r < rows; r++) {
      const key = keys[r];
      const column = key === null || key === undefined ? undefined : index.get(key);
      if (column !== undefined) x[r * width + offset + column] = 1;
    }
    return;
  }
  if (working.kind === 'string') return;
  const { values } = working;
  if (last?.op === 'bucketize') {
    const inner = last.edges.slice(1, -1);
    for (let r = 0; r < rows; r++) {
      const value = values[r] ?? NaN;
      if (!Number.isNaN(value)) x[r * width + offset + searchRight(inner, value)] = 1;
    }
    return;
  }
  for (let r = 0; r < rows; r++) x[r * width + offset] = values[r] ?? NaN;
}
