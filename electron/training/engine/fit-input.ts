import { WorkbenchError, type TrainSettings } from '../../../shared/contract';
import { metricDirection } from './early-stopping';
import type { FitInput, TrainData } from './types';

/**
 * Checks a fit's input on the caller's side, before anything reaches the
 * worker, so a mistake comes back as a clear error naming the field or row.
 */
export function checkFitInput(input: FitInput): void {
  const { task, classes, train, validation, settings } = input;
  if (task === 'regression' ? classes !== 0 : task === 'binary' ? classes !== 2 : !Number.isInteger(classes) || classes < 3) {
    const expected = task === 'regression' ? '0' : task === 'binary' ? '2' : 'at least 3';
    throw new WorkbenchError('invalid_input', `A ${task} model takes ${expected} classes, not ${classes}.`, { field: 'classes' });
  }
  checkData('train', train, input);
  if (validation) {
    checkData('validation', validation, input);
    if (validation.width !== train.width) {
      throw new WorkbenchError('training_bad_data', `The validation rows have ${validation.width} features and the training rows ${train.width}.`, { split: 'validation' });
    }
  }
  if (settings.earlyStopping) {
    metricDirection(settings.earlyStopping.metric, task);
    if (!validation) {
      throw new WorkbenchError('invalid_input', `Early stopping on ${settings.earlyStopping.metric} needs a validation split.`, { field: 'settings.earlyStopping' });
    }
  }
  if (task === 'regression' && settings.classWeights !== 'none') {
    throw new WorkbenchError('invalid_input', 'Class weights apply to classification, not regression.', { field: 'settings.classWeights' });
  }
}

function checkData(split: string, data: TrainData, { task, classes }: FitInput): void {
  const { rows, width } = data;
  if (!Number.isInteger(rows) || rows < 1) throw new WorkbenchError('training_bad_data', `The ${split} split has no rows.`, { split, rows });
  if (!Number.isInteger(width) || width < 1) throw new WorkbenchError('training_bad_data', `The ${split} split has no features.`, { split, width });
  if (data.x.length !== rows * width) {
    throw new WorkbenchError('invalid_input', `The ${split} features hold ${data.x.length} values, not ${rows} rows × ${width}.`, { split, field: 'x' });
  }
  if (data.y.length !== rows) throw new WorkbenchError('invalid_input', `The ${split} split has ${data.y.length} targets for ${rows} rows.`, { split, field: 'y' });
  if (data.weights && data.weights.length !== rows) {
    throw new WorkbenchError('invalid_input', `The ${split} split has ${data.weights.length} weights for ${rows} rows.`, { split, field: 'weights' });
  }
  const bad = data.x.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) {
    const row = Math.floor(bad / width);
    throw new WorkbenchError('training_bad_data', `Feature ${bad % width} of ${split} row ${row} is ${data.x[bad]}; every value must be a finite number.`, { split, row, feature: bad % width });
  }
  for (let row = 0; row < rows; row++) {
    const label = data.y[row] ?? NaN;
    const fine = task === 'regression' ? Number.isFinite(label) : Number.isInteger(label) && label >= 0 && label < classes;
    if (!fine) {
      const expected = task === 'regression' ? 'a finite number' : `a class index from 0 to ${classes - 1}`;
      throw new WorkbenchError('training_bad_data', `The target of ${split} row ${row} is ${label}; it must be ${expected}.`, { split, row });
    }
    const weight = data.weights?.[row];
    if (weight !== undefined && !(Number.isFinite(weight) && weight >= 0)) {
      throw new WorkbenchError('training_bad_data', `The weight of ${split} row ${row} is ${weight}; weights must be finite and not negative.`, { split, row });
    }
  }
}

/**
 * Per-row weights for the loss: the given sample weights times the class
 * weights. `balanced` is scikit-learn's n / (classes × count of the class);
 * explicit weights are keyed by class index ("0", "1", ...), missing ones 1.
 * Answers null when every row weighs 1, so the loss can skip the product.
 */
export function rowWeights(train: TrainData, classes: number, classWeights: TrainSettings['classWeights']): Float32Array | null {
  const perClass = classWeightTable(train, classes, classWeights);
  if (!perClass && !train.weights) return null;
  const weights = new Float32Array(train.rows);
  for (let row = 0; row < train.rows; row++) {
    weights[row] = (train.weights?.[row] ?? 1) * (perClass?.[train.y[row] ?? 0] ?? 1);
  }
  return weights;
}

function classWeightTable(train: TrainData, classes: number, classWeights: TrainSettings['classWeights']): Float64Array | null {
  if (classWeights === 'none' || classes === 0) return null;
  const table = new Float64Array(classes).fill(1);
  if (classWeights === 'balanced') {
    const counts = new Float64Array(classes);
    for (let row = 0; row < train.rows; row++) {
      const label = train.y[row] ?? 0;
      counts[label] = (counts[label] ?? 0) + 1;
    }
    counts.forEach((count, c) => (table[c] = count > 0 ? train.rows / (classes * count) : 1));
    return table;
  }
  for (const [key, weight] of Object.entries(classWeights)) {
    const c = Number(key);
    if (!Number.isInteger(c) || c < 0 || c >= classes) {
      throw new WorkbenchError('invalid_input', `Class weight "${key}" names no class; classes are numbered 0 to ${classes - 1}.`, { field: 'settings.classWeights' });
    }
    table[c] = weight;
  }
  return table;
}
