import { z } from 'zod';

/**
 * A trained run's evaluation on its test split, kept as the artifact
 * `evaluation/report.json` and drawn by the UI with plotly. Curves are
 * thinned to at most about 500 points; residuals are a sample of at most 2,000.
 */

const curve = z.object({ x: z.array(z.number()), y: z.array(z.number()) });

export const evaluationReportSchema = z.object({
  task: z.enum(['binary', 'multiclass', 'regression']),
  /** Class labels in the order of the model's outputs (sorted, as scikit-learn's LabelEncoder); null for regression. */
  classes: z.array(z.string()).nullable(),
  /** Row count of each split. */
  rows: z.object({ train: z.number().int(), validation: z.number().int(), test: z.number().int() }),
  /** Test-split figures: accuracy, precision, recall, f1, roc_auc, pr_auc, log_loss; or rmse, mae, r2. */
  metrics: z.record(z.string(), z.number()),
  /** confusion[i][j]: rows of true class i predicted as class j. */
  confusion: z.array(z.array(z.number().int())).nullable(),
  /** ROC and precision-recall curves: one for binary (the positive class), one per class (one-vs-rest) for multiclass. */
  roc: z.array(curve.extend({ label: z.string(), auc: z.number() })).nullable(),
  pr: z.array(curve.extend({ label: z.string(), averagePrecision: z.number() })).nullable(),
  /** Binary only: mean predicted probability against the observed positive rate, per bin with rows. */
  calibration: z.object({ predicted: z.array(z.number()), observed: z.array(z.number()), counts: z.array(z.number().int()) }).nullable(),
  /** Regression only: predicted value and residual (actual - predicted). */
  residuals: z.object({ predicted: z.array(z.number()), residual: z.array(z.number()) }).nullable(),
  /** Permutation importance per input column: the drop of the main metric when the column is shuffled. */
  importance: z
    .object({ metric: z.string(), columns: z.array(z.object({ column: z.string(), mean: z.number(), std: z.number() })) })
    .nullable(),
  /** k-fold cross-validation on train + validation: mean and standard deviation of each metric. */
  crossValidation: z.object({ folds: z.number().int(), metrics: z.record(z.string(), z.object({ mean: z.number(), std: z.number() })) }).nullable(),
});
export type EvaluationReport = z.infer<typeof evaluationReportSchema>;
