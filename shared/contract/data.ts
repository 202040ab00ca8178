import { z } from 'zod';

export const dataFormats = ['csv', 'tsv', 'parquet', 'json', 'ndjson', 'duckdb', 'sql'] as const;
export type DataFormat = (typeof dataFormats)[number];

export const columnInfoSchema = z.object({
  name: z.string(),
  /** DuckDB's type name, e.g. DOUBLE, BIGINT, VARCHAR, DATE. */
  type: z.string(),
  /** Set when a text column was read as this type; `unparsed` values became NULL. */
  coercedFrom: z.string().optional(),
  unparsed: z.number().int().nonnegative(),
});
export type ColumnInfo = z.infer<typeof columnInfoSchema>;

export const datasetSchema = z.object({
  id: z.string(),
  /** Also its SQL name: `SELECT * FROM "<name>"`. */
  name: z.string(),
  description: z.string(),
  format: z.enum(dataFormats),
  /** A file, folder or glob (registered by reference), a `path::table` in a DuckDB file, or SQL for a view. */
  location: z.string(),
  /** Changes when the data changes; recorded for lineage. */
  fingerprint: z.string(),
  columns: z.array(columnInfoSchema),
  rowCount: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Dataset = z.infer<typeof datasetSchema>;

/** Dataset names are SQL identifiers users type; keep them plain. */
export const datasetName = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a dataset name starts with a letter or _ and has only letters, digits and _ (at most 63)');

export const addDatasetInput = z.object({
  /** A file, a folder, or a glob such as /data/2024-*.parquet; or a DuckDB database file. */
  path: z.string().trim().min(1),
  name: datasetName.optional(),
  format: z.enum(dataFormats).exclude(['sql']).optional(),
});

export const unparsedValuesSchema = z.object({
  column: z.string(),
  type: z.string(),
  count: z.number().int().nonnegative(),
  /** The first values that did not parse, with their 1-based line in the file (header = line 1) where known. */
  values: z.array(z.object({ row: z.number().int(), value: z.string() })),
});

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type Scalar = z.infer<typeof scalar>;

export const resultColumnSchema = z.object({ name: z.string(), type: z.string() });
export type ResultColumn = z.infer<typeof resultColumnSchema>;

export const queryResultSchema = z.object({
  resultId: z.string(),
  statements: z.number().int().nonnegative(),
  /**
   * A single SELECT can be paged, sorted, filtered, exported and profiled: it is
   * re-run per page and never sent whole. A script's last result is read once,
   * up to 10,000 rows.
   */
  pageable: z.boolean(),
  columns: z.array(resultColumnSchema),
  /** The first page. */
  rows: z.array(z.array(z.unknown())),
  /** Exact row count, or null until counted (data.countResult). */
  rowCount: z.number().int().nonnegative().nullable(),
  truncated: z.boolean(),
  seconds: z.number().nonnegative(),
});
export type QueryResult = z.infer<typeof queryResultSchema>;

export const sortSchema = z.object({ column: z.string(), direction: z.enum(['asc', 'desc']) });
export const filterSchema = z.object({
  column: z.string(),
  op: z.enum(['=', '!=', '<', '<=', '>', '>=', 'contains', 'is null', 'is not null']),
  value: scalar.optional(),
});
export type ResultFilter = z.infer<typeof filterSchema>;
export type ResultSort = z.infer<typeof sortSchema>;

export const pageInput = z.object({
  resultId: z.string(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(5000),
  sort: z.array(sortSchema).max(5).default([]),
  filters: z.array(filterSchema).max(20).default([]),
});

export const pageSchema = z.object({
  offset: z.number().int().nonnegative(),
  rows: z.array(z.array(z.unknown())),
});

export const exportInput = z.object({
  resultId: z.string(),
  format: z.enum(['csv', 'parquet']),
  /** Absolute path of the file to write; written whole or not at all. */
  path: z.string().trim().min(1),
  sort: z.array(sortSchema).max(5).default([]),
  filters: z.array(filterSchema).max(20).default([]),
});

export const saveResultInput = z.object({
  resultId: z.string(),
  name: datasetName,
  /** A view re-runs the query on use; parquet stores the rows under the workspace's data/ folder. */
  mode: z.enum(['view', 'parquet']),
});

export { scalar as scalarSchema };
