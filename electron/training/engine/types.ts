import type { Algorithm, BackendName, TaskKind, TrainSettings } from '../../../shared/contract';

/** Rows of features and targets, row-major. Classification targets are class indices 0..classes-1. */
export interface TrainData {
  x: Float32Array;
  y: Float32Array;
  rows: number;
  width: number;
  /** Per-row sample weights; class weights from the settings multiply them. */
  weights?: Float32Array;
}

export interface EpochReport {
  epoch: number;
  epochs: number;
  /** The training loss: the mean over the epoch's batches, L2 penalty included. */
  loss: number;
  /** `val_loss` and `val_<metric>` for every metric of the task, when there is a validation split. */
  metrics: Record<string, number>;
  seconds: number;
}

export interface BatchReport {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
}

export interface FitSummary {
  epochsRun: number;
  /** The epoch whose weights the model holds now (the best one under early stopping). */
  bestEpoch: number;
  stoppedEarly: boolean;
  history: EpochReport[];
}

export interface FitInput {
  task: TaskKind;
  /** 0 for regression; 2 for binary. */
  classes: number;
  algorithm: Algorithm;
  settings: TrainSettings;
  train: TrainData;
  validation: TrainData | null;
}

export interface FitHooks {
  signal: AbortSignal;
  /** At most about ten times a second. */
  onBatch?(report: BatchReport): void;
  /** After every epoch; `stop` ends training there (median pruning of search trials). */
  onEpoch?(report: EpochReport): 'continue' | 'stop';
}

export type LayerActivation = 'linear' | 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'selu' | 'softmax';

/** One dense layer: `activation(x · kernel + bias)`, kernel row-major [inputs, units]. */
export interface DenseLayerWeights {
  inputs: number;
  units: number;
  activation: LayerActivation;
  kernel: number[];
  bias: number[];
}

/**
 * A trained network as plain JSON: enough to rebuild the forward pass anywhere.
 * Dropout is a training-time layer and leaves no trace here.
 */
export interface ModelWeights {
  format: 'workbench-dense-v1';
  task: TaskKind;
  classes: number;
  inputWidth: number;
  /**
   * What the last layer gives: `sigmoid` one probability of class 1 (binary),
   * `softmax` one per class, `identity` the regression value.
   */
  output: 'sigmoid' | 'softmax' | 'identity';
  layers: DenseLayerWeights[];
}

/** One live model in a worker thread. */
export interface Trainer {
  readonly backend: BackendName;
  readonly device: string;
  fit(input: FitInput, hooks: FitHooks): Promise<FitSummary>;
  /** Classification: probabilities row-major rows × classes (binary: [1 - p, p]); regression: one value per row. */
  predict(x: Float32Array, rows: number): Promise<Float32Array>;
  exportModel(): Promise<ModelWeights>;
  dispose(): Promise<void>;
}
