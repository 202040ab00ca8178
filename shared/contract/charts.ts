import { z } from 'zod';

export const chartKinds = ['histogram', 'box', 'violin', 'bar', 'scatter', 'line'] as const;
export type ChartKind = (typeof chartKinds)[number];
export const chartAggregates = ['count', 'mean', 'sum', 'min', 'max'] as const;
export type ChartAggregate = (typeof chartAggregates)[number];

/** Colour groups beyond the largest ones, and facets beyond the largest ones, are drawn as one "(other)" group. */
export const CHART_COLOR_GROUPS = 10;
export const CHART_FACETS = 12;
/** Up to this many (non-null) points a scatter sends the points; past it, a 2-D binned count. */
export const SCATTER_POINTS = 50_000;
/** How many categories a bar chart shows, the most frequent first. */
export const BAR_CATEGORIES = 30;
/** The labels of missing values and of the groups past the largest ones. */
export const NULL_LABEL = '(null)';
export const OTHER_LABEL = '(other)';

const columnName = z.string().min(1).max(1000);

/**
 * What to draw. Histogram, box and violin show the distribution of `x`; bar
 * counts the values of `x` (or aggregates `y` per value); scatter plots `y`
 * against `x`; line aggregates `y` (or counts rows) per bucket of `x`.
 */
export const chartSpecSchema = z.object({
  kind: z.enum(chartKinds),
  x: columnName,
  y: columnName.optional(),
  color: columnName.optional(),
  facet: columnName.optional(),
  /** Histogram bins, scatter heatmap bins per axis, line bins for a numeric x. */
  bins: z.number().int().min(2).max(200).default(40),
  /** Bar and line: count rows, or aggregate `y` (mean when `y` is given and this is not). */
  aggregate: z.enum(chartAggregates).optional(),
});
export type ChartSpec = z.infer<typeof chartSpecSchema>;
export type ChartSpecInput = z.input<typeof chartSpecSchema>;

/** Where a chart reads from: a dataset (name or id) or a query result. */
export const chartSourceSchema = z.union([
  z.object({ dataset: z.string().min(1) }).strict(),
  z.object({ resultId: z.string().min(1), label: z.string() }).strict(),
]);
export type ChartSource = z.infer<typeof chartSourceSchema>;

const eitherSource = (input: { dataset?: string; resultId?: string }): boolean => (input.dataset === undefined) !== (input.resultId === undefined);

/** A dataset's name or id, or a query's resultId. */
export const chartSourceInput = z
  .object({ dataset: z.string().optional(), resultId: z.string().optional() })
  .refine(eitherSource, { message: 'give either dataset or resultId' });

export const chartInput = z
  .object({ dataset: z.string().optional(), resultId: z.string().optional(), spec: chartSpecSchema })
  .refine(eitherSource, { message: 'give either dataset or resultId' });

const facetKey = z.string().nullable();
const groupKey = z.string().nullable();
const maybe = z.number().nullable();

const common = {
  spec: chartSpecSchema,
  /** Rows drawn: those where the columns the chart needs are not null (bar: all rows). */
  rows: z.number().int().nonnegative(),
  /** Facet panels in order; empty without a facet. */
  facets: z.array(z.string()),
  /** Colour groups in order, largest first; empty without a colour. */
  groups: z.array(z.string()),
  /** How to read x values: numbers, epoch milliseconds, or category labels. */
  xType: z.enum(['number', 'date', 'category']),
  yType: z.enum(['number', 'date']).nullable(),
  seconds: z.number().nonnegative(),
};

export const histogramChartSchema = z.object({
  ...common,
  kind: z.literal('histogram'),
  /** Shared by every series: bins are [edge k, edge k+1), the last one closed. */
  edges: z.array(z.number()),
  series: z.array(z.object({ facet: facetKey, group: groupKey, counts: z.array(z.number().int().nonnegative()) })),
});

export const boxStatsSchema = z.object({
  facet: facetKey,
  group: groupKey,
  n: z.number().int().nonnegative(),
  min: z.number(),
  q1: z.number(),
  median: z.number(),
  q3: z.number(),
  max: z.number(),
  mean: z.number(),
  /** The most extreme values within 1.5 IQR of the quartiles. */
  lowerWhisker: z.number(),
  upperWhisker: z.number(),
  /** Values beyond the whiskers (not sent). */
  outliers: z.number().int().nonnegative(),
});

/** Quartiles are exact up to a million rows, and estimated from a uniform sample of 65,536 values per group past that. */
const quantileMethod = z.enum(['exact', 'reservoir']);

export const boxChartSchema = z.object({ ...common, kind: z.literal('box'), quantileMethod, series: z.array(boxStatsSchema) });

export const violinChartSchema = z.object({
  ...common,
  kind: z.literal('violin'),
  quantileMethod,
  /** Centres of the fine bins the density is estimated on. */
  grid: z.array(z.number()),
  series: z.array(
    boxStatsSchema.pick({ facet: true, group: true, n: true, min: true, q1: true, median: true, q3: true, max: true, mean: true }).extend({
      /** Kernel-smoothed density at each grid point (integrates to about 1); 0 outside the group's range. */
      density: z.array(z.number().nonnegative()),
    }),
  ),
});

export const barChartSchema = z.object({
  ...common,
  kind: z.literal('bar'),
  aggregate: z.enum(chartAggregates),
  /** The most frequent values of x, most frequent first. */
  categories: z.array(z.string()),
  /** Distinct values of x not shown. */
  omittedCategories: z.number().int().nonnegative(),
  series: z.array(z.object({ facet: facetKey, group: groupKey, values: z.array(maybe) })),
});

export const scatterChartSchema = z.object({
  ...common,
  kind: z.literal('scatter'),
  /** True past SCATTER_POINTS points: `heatmaps` holds counts per cell, colour is not used, and `series` is empty. */
  binned: z.boolean(),
  series: z.array(z.object({ facet: facetKey, group: groupKey, x: z.array(z.number()), y: z.array(z.number()) })),
  xEdges: z.array(z.number()),
  yEdges: z.array(z.number()),
  /** Per facet, counts[yBin][xBin]. */
  heatmaps: z.array(z.object({ facet: facetKey, counts: z.array(z.array(z.number().int().nonnegative())) })),
});

export const lineBuckets = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'bin'] as const;

export const lineChartSchema = z.object({
  ...common,
  kind: z.literal('line'),
  aggregate: z.enum(chartAggregates),
  /** The time unit x was truncated to, or 'bin' for equal-width bins of a numeric x. */
  bucket: z.enum(lineBuckets),
  series: z.array(z.object({ facet: facetKey, group: groupKey, x: z.array(z.number()), y: z.array(maybe) })),
});

/** Chart data aggregated in DuckDB, ready to become plotly traces. */
export const chartDataSchema = z.discriminatedUnion('kind', [
  histogramChartSchema,
  boxChartSchema,
  violinChartSchema,
  barChartSchema,
  scatterChartSchema,
  lineChartSchema,
]);
export type ChartData = z.infer<typeof chartDataSchema>;
export type HistogramChart = z.infer<typeof histogramChartSchema>;
export type BoxChart = z.infer<typeof boxChartSchema>;
export type ViolinChart = z.infer<typeof violinChartSchema>;
export type BarChart = z.infer<typeof barChartSchema>;
export type ScatterChart = z.infer<typeof scatterChartSchema>;
export type LineChart = z.infer<typeof lineChartSchema>;

export const savedChartSchema = z.object({
  id: z.string(),
  name: z.string(),
  source: chartSourceSchema,
  spec: chartSpecSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedChart = z.infer<typeof savedChartSchema>;

export const saveChartInput = z.object({
  /** Updates that chart when given; creates one otherwise. */
  id: z.string().optional(),
  name: z.string().trim().min(1, 'a chart needs a name').max(200),
  source: chartSourceSchema,
  spec: chartSpecSchema,
});
