import { z } from 'zod';
import { datasetInputSchema } from './tracking';

/**
 * The local model registry, in MLflow's model: registered models hold
 * numbered versions; aliases (`champion`, `challenger`) point at versions.
 * A version is an MLflow model directory with an `onnx` flavour, its files
 * stored content-addressed, with its lineage.
 */

export const modelName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'letters, digits, dots, dashes and underscores');
export const aliasName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,49}$/, 'a letter, then letters, digits, dashes and underscores');

/** One column of an MLflow column signature (`{"type": "double", "name": "tenure"}`), or a tensor. */
export const signatureFieldSchema = z.object({
  name: z.string(),
  /** MLflow's column types (double, float, long, integer, string, boolean, datetime) or `tensor`. */
  type: z.string(),
  /** For tensors: dtype and shape (-1 for any). */
  dtype: z.string().optional(),
  shape: z.array(z.number().int()).optional(),
  optional: z.boolean().optional(),
});
export type SignatureField = z.infer<typeof signatureFieldSchema>;

export const modelSignatureSchema = z.object({ inputs: z.array(signatureFieldSchema), outputs: z.array(signatureFieldSchema) });
export type ModelSignature = z.infer<typeof modelSignatureSchema>;

export const parityCheckSchema = z.object({
  /** Largest absolute difference between onnxruntime and TensorFlow.js outputs on the test split. */
  maxAbsDiff: z.number(),
  rows: z.number().int(),
  tolerance: z.number(),
  passed: z.boolean(),
});
export type ParityCheck = z.infer<typeof parityCheckSchema>;

export const versionStatuses = ['READY', 'PENDING_REGISTRATION', 'FAILED_REGISTRATION'] as const;

export const pushRecordSchema = z.object({
  remote: z.string(),
  remoteName: z.string(),
  remoteVersion: z.string(),
  at: z.number(),
});

export const modelVersionSchema = z.object({
  name: z.string(),
  version: z.number().int().positive(),
  description: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: z.enum(versionStatuses),
  /** MLflow's deprecated stage, kept read-only from imports ("None" otherwise). */
  stage: z.string(),
  archived: z.boolean(),
  aliases: z.array(z.string()),
  tags: z.record(z.string(), z.string()),
  /** Where it came from: `runs:/<id>/model`, a folder, a file, or a remote registry. */
  source: z.string(),
  lineage: z.object({
    runId: z.string().nullable(),
    experimentId: z.string().nullable(),
    datasets: z.array(datasetInputSchema),
    gitCommit: z.string().nullable(),
    gitDirty: z.boolean().nullable(),
    metrics: z.record(z.string(), z.number()),
  }),
  signature: modelSignatureSchema,
  files: z.array(z.object({ path: z.string(), size: z.number().int(), sha256: z.string() })),
  parity: parityCheckSchema.nullable(),
  pushes: z.array(pushRecordSchema),
});
export type ModelVersion = z.infer<typeof modelVersionSchema>;

export const registeredModelSchema = z.object({
  name: z.string(),
  description: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  tags: z.record(z.string(), z.string()),
  /** alias → version number. */
  aliases: z.record(z.string(), z.number().int()),
  latestVersion: z.number().int().nullable(),
  versionCount: z.number().int().nonnegative(),
});
export type RegisteredModel = z.infer<typeof registeredModelSchema>;

/** A shared MLflow server the workspace pushes to and pulls from. The secret never comes back. */
export const registryRemoteSchema = z.object({
  url: z.string(),
  auth: z.enum(['none', 'token', 'basic']),
  username: z.string().nullable(),
  /** Whether a secret is kept (encrypted by the OS keychain, or in memory in server mode). */
  hasSecret: z.boolean(),
});
export type RegistryRemote = z.infer<typeof registryRemoteSchema>;

export const setRemoteInput = z
  .object({
    url: z.url().max(2000).refine((url) => /^https?:\/\//.test(url), 'an http(s) URL'),
    credentials: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('none') }).strict(),
      z.object({ kind: z.literal('token'), token: z.string().min(1).max(4000) }).strict(),
      z.object({ kind: z.literal('basic'), username: z.string().min(1).max(500), password: z.string().min(1).max(4000) }).strict(),
    ]),
  })
  .strict();

/** The experiment on a shared MLflow server whose runs hold pushed packages (one run per push, as MLflow's `log_model` does). */
export const PUSH_EXPERIMENT = 'workbench-pushes';

/** `models:/NAME/VERSION` or `models:/NAME@ALIAS`. */
export const modelUri = z.string().regex(/^models:\/[A-Za-z0-9][A-Za-z0-9._-]{0,99}(\/\d+|@[A-Za-z][A-Za-z0-9_-]{0,49})$/, 'models:/NAME/VERSION or models:/NAME@ALIAS');
