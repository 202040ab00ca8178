import { z } from 'zod';
import { call, job } from './define';
import {
  aliasName,
  modelName,
  modelVersionSchema,
  registeredModelSchema,
  registryRemoteSchema,
  setRemoteInput,
} from './registry';
import { batchScoreInput, batchScoreResultSchema, modelServerSchema, servingRequestSchema, startServerInput } from './serving';

const noInput = z.object({}).strict();
const versionRef = z.object({ name: modelName, version: z.number().int().positive() }).strict();

/** Models you can ship: the registry, pushes and pulls, local model servers and batch scoring. */
export const shippingProcedures = {
  'registry.models': call({
    summary: 'Registered models, filtered by a substring of the name, description or tags.',
    input: z.object({ query: z.string().max(200).default('') }).strict(),
    output: z.array(registeredModelSchema),
  }),
  'registry.model': call({
    summary: 'One registered model and its versions, newest first.',
    input: z.object({ name: modelName }).strict(),
    output: z.object({ model: registeredModelSchema, versions: z.array(modelVersionSchema) }),
  }),
  'registry.version': call({
    summary: 'One version: lineage, metrics, signature, files, parity check, pushes.',
    input: versionRef,
    output: modelVersionSchema,
  }),
  'registry.registerRun': job({
    summary: "Register a trained run's model (its ONNX package) as a new version; the model is created if new.",
    title: 'Register a model',
    input: z.object({ runId: z.string().min(1).max(64), name: modelName, description: z.string().max(5000).default('') }).strict(),
    result: modelVersionSchema,
  }),
  'registry.importModel': job({
    summary: 'Add an ONNX file, or an MLflow model directory with an onnx flavour, as a new version.',
    title: 'Import a model',
    input: z.object({ path: z.string().min(1).max(2000), name: modelName, description: z.string().max(5000).default('') }).strict(),
    result: modelVersionSchema,
  }),
  'registry.updateModel': call({
    summary: "Change a model's description or tags (null removes a tag).",
    input: z.object({ name: modelName, description: z.string().max(5000).optional(), tags: z.record(z.string().min(1).max(250), z.string().max(5000).nullable()).optional() }).strict(),
    output: registeredModelSchema,
  }),
  'registry.deleteModel': call({
    summary: 'Delete a registered model and all its versions (their stored files go when nothing else uses them).',
    input: z.object({ name: modelName }).strict(),
    output: z.object({ deleted: z.literal(true) }),
  }),
  'registry.updateVersion': call({
    summary: "Change a version's description, tags (null removes), or archive it.",
    input: versionRef.extend({ description: z.string().max(5000).optional(), tags: z.record(z.string().min(1).max(250), z.string().max(5000).nullable()).optional(), archived: z.boolean().optional() }).strict(),
    output: modelVersionSchema,
  }),
  'registry.deleteVersion': call({
    summary: 'Delete a version; its aliases go with it.',
    input: versionRef,
    output: z.object({ deleted: z.literal(true) }),
  }),
  'registry.setAlias': call({
    summary: 'Point an alias at a version (moving it from another); servers serving the alias swap to it.',
    input: z.object({ name: modelName, alias: aliasName, version: z.number().int().positive() }).strict(),
    output: registeredModelSchema,
  }),
  'registry.deleteAlias': call({
    summary: 'Remove an alias.',
    input: z.object({ name: modelName, alias: aliasName }).strict(),
    output: registeredModelSchema,
  }),
  'registry.remote': call({
    summary: "The shared MLflow server this workspace pushes to and pulls from (never the secret).",
    input: noInput,
    output: registryRemoteSchema.nullable(),
  }),
  'registry.setRemote': call({
    summary: 'Set the shared MLflow server and its credentials (kept encrypted); checked before it is kept.',
    input: setRemoteInput,
    output: registryRemoteSchema,
  }),
  'registry.forgetRemote': call({
    summary: 'Forget the shared server and its credentials.',
    input: noInput,
    output: z.object({ forgotten: z.literal(true) }),
  }),
  'registry.remoteModels': call({
    summary: "The shared registry's models and their versions (for choosing what to pull).",
    input: z.object({ filter: z.string().max(500).default('') }).strict(),
    output: z.array(z.object({ name: z.string(), description: z.string(), versions: z.array(z.object({ version: z.string(), status: z.string(), aliases: z.array(z.string()), runId: z.string().nullable() })) })),
  }),
  'registry.push': job({
    summary: 'Push a version to the shared registry: upload its package, create the version with a link back, set tags and aliases. Logged before anything is sent.',
    title: 'Push a model',
    input: versionRef.extend({ remoteName: modelName.optional(), aliases: z.array(aliasName).max(10).default([]) }).strict(),
    result: z.object({ remoteName: z.string(), remoteVersion: z.string(), source: z.string() }),
  }),
  'registry.pull': job({
    summary: 'Pull a version (or the version an alias names) of a shared model into the local registry.',
    title: 'Pull a model',
    input: z.object({ remoteName: z.string().min(1).max(250), version: z.string().max(20).optional(), alias: aliasName.optional(), localName: modelName.optional() }).strict(),
    result: modelVersionSchema,
  }),
  'registry.auditLog': call({
    summary: 'What left this machine for a shared registry: when, where, what and which files.',
    input: z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    output: z.array(z.object({ at: z.string(), action: z.string(), target: z.string(), detail: z.string() })),
  }),

  'serving.servers': call({
    summary: 'Running local model servers and the models each serves.',
    input: noInput,
    output: z.array(modelServerSchema),
  }),
  'serving.start': call({
    summary: 'Start a model server for one or more model URIs (models:/NAME/VERSION or models:/NAME@ALIAS) on 127.0.0.1 unless told otherwise.',
    input: startServerInput,
    output: z.object({ server: modelServerSchema, token: z.string().nullable() }),
  }),
  'serving.stop': call({
    summary: 'Stop a model server; requests in flight finish first.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ stopped: z.literal(true) }),
  }),
  'serving.requests': call({
    summary: "A server's recent requests, newest first (the live log continues as serving.request events).",
    input: z.object({ id: z.string().min(1), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.array(servingRequestSchema),
  }),
  'serving.tryIt': call({
    summary: 'Send one request to a running server, as a client would (the "try it" form); the answer comes back as sent.',
    input: z.object({ id: z.string().min(1), path: z.string().max(500).regex(/^\//), body: z.string().max(1_000_000), contentType: z.string().max(100).default('application/json') }).strict(),
    output: z.object({ status: z.number().int(), body: z.string(), ms: z.number() }),
  }),
  'scoring.batch': job({
    summary: 'Score a dataset or file in chunks with a registered model; writes a new Parquet file with a predictions column.',
    title: 'Batch scoring',
    input: batchScoreInput,
    result: batchScoreResultSchema,
  }),
} as const;
