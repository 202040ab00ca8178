import { z } from 'zod';

/**
 * Experiment tracking, in MLflow's model: experiments hold runs; a run has
 * params (immutable), metrics (a history of steps), tags, artifacts and the
 * datasets it read. Ids are strings and times are milliseconds since the
 * epoch, as in MLflow, so the same store answers its REST API.
 */

export const runStatuses = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const experimentSchema = z.object({
  id: z.string(),
  name: z.string(),
  lifecycleStage: z.enum(['active', 'deleted']),
  artifactLocation: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  tags: z.record(z.string(), z.string()),
  runCount: z.number().int().nonnegative(),
});
export type Experiment = z.infer<typeof experimentSchema>;

export const runSummarySchema = z.object({
  id: z.string(),
  experimentId: z.string(),
  name: z.string(),
  status: z.enum(runStatuses),
  startTime: z.number(),
  endTime: z.number().nullable(),
  /** `mlflow.parentRunId`: the search that ran this trial. */
  parentRunId: z.string().nullable(),
  params: z.record(z.string(), z.string()),
  /** The latest value of each metric. */
  metrics: z.record(z.string(), z.number()),
  tags: z.record(z.string(), z.string()),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const datasetInputSchema = z.object({
  name: z.string(),
  digest: z.string(),
  source: z.string(),
  /** `training`, `validation`, `test`... (MLflow's `mlflow.data.context`). */
  context: z.string(),
});
export type DatasetInput = z.infer<typeof datasetInputSchema>;

export const artifactEntrySchema = z.object({ path: z.string(), isDir: z.boolean(), size: z.number().nullable() });
export type ArtifactEntry = z.infer<typeof artifactEntrySchema>;

export const runDetailSchema = runSummarySchema.extend({
  artifactUri: z.string(),
  inputs: z.array(datasetInputSchema),
  artifacts: z.array(artifactEntrySchema),
  /** Runs whose `mlflow.parentRunId` is this one (search trials). */
  childCount: z.number().int().nonnegative(),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const metricPointSchema = z.object({ step: z.number().int(), value: z.number(), timestamp: z.number() });
export type MetricPoint = z.infer<typeof metricPointSchema>;

export const searchRunsInput = z
  .object({
    /** Empty: every active experiment. */
    experimentIds: z.array(z.string().max(50)).max(1000).default([]),
    /** MLflow's filter syntax: `metrics.auc > 0.8 and params.optimizer = 'adam' and tags.kind LIKE 'tri%'`. */
    filter: z.string().max(5000).default(''),
    /** MLflow's order_by: `metrics.auc DESC`, `params.lr`, `attributes.start_time`. */
    orderBy: z.array(z.string().max(300)).max(10).default([]),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
    /** Include trial runs of searches; false shows only top-level runs. */
    includeChildren: z.boolean().default(true),
  })
  .strict();
export type SearchRunsInput = z.input<typeof searchRunsInput>;

export const searchRunsSchema = z.object({
  runs: z.array(runSummarySchema),
  /** Runs that match, all pages together. */
  total: z.number().int().nonnegative(),
  /** Every key seen in the matching runs: the columns a table can offer. */
  keys: z.object({ params: z.array(z.string()), metrics: z.array(z.string()), tags: z.array(z.string()) }),
});
export type SearchRunsResult = z.infer<typeof searchRunsSchema>;

/** Pushed while runs change, at most a few times a second per run. */
export const trackingChangeSchema = z.object({
  experimentId: z.string(),
  runId: z.string(),
  kind: z.enum(['created', 'updated', 'deleted']),
  status: z.enum(runStatuses),
  /** New metric points since the last event, for live charts. */
  metrics: z.array(metricPointSchema.extend({ key: z.string() })),
});
export type TrackingChange = z.infer<typeof trackingChangeSchema>;
