import { classificationMetrics, regressionMetrics } from '../evaluation';

/** Labelled rows of one task: text classes, or numbers for regression. */
export interface ClassRows {
  labels: string[];
  predictions: string[];
  /** The positive class's probability (binary), when the data has it; NaN where a row has none. */
  probabilities: number[] | null;
  /** Each class's probability by class, when the data has a column per class; NaN where a row has none. */
  classProbabilities: Map<string, number[]> | null;
}

/** Class order for the metrics: binary puts the positive class at index 1, as scikit-learn's pos_label=1. */
export function classOrder(values: Iterable<string>, task: 'binary' | 'multiclass', positiveClass: string | undefined): string[] {
  const classes = [...new Set(values)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (task === 'multiclass') return classes;
  const positive = positiveClass ?? classes.find((c) => ['1', 'true', 'yes'].includes(c.toLowerCase())) ?? classes.at(-1) ?? '1';
  const others = classes.filter((c) => c !== positive);
  return [others[0] ?? `not ${positive}`, positive];
}

function oneHot(values: string[], index: Map<string, number>): Float32Array {
  const k = index.size;
  const proba = new Float32Array(values.length * k);
  values.forEach((value, i) => {
    proba[i * k + (index.get(value) ?? 0)] = 1;
  });
  return proba;
}

/**
 * The rows' probabilities as electron/evaluation takes them (row by row, a
 * column per class), or null when a row lacks one: a ranking or log loss over
 * made-up numbers would be silently wrong.
 */
function probabilityRows(rows: ClassRows, classes: string[]): Float32Array | null {
  const k = classes.length;
  const n = rows.labels.length;
  const proba = new Float32Array(n * k);
  if (rows.classProbabilities) {
    for (const [j, name] of classes.entries()) {
      const values = rows.classProbabilities.get(name);
      if (!values) return null;
      for (let i = 0; i < n; i++) proba[i * k + j] = values[i] ?? Number.NaN;
    }
  }
  else if (rows.probabilities && k === 2) {
    rows.probabilities.forEach((p, i) => {
      proba[i * 2] = 1 - p;
      proba[i * 2 + 1] = p;
    });
  }
  else return null;
  return proba.every(Number.isFinite) ? proba : null;
}

/**
 * Accuracy, precision, recall and F1 from the predicted classes (as written in
 * the data: a probability never overrides them); ROC AUC, PR AUC and log loss
 * only from probabilities, never from hard 0/1 guesses.
 */
export function classMetrics(rows: ClassRows, classes: string[]): Record<string, number> {
  const index = new Map(classes.map((c, i) => [c, i]));
  const y = Int32Array.from(rows.labels, (label) => index.get(label) ?? 0);
  const hard = classificationMetrics(y, oneHot(rows.predictions, index), classes.length);
  const metrics: Record<string, number> = { accuracy: hard.accuracy ?? 0, precision: hard.precision ?? 0, recall: hard.recall ?? 0, f1: hard.f1 ?? 0 };
  const proba = probabilityRows(rows, classes);
  if (proba) {
    const soft = classificationMetrics(y, proba, classes.length);
    for (const key of ['roc_auc', 'pr_auc', 'log_loss']) if (soft[key] !== undefined) metrics[key] = soft[key];
  }
  return metrics;
}

export function confusion(rows: ClassRows, classes: string[]): number[][] {
  const index = new Map(classes.map((c, i) => [c, i]));
  const matrix = classes.map(() => classes.map(() => 0));
  rows.labels.forEach((label, i) => {
    const row = matrix[index.get(label) ?? 0];
    const column = index.get(rows.predictions[i] ?? '') ?? 0;
    if (row) row[column] = (row[column] ?? 0) + 1;
  });
  return matrix;
}

/** MAE, RMSE and R² as electron/evaluation computes them, and MAPE as scikit-learn does (|y| floored at float64's epsilon). */
export function regressionFigures(labels: number[], predictions: number[]): Record<string, number> {
  const metrics = regressionMetrics(labels, predictions);
  let mape = 0;
  labels.forEach((y, i) => {
    mape += Math.abs(y - (predictions[i] ?? 0)) / Math.max(Math.abs(y), Number.EPSILON);
  });
  return { ...metrics, mape: mape / labels.length };
}

/** scikit-learn's DummyClassifier (prior): the majority class, and the class shares as probabilities. */
export function dummyClassMetrics(trainLabels: string[], rows: ClassRows, classes: string[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const label of trainLabels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const majority = [...counts.entries()].sort((a, b) => b[1] - a[1] || classes.indexOf(a[0]) - classes.indexOf(b[0]))[0]?.[0] ?? classes[0] ?? '';
  const share = (name: string): number => (counts.get(name) ?? 0) / Math.max(1, trainLabels.length);
  const constant = (value: number): number[] => rows.labels.map(() => value);
  return classMetrics(
    {
      labels: rows.labels,
      predictions: rows.labels.map(() => majority),
      probabilities: rows.probabilities ? constant(share(classes[1] ?? '')) : null,
      classProbabilities: rows.classProbabilities ? new Map(classes.map((name) => [name, constant(share(name))])) : null,
    },
    classes,
  );
}

/** scikit-learn's DummyRegressor (mean): the mean label of the reference. */
export function dummyRegressionMetrics(trainLabels: number[], labels: number[]): Record<string, number> {
  const mean = trainLabels.reduce((sum, y) => sum + y, 0) / Math.max(1, trainLabels.length);
  return regressionFigures(labels, labels.map(() => mean));
}
