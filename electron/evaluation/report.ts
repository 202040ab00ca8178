import { WorkbenchError, type EvaluationReport, type TaskKind } from '../../shared/contract';
import { classificationMetrics, confusionMatrix, membership, predictedClasses, probaColumn } from './classification';
import { areaUnder, averagePrecision, calibrationCurve, precisionRecallCurve, rocCurve, thinCurve, thresholdCounts } from './curves';
import { randomPermutation, seededRandom } from './random';
import { regressionMetrics } from './regression';

/** Curves keep at most this many points; the residual plot at most this many rows. */
export const CURVE_POINTS = 500;
export const RESIDUAL_ROWS = 2000;
/** The residual sample is seeded so that the same run always draws the same plot. */
const RESIDUAL_SEED = 0;

/** The figure a task is judged by first: what early stopping, searches and the runs table rank by. */
export function primaryMetric(task: TaskKind): { name: string; higherIsBetter: boolean } {
  switch (task) {
    case 'binary':
      return { name: 'roc_auc', higherIsBetter: true };
    case 'multiclass':
      return { name: 'accuracy', higherIsBetter: true };
    case 'regression':
      return { name: 'rmse', higherIsBetter: false };
  }
}

export interface ReportInput {
  task: TaskKind;
  classes: string[] | null;
  yTrue: ArrayLike<number>;
  /** Classification: probabilities, row-major rows × classes. Regression: one prediction per row. */
  output: Float32Array;
  rows: { train: number; validation: number; test: number };
}

type Curves = Pick<EvaluationReport, 'roc' | 'pr' | 'calibration'>;

function classificationCurves(yTrue: ArrayLike<number>, proba: Float32Array, classes: string[]): Curves {
  const k = classes.length;
  const roc: NonNullable<EvaluationReport['roc']> = [];
  const pr: NonNullable<EvaluationReport['pr']> = [];
  // Binary: the positive class only; multiclass: each class against the rest.
  for (const c of k === 2 ? [1] : classes.map((_, c) => c)) {
    const label = classes[c] ?? String(c);
    const counts = thresholdCounts(membership(yTrue, c), probaColumn(proba, k, c));
    const rocPoints = rocCurve(counts);
    if (rocPoints) roc.push({ label, auc: areaUnder(rocPoints), ...thinCurve(rocPoints, CURVE_POINTS) });
    const prPoints = precisionRecallCurve(counts);
    if (prPoints) pr.push({ label, averagePrecision: averagePrecision(prPoints), ...thinCurve(prPoints, CURVE_POINTS) });
  }
  const calibration = k === 2 ? calibrationCurve(membership(yTrue, 1), probaColumn(proba, 2, 1)) : null;
  return { roc, pr, calibration };
}

function residualSample(yTrue: ArrayLike<number>, predictions: Float32Array): NonNullable<EvaluationReport['residuals']> {
  const n = yTrue.length;
  const rows = n <= RESIDUAL_ROWS ? Array.from({ length: n }, (_, row) => row) : Array.from(randomPermutation(n, seededRandom(RESIDUAL_SEED)).subarray(0, RESIDUAL_ROWS)).sort((a, b) => a - b);
  return {
    predicted: rows.map((row) => predictions[row] ?? 0),
    residual: rows.map((row) => (yTrue[row] ?? 0) - (predictions[row] ?? 0)),
  };
}

/**
 * The evaluation report of one split's predictions. Importance and
 * cross-validation are left null: the trainer measures them and fills them in.
 */
export function evaluationReport(input: ReportInput): EvaluationReport {
  const { task, yTrue, output, rows } = input;
  const common = { task, rows, importance: null, crossValidation: null };
  if (task === 'regression') {
    return {
      ...common,
      classes: null,
      metrics: regressionMetrics(yTrue, output),
      confusion: null,
      roc: null,
      pr: null,
      calibration: null,
      residuals: residualSample(yTrue, output),
    };
  }
  const classes = input.classes;
  if (!classes || classes.length < 2 || (task === 'binary') !== (classes.length === 2)) {
    throw new WorkbenchError('invalid_input', `A ${task} report needs ${task === 'binary' ? 'exactly 2' : 'at least 3'} class labels, not ${classes?.length ?? 'none'}.`, {
      field: 'classes',
    });
  }
  const metrics = classificationMetrics(yTrue, output, classes.length);
  return {
    ...common,
    classes: [...classes],
    metrics,
    confusion: confusionMatrix(yTrue, predictedClasses(output, classes.length), classes.length),
    ...classificationCurves(yTrue, output, classes),
    residuals: null,
  };
}
