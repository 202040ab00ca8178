import type { activations, BackendName, ColumnPlan, optimizers, TaskKind } from '../../../../../shared/contract';

/**
 * The Train form's state: what the user sees and types, kept as text where
 * they type numbers so a half-typed "0." is not lost. `formToSpec`
 * (spec-form.ts) turns it into a `TrainSpec`, checked by the contract's own
 * schema, and `specToForm` (form-load.ts) does the reverse for saved jobs.
 */

export type ImputeChoice = 'none' | 'mean' | 'median' | 'most_frequent' | 'constant';
export type ScaleChoice = 'none' | 'standardize' | 'minmax';

export interface ColumnForm {
  column: string;
  role: ColumnPlan['role'];
  impute: ImputeChoice;
  fill: string;
  scale: ScaleChoice;
  bucketize: boolean;
  bins: string;
  binStrategy: 'uniform' | 'quantile';
  onehot: boolean;
  maxCategories: string;
}

export interface SpaceRowForm {
  path: string;
  type: 'uniform' | 'loguniform' | 'int' | 'choice';
  low: string;
  high: string;
  /** For `choice`: comma-separated values; JSON where it parses ("[64, 64], [128]", "adam, sgd"). */
  values: string;
}

export interface SearchForm {
  enabled: boolean;
  method: 'random' | 'tpe';
  trials: string;
  parallel: string;
  metric: string;
  direction: 'maximize' | 'minimize';
  pruning: boolean;
  space: SpaceRowForm[];
}

export interface TrainForm {
  experiment: string;
  runName: string;
  dataset: string;
  target: string;
  task: TaskKind;
  columns: ColumnForm[];
  algorithm: 'linear' | 'mlp';
  hiddenLayers: string;
  activation: (typeof activations)[number];
  dropout: string;
  l2: string;
  optimizer: (typeof optimizers)[number];
  learningRate: string;
  batchSize: string;
  epochs: string;
  earlyStopping: boolean;
  earlyStoppingMetric: string;
  patience: string;
  classWeights: 'none' | 'balanced' | 'custom';
  /** For `custom`: "Yes=3, No=1". */
  customWeights: string;
  seed: string;
  backend: 'auto' | BackendName;
  splitStrategy: 'random' | 'stratified' | 'time';
  trainFraction: string;
  validationFraction: string;
  testFraction: string;
  timeColumn: string;
  folds: string;
  splitSeed: string;
  importance: boolean;
  search: SearchForm;
}

export interface Problem {
  /** A dotted path into the spec (`settings.epochs`, `pipeline.columns.2.steps`) or a column name. */
  field: string;
  message: string;
}

export const emptySearch: SearchForm = { enabled: false, method: 'tpe', trials: '20', parallel: '2', metric: '', direction: 'maximize', pruning: true, space: [] };

export const initialForm: TrainForm = {
  experiment: 'Default',
  runName: '',
  dataset: '',
  target: '',
  task: 'binary',
  columns: [],
  algorithm: 'linear',
  hiddenLayers: '64, 64',
  activation: 'relu',
  dropout: '0',
  l2: '0',
  optimizer: 'adam',
  learningRate: '0.01',
  batchSize: '256',
  epochs: '30',
  earlyStopping: false,
  earlyStoppingMetric: 'val_loss',
  patience: '5',
  classWeights: 'none',
  customWeights: '',
  seed: '42',
  backend: 'auto',
  splitStrategy: 'stratified',
  trainFraction: '0.6',
  validationFraction: '0.2',
  testFraction: '0.2',
  timeColumn: '',
  folds: '0',
  splitSeed: '42',
  importance: true,
  search: emptySearch,
};

export const blankColumn = (column: string, role: ColumnPlan['role']): ColumnForm => ({
  column,
  role,
  impute: 'none',
  fill: '',
  scale: 'none',
  bucketize: false,
  bins: '5',
  binStrategy: 'quantile',
  onehot: false,
  maxCategories: '50',
});

/** What the algorithm is called for a task: `linear` is logistic, softmax or linear regression. */
export function linearName(task: TaskKind): string {
  return task === 'binary' ? 'Logistic regression' : task === 'multiclass' ? 'Softmax regression' : 'Linear regression';
}
