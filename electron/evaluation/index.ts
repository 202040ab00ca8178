/**
 * Model evaluation: metrics, curves and reports as scikit-learn computes them,
 * train/validation/test splits and k folds, and permutation importance. Pure
 * computation: no I/O, no TF.js; the trainer supplies predictions and scores.
 */
export { seededRandom } from './random';
export { classificationMetrics } from './classification';
export { regressionMetrics } from './regression';
export { splitRows, kFolds } from './splits';
export type { Split } from './splits';
export { evaluationReport, primaryMetric, CURVE_POINTS, RESIDUAL_ROWS } from './report';
export type { ReportInput } from './report';
export { permutationImportance } from './importance';
export type { ImportanceInput } from './importance';
