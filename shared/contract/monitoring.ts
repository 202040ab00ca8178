import { z } from 'zod';
import { modelUri } from './registry';

/**
 * Monitoring: drift and model-quality reports comparing a reference with
 * current data, saved and versioned, and monitors that run them on a schedule
 * and can trigger retraining. Defaults follow Evidently 0.7
 * (../shared/reference/monitoring-defaults.md).
 */

export const driftTests = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi', 'kl', 'hellinger'] as const;
export type DriftTest = (typeof driftTests)[number];

/** Where rows come from: a dataset of the workspace, a window of a model server's inference log, or a file. */
export const dataSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dataset'), dataset: z.string().min(1).max(250) }).strict(),
  z.object({ kind: z.literal('file'), path: z.string().min(1).max(2000) }).strict(),
  z
    .object({
      kind: z.literal('inferenceLog'),
      /** The model whose served requests to read (`models:/NAME@ALIAS` or `/VERSION`: the name is what counts). */
      model: modelUri,
      /** Epoch ms; null for open ends. */
      from: z.number().nullable().default(null),
      to: z.number().nullable().default(null),
    })
    .strict(),
]);
export type DataSource = z.infer<typeof dataSourceSchema>;

export const columnOverrideSchema = z.object({ test: z.enum(driftTests).optional(), threshold: z.number().positive().optional(), skip: z.boolean().optional() }).strict();

export const reportSpecSchema = z
  .object({
    name: z.string().min(1).max(250).default('Drift report'),
    reference: dataSourceSchema,
    current: dataSourceSchema,
    /** The model the data feeds: its signature picks the columns; its predictions give prediction drift and quality. */
    model: modelUri.optional(),
    /** Columns to compare; empty: every column both sides share (or the model's inputs). */
    columns: z.array(z.string().min(1).max(500)).max(2000).default([]),
    overrides: z.record(z.string(), columnOverrideSchema).default({}),
    /** Test and threshold for all numeric or all categorical columns. */
    byType: z.object({ numeric: columnOverrideSchema.optional(), categorical: columnOverrideSchema.optional() }).strict().default({}),
    driftShare: z.number().gt(0).max(1).default(0.5),
    /** Quality over time: the column holding the prediction, the label, a time column, and the window. */
    quality: z
      .object({
        task: z.enum(['binary', 'multiclass', 'regression']),
        prediction: z.string().min(1).max(500),
        /** Probability of the positive class (binary), for ROC AUC and log loss. */
        probability: z.string().min(1).max(500).optional(),
        /** Each class's probability in a column named PREFIX + class (a workbench model's `probability_<class>` outputs), for ROC AUC and log loss of any classifier. */
        probabilityPrefix: z.string().min(1).max(500).optional(),
        label: z.string().min(1).max(500),
        /** Labels that arrive later: a dataset joined to the current data by `idColumn`. */
        labels: z.object({ source: dataSourceSchema, idColumn: z.string().min(1).max(500) }).strict().optional(),
        timeColumn: z.string().min(1).max(500),
        window: z.enum(['day', 'week', 'month']).default('week'),
        positiveClass: z.string().max(500).optional(),
        /** Alert when this metric of the latest window is below the threshold. */
        /** Alert when the latest window's metric falls below `below` (accuracy, F1, R²) or rises above `above` (MAE, RMSE, MAPE, log loss). */
        alert: z
          .object({ metric: z.string().min(1).max(50), below: z.number().optional(), above: z.number().optional() })
          .strict()
          .refine((alert) => (alert.below === undefined) !== (alert.above === undefined), { message: 'Give one bound: below (for scores) or above (for errors).' })
          .optional(),
      })
      .strict()
      .optional(),
    /** Business metrics: SQL expressions over the current data (an aggregate, e.g. `avg(CASE WHEN flagged THEN churned::INT END)`), per window. */
    business: z.array(z.object({ name: z.string().min(1).max(100), sql: z.string().min(1).max(5000) }).strict()).max(20).default([]),
  })
  .strict();
export type ReportSpec = z.infer<typeof reportSpecSchema>;
export type ReportSpecInput = z.input<typeof reportSpecSchema>;

const histogram = z.object({ bins: z.array(z.string()), reference: z.array(z.number()), current: z.array(z.number()) });

export const columnDriftSchema = z.object({
  column: z.string(),
  type: z.enum(['numeric', 'categorical']),
  test: z.enum(driftTests).nullable(),
  /** The p-value or the distance. */
  score: z.number().nullable(),
  threshold: z.number().nullable(),
  drifted: z.boolean(),
  /** Why the test was skipped (too few rows, an empty window...). */
  skipped: z.string().nullable(),
  histogram,
  missing: z.object({ reference: z.number(), current: z.number(), drifted: z.boolean() }),
});
export type ColumnDrift = z.infer<typeof columnDriftSchema>;

export const windowMetricsSchema = z.object({ start: z.number(), rows: z.number().int(), metrics: z.record(z.string(), z.number()) });

export const reportSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Reports with the same name are versions of one report: 1, 2, 3... */
  version: z.number().int(),
  createdAt: z.number(),
  spec: reportSpecSchema,
  model: z.object({ name: z.string(), version: z.number().int() }).nullable(),
  /** The fingerprints of what was compared. */
  sources: z.object({ reference: z.string(), current: z.string(), referenceRows: z.number().int(), currentRows: z.number().int() }),
  schema: z.object({ onlyInReference: z.array(z.string()), onlyInCurrent: z.array(z.string()), typeMismatches: z.array(z.object({ column: z.string(), reference: z.string(), current: z.string() })) }),
  drift: z.object({ columns: z.array(columnDriftSchema), drifted: z.number().int(), share: z.number(), detected: z.boolean(), driftShare: z.number() }),
  predictionDrift: columnDriftSchema.nullable(),
  quality: z
    .object({
      reference: z.record(z.string(), z.number()),
      dummy: z.record(z.string(), z.number()),
      windows: z.array(windowMetricsSchema),
      confusion: z.array(z.array(z.number().int())).nullable(),
      /** Regression: the errors (prediction − label) binned on shared edges, and the current rows binned by actual and predicted value. */
      errors: z
        .object({
          edges: z.array(z.number()),
          reference: z.array(z.number().int()).nullable(),
          current: z.array(z.number().int()),
          /** `counts[i][j]`: current rows whose label is in bin i and prediction in bin j of `edges`. */
          predictedVsActual: z.object({ edges: z.array(z.number()), counts: z.array(z.array(z.number().int())) }),
        })
        .nullable()
        .default(null),
      unmatchedLabels: z.number().int(),
    })
    .nullable(),
  business: z.array(z.object({ name: z.string(), reference: z.number().nullable(), windows: z.array(z.object({ start: z.number(), value: z.number().nullable() })) })),
  alerts: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type MonitoringReport = z.infer<typeof reportSchema>;

export const reportSummarySchema = reportSchema.pick({ id: true, name: true, version: true, createdAt: true, model: true }).extend({
  driftDetected: z.boolean(),
  driftedColumns: z.number().int(),
  alerts: z.number().int(),
});

export const monitorSchema = z.object({
  name: z.string(),
  spec: reportSpecSchema,
  schedule: z.string().nullable(),
  enabled: z.boolean(),
  /** A saved training job to start when the report alerts. */
  retrainJob: z.string().nullable(),
  lastReportId: z.string().nullable(),
  nextRunAt: z.number().nullable(),
});
export type Monitor = z.infer<typeof monitorSchema>;

/** A retrained challenger against the champion, both scored on the report's current data (the alias is never moved). */
export const comparisonSchema = z.object({
  /** The metric that decides; `null` winner when a side could not be scored. */
  metric: z.string(),
  higherIsBetter: z.boolean(),
  rows: z.number().int(),
  champion: z.object({ name: z.string(), version: z.number().int(), metrics: z.record(z.string(), z.number()) }).nullable(),
  challenger: z.object({ runId: z.string(), metrics: z.record(z.string(), z.number()) }).nullable(),
  winner: z.enum(['challenger', 'champion', 'tie']).nullable(),
  /** Why no comparison was made (no labels, no champion, the run failed...). */
  skipped: z.string().nullable(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const alertSchema = z.object({
  id: z.string(),
  at: z.number(),
  monitor: z.string().nullable(),
  reportId: z.string(),
  message: z.string(),
  /** The training run retraining started, when it did. */
  retrainRunId: z.string().nullable(),
  acknowledged: z.boolean(),
  /** Once the retraining run ends: its model against the champion on the current data. */
  comparison: comparisonSchema.nullable().optional(),
});
export type Alert = z.infer<typeof alertSchema>;
