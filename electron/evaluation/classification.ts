import { WorkbenchError } from '../../shared/contract';
import { areaUnder, averagePrecision, precisionRecallCurve, rocCurve, thresholdCounts } from './curves';

/**
 * Classification figures as scikit-learn computes them. Labels are class
 * indices 0..classes-1 (scikit-learn's LabelEncoder order); `proba` is row-major
 * rows × classes, and the predicted class is the first column with the highest
 * probability (numpy's argmax), so a binary row at exactly 0.5 predicts 0.
 */

/**
 * `log_loss` clips each probability to [eps, 1 - eps] and renormalises the row.
 * scikit-learn ≥ 1.2 takes eps from the dtype of the predictions
 * (`np.finfo(y_pred.dtype).eps`); the model's outputs are float32, so eps is
 * float32's, 2^-23. Older versions used a fixed 1e-15.
 */
export const FLOAT32_EPS = 2 ** -23;

export function checkClassification(yTrue: ArrayLike<number>, proba: Float32Array, classes: number): void {
  const rows = yTrue.length;
  if (!Number.isInteger(classes) || classes < 2) throw new WorkbenchError('invalid_input', `A classifier needs at least 2 classes, not ${classes}.`, { field: 'classes' });
  if (rows === 0) throw new WorkbenchError('training_bad_data', 'There are no rows to evaluate.', { rows });
  if (proba.length !== rows * classes) {
    throw new WorkbenchError('invalid_input', `The model gave ${proba.length} probabilities for ${rows} rows × ${classes} classes.`, { field: 'proba' });
  }
  for (let i = 0; i < rows; i++) {
    const label = yTrue[i];
    if (label === undefined || !Number.isInteger(label) || label < 0 || label >= classes) {
      throw new WorkbenchError('invalid_input', `Row ${i} has the class ${label}; classes are numbered 0 to ${classes - 1}.`, { row: i });
    }
  }
  const broken = proba.findIndex((value) => !Number.isFinite(value));
  if (broken >= 0) {
    const row = Math.floor(broken / classes);
    throw new WorkbenchError('training_diverged', `The model's output for row ${row} is not a number.`, { row });
  }
}

export function predictedClasses(proba: Float32Array, classes: number): Int32Array {
  const rows = proba.length / classes;
  const predicted = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    let highest = proba[i * classes] ?? 0;
    for (let c = 1; c < classes; c++) {
      const value = proba[i * classes + c] ?? 0;
      if (value > highest) {
        best = c;
        highest = value;
      }
    }
    predicted[i] = best;
  }
  return predicted;
}

/** `confusion_matrix(labels=range(classes))`: [true][predicted]. */
export function confusionMatrix(yTrue: ArrayLike<number>, predicted: Int32Array, classes: number): number[][] {
  const counts = new Int32Array(classes * classes);
  predicted.forEach((guess, i) => {
    const cell = (yTrue[i] ?? 0) * classes + guess;
    counts[cell] = (counts[cell] ?? 0) + 1;
  });
  return Array.from({ length: classes }, (_, c) => Array.from(counts.subarray(c * classes, (c + 1) * classes)));
}

/** Whether each row is of class `c`. */
export function membership(yTrue: ArrayLike<number>, c: number): Uint8Array {
  const positive = new Uint8Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) positive[i] = yTrue[i] === c ? 1 : 0;
  return positive;
}

/** Column `c` of the row-major probabilities. */
export function probaColumn(proba: Float32Array, classes: number, c: number): Float32Array {
  const rows = proba.length / classes;
  const column = new Float32Array(rows);
  for (let i = 0; i < rows; i++) column[i] = proba[i * classes + c] ?? 0;
  return column;
}

const ratio = (numerator: number, denominator: number): number => (denominator === 0 ? 0 : numerator / denominator);

interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
}

function classScores(confusion: number[][], c: number): ClassScores {
  const own = confusion[c] ?? [];
  const truePositives = own[c] ?? 0;
  const actual = own.reduce((sum, count) => sum + count, 0);
  const predicted = confusion.reduce((sum, row) => sum + (row[c] ?? 0), 0);
  const precision = ratio(truePositives, predicted);
  const recall = ratio(truePositives, actual);
  return { precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}

/**
 * precision/recall/f1 with `zero_division=0`: binary with `pos_label=1` for 2
 * classes; otherwise macro, over the classes that occur in the true or the
 * predicted labels (scikit-learn's default `labels`).
 */
function averagedScores(confusion: number[][]): ClassScores {
  if (confusion.length === 2) return classScores(confusion, 1);
  const present: ClassScores[] = [];
  confusion.forEach((row, c) => {
    const occurs = row.some((count) => count > 0) || confusion.some((other) => (other[c] ?? 0) > 0);
    if (occurs) present.push(classScores(confusion, c));
  });
  const mean = (key: keyof ClassScores): number => present.reduce((sum, scores) => sum + scores[key], 0) / present.length;
  return { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') };
}

export function logLoss(yTrue: ArrayLike<number>, proba: Float32Array, classes: number, eps = FLOAT32_EPS): number {
  const rows = yTrue.length;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    let rowSum = 0;
    for (let c = 0; c < classes; c++) rowSum += Math.min(1 - eps, Math.max(eps, proba[i * classes + c] ?? 0));
    const own = Math.min(1 - eps, Math.max(eps, proba[i * classes + (yTrue[i] ?? 0)] ?? 0));
    total -= Math.log(own / rowSum);
  }
  return total / rows;
}

/**
 * ROC AUC and average precision of each class against the rest. A class with
 * no rows (or, for ROC, one that is every row) has no curve and is left out.
 */
function rankingScores(yTrue: ArrayLike<number>, proba: Float32Array, classes: number): { rocAuc: number[]; averagePrecision: number[] } {
  const rocAuc: number[] = [];
  const precisions: number[] = [];
  const targets = classes === 2 ? [1] : Array.from({ length: classes }, (_, c) => c);
  for (const c of targets) {
    const counts = thresholdCounts(membership(yTrue, c), probaColumn(proba, classes, c));
    const roc = rocCurve(counts);
    if (roc) rocAuc.push(areaUnder(roc));
    const pr = precisionRecallCurve(counts);
    if (pr) precisions.push(averagePrecision(pr));
  }
  return { rocAuc, averagePrecision: precisions };
}

const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * accuracy, precision, recall, f1, roc_auc, pr_auc and log_loss on `proba`.
 * roc_auc is one-vs-rest macro for multiclass and pr_auc the macro average
 * precision, over the classes present in `yTrue` (scikit-learn refuses the
 * multiclass case when a class is missing; with every class present the
 * figures are the same). Keys whose figure is undefined (roc_auc when `yTrue`
 * holds one class only, pr_auc when it has no positive rows) are left out
 * rather than given as NaN.
 */
export function classificationMetrics(yTrue: ArrayLike<number>, proba: Float32Array, classes: number): Record<string, number> {
  checkClassification(yTrue, proba, classes);
  const predicted = predictedClasses(proba, classes);
  const confusion = confusionMatrix(yTrue, predicted, classes);
  const correct = confusion.reduce((sum, row, c) => sum + (row[c] ?? 0), 0);
  const { precision, recall, f1 } = averagedScores(confusion);
  const metrics: Record<string, number> = { accuracy: correct / predicted.length, precision, recall, f1 };
  const ranking = rankingScores(yTrue, proba, classes);
  if (classes === 2 ? ranking.rocAuc.length === 1 : ranking.rocAuc.length > 0) metrics.roc_auc = mean(ranking.rocAuc);
  if (ranking.averagePrecision.length > 0) metrics.pr_auc = mean(ranking.averagePrecision);
  metrics.log_loss = logLoss(yTrue, proba, classes);
  return metrics;
}
