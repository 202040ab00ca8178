import { WorkbenchError } from '../../../shared/contract';
import { frameColumn, type Frame, type FrameColumn } from './frame';
import type { FittedPipeline } from './fitted';
import { compareStrings } from './stats';
import { numberAsCategory } from './steps';

/**
 * The class labels: the distinct non-null target values as text, sorted
 * (numbers numerically, text as Python sorts it), like LabelEncoder. They come
 * from every row, not only the training ones: a label set is not a fitted
 * statistic, and a class that falls only into the test split still needs an index.
 */
export function targetClasses(column: FrameColumn): string[] {
  if (column.kind === 'string') {
    return [...new Set(column.values.filter((v): v is string => v !== null))].sort(compareStrings);
  }
  const numbers = [...new Set(Array.from(column.values).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  return numbers.map((v) => String(v));
}

function targetColumn(fitted: FittedPipeline, frame: Frame): FrameColumn {
  const column = frameColumn(frame, fitted.target);
  if (!column) throw new WorkbenchError('training_bad_data', `The target column "${fitted.target}" is not in the dataset.`, { column: fitted.target });
  return column;
}

function badTarget(fitted: FittedPipeline, row: number, what: string): WorkbenchError {
  return new WorkbenchError('training_bad_data', `The target "${fitted.target}" ${what} at row ${row + 1}.`, { column: fitted.target, row: row + 1 });
}

/** Class index per row for classification (binary: 1 is classes[1]); the value itself for regression. */
export function encodeTarget(fitted: FittedPipeline, frame: Frame, rows: Int32Array): Float32Array {
  const column = targetColumn(fitted, frame);
  const y = new Float32Array(rows.length);
  if (fitted.classes === null) {
    if (column.kind !== 'number') throw new WorkbenchError('training_bad_data', `The regression target "${fitted.target}" is not numeric.`, { column: fitted.target });
    rows.forEach((row, i) => {
      const value = column.values[row] ?? NaN;
      if (!Number.isFinite(value)) throw badTarget(fitted, row, Number.isNaN(value) ? 'is missing' : 'is infinite');
      y[i] = value;
    });
    return y;
  }
  const index = new Map(fitted.classes.map((label, i) => [label, i]));
  rows.forEach((row, i) => {
    const label = column.kind === 'string' ? (column.values[row] ?? null) : numberAsCategory(column.values[row] ?? NaN);
    const encoded = label === null ? undefined : index.get(label);
    if (encoded === undefined) throw badTarget(fitted, row, label === null ? 'is missing' : `has "${label}", which is not one of its classes`);
    y[i] = encoded;
  });
  return y;
}
