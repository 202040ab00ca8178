import type { TaskKind } from '../../../shared/contract';

/**
 * A pipeline fitted on the training rows: plain JSON, stored with the model,
 * so that a prediction applies exactly what training applied.
 */
export type FittedStep =
  | { op: 'impute'; fill: number | string }
  | { op: 'standardize'; mean: number; scale: number }
  | { op: 'minmax'; min: number; range: number }
  /**
   * `categories` each get a column, in this order; `infrequent` were seen in
   * training but share the `=__other__` column (present when any exist). A
   * value in neither is unknown: all zeros.
   */
  | { op: 'onehot'; categories: string[]; infrequent: string[] }
  /** Bin edges, one more than the bins; a value's bin is the number of inner edges at or below it. */
  | { op: 'bucketize'; edges: number[] };

export interface FittedColumn {
  column: string;
  role: 'numeric' | 'categorical';
  /** What the dataset holds, and so what a record must give at prediction time. */
  source: 'number' | 'date' | 'string';
  steps: FittedStep[];
  /** The feature names this column becomes, in output order. */
  outputs: string[];
}

export interface FittedPipeline {
  format: 1;
  target: string;
  task: TaskKind;
  /** Classification: the class labels, index = encoded target; null for regression. */
  classes: string[] | null;
  /** The columns a prediction needs, in order. */
  inputColumns: string[];
  columns: FittedColumn[];
  /** Features per row. */
  width: number;
}

export const OTHER = '__other__';
