import { z } from 'zod';
import { modelUri } from './registry';

/** Local model servers (onnxruntime-node) and batch scoring. */

export const servedModelSchema = z.object({
  /** The route name: `/v2/models/{name}`; `/invocations` serves the first model. */
  name: z.string(),
  uri: z.string(),
  version: z.number().int(),
  loadedAt: z.number(),
});

export const modelServerSchema = z.object({
  id: z.string(),
  host: z.string(),
  port: z.number().int(),
  url: z.string(),
  /** Whether requests need `Authorization: Bearer` (the token itself is shown once, at start). */
  tokenRequired: z.boolean(),
  models: z.array(servedModelSchema),
  /** The datasets its inference log writes (`inference_<model>`); empty when the log is off. */
  logDatasets: z.array(z.string()),
  startedAt: z.number(),
  requests: z.number().int(),
  errors: z.number().int(),
});
export type ModelServer = z.infer<typeof modelServerSchema>;

export const startServerInput = z
  .object({
    models: z.array(z.object({ uri: modelUri, name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/).optional() }).strict()).min(1).max(20),
    port: z.number().int().min(0).max(65535).default(0),
    host: z.string().max(100).default('127.0.0.1'),
    requireToken: z.boolean().default(false),
    /** Log every scored request and its predictions into the workspace as the dataset `inference_<model>`. */
    inferenceLog: z.boolean().default(true),
  })
  .strict();

/** One request, as the live log shows it. */
export const servingRequestSchema = z.object({
  serverId: z.string(),
  at: z.number(),
  method: z.string(),
  path: z.string(),
  model: z.string().nullable(),
  version: z.number().int().nullable(),
  status: z.number().int(),
  ms: z.number(),
  rows: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type ServingRequest = z.infer<typeof servingRequestSchema>;

export const batchScoreInput = z
  .object({
    model: modelUri,
    /** A dataset of the workspace (name or id), or a CSV / Parquet file, or `file.duckdb::table`. */
    input: z.string().min(1).max(2000),
    /** A new Parquet file, or a new dataset-backed Parquet file registered under `dataset`. */
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('parquet'), path: z.string().min(1).max(2000) }).strict(),
      z.object({ kind: z.literal('dataset'), name: z.string().min(1).max(250) }).strict(),
    ]),
    /** The column that gets the predictions; replaced when the input has it. */
    column: z.string().min(1).max(250).default('prediction'),
    chunkRows: z.number().int().min(1).max(1_000_000).default(65_536),
  })
  .strict();

export const batchScoreResultSchema = z.object({
  rows: z.number().int(),
  output: z.string(),
  model: z.string(),
  version: z.number().int(),
  seconds: z.number(),
});
