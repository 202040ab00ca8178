import { z } from 'zod';

export const histogramSchema = z.object({
  /** Bin edges, one more than counts; for dates, epoch milliseconds. */
  edges: z.array(z.number()),
  counts: z.array(z.number().int().nonnegative()),
});
export type Histogram = z.infer<typeof histogramSchema>;

export const quantileKeys = ['p1', 'p5', 'p25', 'p50', 'p75', 'p95', 'p99'] as const;
export const quantileLevels = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

const common = {
  name: z.string(),
  type: z.string(),
  count: z.number().int().nonnegative(),
  nulls: z.number().int().nonnegative(),
  nullShare: z.number().min(0).max(1),
  distinct: z.number().int().nonnegative(),
  /** True when `distinct` is HyperLogLog's estimate (large tables), false when exact. */
  distinctApprox: z.boolean(),
};

export const numericProfileSchema = z.object({
  ...common,
  kind: z.literal('numeric'),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  quantiles: z.record(z.enum(quantileKeys), z.number().nullable()),
  /** 'exact', or 'reservoir' when estimated from a uniform sample of the column's values. */
  quantileMethod: z.enum(['exact', 'reservoir']),
  histogram: histogramSchema,
});

export const dateProfileSchema = z.object({
  ...common,
  kind: z.literal('date'),
  /** ISO 8601. */
  min: z.string().nullable(),
  max: z.string().nullable(),
  histogram: histogramSchema,
});

export const categoryProfileSchema = z.object({
  ...common,
  kind: z.literal('category'),
  top: z.array(z.object({ value: z.string(), count: z.number().int().nonnegative() })),
  /** Non-null values outside `top`. */
  otherCount: z.number().int().nonnegative(),
  lengths: z.object({ min: z.number().nullable(), mean: z.number().nullable(), max: z.number().nullable() }),
});

export const columnProfileSchema = z.discriminatedUnion('kind', [numericProfileSchema, dateProfileSchema, categoryProfileSchema]);
export type ColumnProfile = z.infer<typeof columnProfileSchema>;
export type NumericProfile = z.infer<typeof numericProfileSchema>;
export type CategoryProfile = z.infer<typeof categoryProfileSchema>;

export const matrixSchema = z.object({
  columns: z.array(z.string()),
  /** Row-major, `values[i][j]` for columns i and j; null where undefined (a constant column). */
  values: z.array(z.array(z.number().nullable())),
});
export type Matrix = z.infer<typeof matrixSchema>;

export const correlationsSchema = z.object({
  pearson: matrixSchema,
  spearman: matrixSchema,
  cramersV: matrixSchema,
  /** Rows the matrices were computed on; equal to the row count when exact. */
  sampleRows: z.number().int().nonnegative(),
  exact: z.boolean(),
});

export const targetAssociationSchema = z.object({
  column: z.string(),
  /** Rows the split was computed on (a uniform sample past a million rows). */
  sampleRows: z.number().int().nonnegative(),
  /** Per column: its distribution split by the target's values (top values only for a many-valued target). */
  columns: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['numeric', 'category']),
      /** numeric: shared bin edges; category: the column's top values. */
      bins: z.array(z.union([z.number(), z.string()])),
      groups: z.array(z.object({ target: z.string(), counts: z.array(z.number().int().nonnegative()) })),
      /** Cramér's V (category) or the correlation ratio eta (numeric), 0..1. */
      strength: z.number().min(0).max(1).nullable(),
    }),
  ),
});

export const profileSchema = z.object({
  /** What was profiled: a dataset's name or a query. */
  source: z.string(),
  fingerprint: z.string(),
  rowCount: z.number().int().nonnegative(),
  columns: z.array(columnProfileSchema),
  correlations: correlationsSchema,
  target: targetAssociationSchema.nullable(),
  computedAt: z.string(),
  seconds: z.number().nonnegative(),
  /** True when this answer came from the cache. */
  cached: z.boolean(),
});
export type Profile = z.infer<typeof profileSchema>;

export const profileInput = z.object({
  /** A dataset's name or id, or a query's resultId. */
  dataset: z.string().optional(),
  resultId: z.string().optional(),
  targetColumn: z.string().optional(),
  /** Recompute even when a cached profile exists. */
  refresh: z.boolean().default(false),
}).refine((input) => (input.dataset === undefined) !== (input.resultId === undefined), {
  message: 'give either dataset or resultId',
});
