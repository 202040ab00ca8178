import { z } from 'zod';

/**
 * What a model is made of: a data transformer (the pipeline), an algorithm and
 * its settings. A `TrainSpec` holds all of it, plus the data split and an
 * optional hyperparameter search; it is also what a saved training job stores
 * and what `workbench train --config job.yaml` reads.
 */

const columnName = z.string().min(1).max(500);
const finite = z.number();

export const taskKinds = ['binary', 'multiclass', 'regression'] as const;
export type TaskKind = (typeof taskKinds)[number];

/** One step applied to one column, in order. Fitted on the training split only. */
export const columnStepSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('impute'),
      strategy: z.enum(['mean', 'median', 'most_frequent', 'constant']),
      /** The value for `constant`: a number for numeric columns, a string for categories. */
      fill: z.union([finite, z.string().max(500)]).optional(),
    })
    .strict(),
  z.object({ op: z.literal('standardize') }).strict(),
  z.object({ op: z.literal('minmax') }).strict(),
  z
    .object({
      op: z.literal('onehot'),
      /** Keep the most frequent categories (by training count); the rest go to an "other" column. */
      maxCategories: z.number().int().min(1).max(1000).default(50),
    })
    .strict(),
  z
    .object({
      op: z.literal('bucketize'),
      bins: z.number().int().min(2).max(100).default(5),
      strategy: z.enum(['uniform', 'quantile']).default('quantile'),
    })
    .strict(),
]);
export type ColumnStep = z.infer<typeof columnStepSchema>;

export const columnPlanSchema = z
  .object({
    column: columnName,
    /** `drop` leaves the column out (IDs, leaks); its steps are ignored. */
    role: z.enum(['numeric', 'categorical', 'drop']),
    steps: z.array(columnStepSchema).max(10).default([]),
  })
  .strict();
export type ColumnPlan = z.infer<typeof columnPlanSchema>;

export const pipelineSpecSchema = z
  .object({
    target: columnName,
    task: z.enum(taskKinds),
    columns: z.array(columnPlanSchema).min(1).max(5000),
  })
  .strict();
export type PipelineSpec = z.infer<typeof pipelineSpecSchema>;

export const activations = ['relu', 'tanh', 'sigmoid', 'elu', 'selu'] as const;

/** `linear` is linear regression, logistic regression or softmax, by task. */
export const algorithmSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear'), l2: z.number().min(0).max(10).default(0) }).strict(),
  z
    .object({
      kind: z.literal('mlp'),
      hiddenLayers: z.array(z.number().int().min(1).max(4096)).min(1).max(8).default([64, 64]),
      activation: z.enum(activations).default('relu'),
      dropout: z.number().min(0).max(0.9).default(0),
      l2: z.number().min(0).max(10).default(0),
    })
    .strict(),
]);
export type Algorithm = z.infer<typeof algorithmSchema>;

export const optimizers = ['adam', 'sgd', 'rmsprop', 'adagrad'] as const;

export const trainSettingsSchema = z
  .object({
    optimizer: z.enum(optimizers).default('adam'),
    learningRate: z.number().positive().max(10).default(0.01),
    batchSize: z.number().int().min(1).max(1_000_000).default(256),
    epochs: z.number().int().min(1).max(10_000).default(30),
    /** Stop when the validation metric has not improved for `patience` epochs; the best weights are kept. */
    earlyStopping: z
      .object({ metric: z.string().min(1).max(50).default('val_loss'), patience: z.number().int().min(1).max(1000).default(5) })
      .strict()
      .nullable()
      .default(null),
    /** `balanced` weighs each class by n / (classes × count), as scikit-learn does. */
    classWeights: z.union([z.literal('none'), z.literal('balanced'), z.record(z.string(), z.number().positive())]).default('none'),
    /** Same seed, same data, same backend: the same model. */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  })
  .strict();
export type TrainSettings = z.infer<typeof trainSettingsSchema>;

export const splitSpecSchema = z
  .object({
    strategy: z.enum(['random', 'stratified', 'time']).default('stratified'),
    /** Fractions of the rows; they must add up to 1. */
    train: z.number().gt(0).lt(1).default(0.6),
    validation: z.number().min(0).lt(1).default(0.2),
    test: z.number().gt(0).lt(1).default(0.2),
    /** For `time`: the oldest rows train, the newest test. */
    timeColumn: columnName.optional(),
    /** k-fold cross-validation on train + validation, reported beside the test figures; 0 for none. */
    folds: z.number().int().min(0).max(20).default(0),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
  })
  .strict();
export type SplitSpec = z.infer<typeof splitSpecSchema>;

export const backendNames = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];

/** A distribution to draw one hyperparameter from. */
export const searchDistributionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('uniform'), low: finite, high: finite }).strict(),
  z.object({ type: z.literal('loguniform'), low: z.number().positive(), high: z.number().positive() }).strict(),
  z.object({ type: z.literal('int'), low: z.number().int(), high: z.number().int() }).strict(),
  z.object({ type: z.literal('choice'), values: z.array(z.json()).min(1).max(100) }).strict(),
]);
export type SearchDistribution = z.infer<typeof searchDistributionSchema>;

/** Where a searched value goes: `settings.learningRate`, `algorithm.dropout`, `algorithm.hiddenLayers`... */
export const searchParamPath = z.string().regex(/^(settings|algorithm)\.[a-zA-Z][a-zA-Z0-9]*$/, 'a path such as settings.learningRate');

export const searchSpecSchema = z
  .object({
    method: z.enum(['random', 'tpe']).default('tpe'),
    trials: z.number().int().min(1).max(1000).default(20),
    /** At most this many trials at once; bounded by the cores whatever is asked. */
    parallel: z.number().int().min(1).max(64).default(2),
    /** A metric of the validation split, such as `val_roc_auc` or `val_rmse`. */
    metric: z.string().min(1).max(50),
    direction: z.enum(['maximize', 'minimize']),
    /** Median pruning: stop a trial whose metric at an epoch is worse than the median of earlier trials there. */
    pruning: z.boolean().default(true),
    space: z.record(searchParamPath, searchDistributionSchema).refine((space) => Object.keys(space).length > 0, 'give at least one parameter'),
  })
  .strict();
export type SearchSpec = z.infer<typeof searchSpecSchema>;

export const trainSpecSchema = z
  .object({
    /** Experiment name; created when missing. */
    experiment: z.string().min(1).max(250).default('Default'),
    runName: z.string().min(1).max(250).optional(),
    /** A dataset of the workspace, by name or id. */
    dataset: z.string().min(1).max(250),
    pipeline: pipelineSpecSchema,
    algorithm: algorithmSchema,
    settings: trainSettingsSchema.prefault({}),
    split: splitSpecSchema.prefault({}),
    /** Permutation importance of each input column on the test split. */
    importance: z.boolean().default(true),
    /** `auto` takes the first that loads: tensorflow-gpu, webgpu, tensorflow, wasm, cpu. */
    backend: z.enum(['auto', ...backendNames]).default('auto'),
    search: searchSpecSchema.optional(),
  })
  .strict();
export type TrainSpec = z.infer<typeof trainSpecSchema>;
export type TrainSpecInput = z.input<typeof trainSpecSchema>;

export const backendInfoSchema = z.object({
  name: z.enum(backendNames),
  available: z.boolean(),
  /** What runs it, as the backend reports it: "CPU (2 threads)", an adapter's name, a CUDA device... */
  device: z.string(),
  /** Why it did not load, when it did not. */
  reason: z.string().optional(),
});
export type BackendInfo = z.infer<typeof backendInfoSchema>;

export const trainResultSchema = z.object({
  runId: z.string(),
  experimentId: z.string(),
  backend: z.enum(backendNames),
  device: z.string(),
  /** The final figures on the test split (and cv_* with folds), keyed as they are logged. */
  metrics: z.record(z.string(), z.number()),
  /** For a search: the best trial's run. */
  bestTrialRunId: z.string().optional(),
});
export type TrainResult = z.infer<typeof trainResultSchema>;

export const proposalSchema = z.object({
  pipeline: pipelineSpecSchema,
  algorithm: algorithmSchema,
  /** Why each column got its plan: "ID-like: every value is distinct". */
  reasons: z.record(z.string(), z.string()),
});
export type Proposal = z.infer<typeof proposalSchema>;
