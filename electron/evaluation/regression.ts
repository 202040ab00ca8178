import { WorkbenchError } from '../../shared/contract';

export function checkRegression(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  if (yTrue.length === 0) throw new WorkbenchError('training_bad_data', 'There are no rows to evaluate.', { rows: 0 });
  if (yPred.length !== yTrue.length) {
    throw new WorkbenchError('invalid_input', `The model gave ${yPred.length} predictions for ${yTrue.length} rows.`, { field: 'predictions' });
  }
  for (let i = 0; i < yTrue.length; i++) {
    if (!Number.isFinite(yTrue[i] ?? NaN)) throw new WorkbenchError('training_bad_data', `The target of row ${i} is not a finite number.`, { row: i });
    if (!Number.isFinite(yPred[i] ?? NaN)) throw new WorkbenchError('training_diverged', `The model's prediction for row ${i} is not a number.`, { row: i });
  }
}

/**
 * rmse (the square root of `mean_squared_error`), mae (`mean_absolute_error`)
 * and r2 (`r2_score`). Like scikit-learn's `force_finite`, r2 is 1 for a
 * constant target predicted exactly and 0 for one predicted otherwise; with a
 * single row it is undefined, and left out.
 */
export function regressionMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Record<string, number> {
  checkRegression(yTrue, yPred);
  const n = yTrue.length;
  let squared = 0;
  let absolute = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const actual = yTrue[i] ?? 0;
    const error = actual - (yPred[i] ?? 0);
    squared += error * error;
    absolute += Math.abs(error);
    sum += actual;
  }
  const metrics: Record<string, number> = { rmse: Math.sqrt(squared / n), mae: absolute / n };
  if (n < 2) return metrics;
  const average = sum / n;
  let spread = 0;
  for (let i = 0; i < n; i++) spread += ((yTrue[i] ?? 0) - average) ** 2;
  metrics.r2 = spread === 0 ? (squared === 0 ? 1 : 0) : 1 - squared / spread;
  return metrics;
}
