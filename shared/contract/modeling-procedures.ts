import { z } from 'zod';
import { jobName, queueEntrySchema, savedJobSchema, saveJobInput, startedSchema, startTrainingInput } from './automation';
import { call } from './define';
import {
  artifactEntrySchema,
  experimentSchema,
  metricPointSchema,
  runDetailSchema,
  searchRunsInput,
  searchRunsSchema,
} from './tracking';
import { backendInfoSchema, proposalSchema, trainSpecSchema } from './training';

const noInput = z.object({}).strict();
const runId = z.string().min(1).max(64);
const experimentName = z.string().min(1).max(250);
const artifactPath = z.string().min(1).max(1000);

/** Model building: training, experiment tracking and training jobs. */
export const modelingProcedures = {
  'training.backends': call({
    summary: 'The TensorFlow.js backends, in the order `auto` tries them, with whether each loads here and on what device.',
    input: noInput,
    output: z.array(backendInfoSchema),
  }),
  'training.propose': call({
    summary: "A pipeline and algorithm proposed from the dataset's profile: categories one-hot, numbers scaled, ID-like columns dropped.",
    input: z.object({ dataset: z.string().min(1).max(250), target: z.string().min(1).max(500) }).strict(),
    output: proposalSchema,
  }),
  'training.check': call({
    summary: 'Checks a spec against its dataset without training: every problem found, each naming its column or field.',
    input: z.object({ spec: trainSpecSchema }).strict(),
    output: z.object({ problems: z.array(z.object({ field: z.string(), message: z.string() })) }),
  }),
  'training.start': call({
    summary: 'Queue a training run (a spec, or a saved job by name); answers at once with the run id. Runs one at a time, off the main thread.',
    input: startTrainingInput,
    output: startedSchema,
  }),
  'training.queue': call({
    summary: 'Queued, running and recent training entries, newest first.',
    input: noInput,
    output: z.array(queueEntrySchema),
  }),
  'training.cancel': call({
    summary: 'Cancel a queued or running entry; its run ends KILLED.',
    input: z.object({ queueId: z.string().min(1) }).strict(),
    output: queueEntrySchema,
  }),
  'training.retry': call({
    summary: 'Queue an interrupted, failed or cancelled entry again, as a new run.',
    input: z.object({ queueId: z.string().min(1) }).strict(),
    output: startedSchema,
  }),
  'training.jobs': call({
    summary: 'Saved training jobs, with their schedules.',
    input: noInput,
    output: z.array(savedJobSchema),
  }),
  'training.saveJob': call({
    summary: 'Save (or replace) a training job by name, with an optional cron schedule.',
    input: saveJobInput,
    output: savedJobSchema,
  }),
  'training.deleteJob': call({
    summary: 'Delete a saved job; its past runs stay.',
    input: z.object({ name: jobName }).strict(),
    output: z.object({ deleted: z.literal(true) }),
  }),

  'tracking.endpoint': call({
    summary: "Where an MLflow client logs into this workbench: MLFLOW_TRACKING_URI and MLFLOW_TRACKING_TOKEN (null until the host's server listens).",
    input: noInput,
    output: z.object({ uri: z.string(), token: z.string() }).nullable(),
  }),
  'tracking.experiments': call({
    summary: 'Experiments, active first, with their run counts.',
    input: z.object({ includeDeleted: z.boolean().default(false) }).strict(),
    output: z.array(experimentSchema),
  }),
  'tracking.createExperiment': call({
    summary: 'Create an experiment; names are unique.',
    input: z.object({ name: experimentName }).strict(),
    output: experimentSchema,
  }),
  'tracking.renameExperiment': call({
    summary: 'Rename an experiment.',
    input: z.object({ id: z.string().min(1), name: experimentName }).strict(),
    output: experimentSchema,
  }),
  'tracking.deleteExperiment': call({
    summary: 'Mark an experiment deleted (MLflow semantics: it can be restored).',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ deleted: z.literal(true) }),
  }),
  'tracking.searchRuns': call({
    summary: "Runs matching an MLflow filter, ordered, one page at a time, with every param, metric and tag key seen.",
    input: searchRunsInput,
    output: searchRunsSchema,
  }),
  'tracking.run': call({
    summary: 'One run whole: params, latest metrics, tags, datasets read, artifacts.',
    input: z.object({ runId }).strict(),
    output: runDetailSchema,
  }),
  'tracking.metricHistory': call({
    summary: 'Every step of the named metrics of a run (all metrics when keys is empty).',
    input: z.object({ runId, keys: z.array(z.string().max(250)).max(200).default([]) }).strict(),
    output: z.record(z.string(), z.array(metricPointSchema)),
  }),
  'tracking.artifacts': call({
    summary: "A folder of a run's artifacts.",
    input: z.object({ runId, path: z.string().max(1000).default('') }).strict(),
    output: z.array(artifactEntrySchema),
  }),
  'tracking.readArtifact': call({
    summary: 'A text or JSON artifact (plots, reports), up to 8 MB.',
    input: z.object({ runId, path: artifactPath }).strict(),
    output: z.object({ path: z.string(), text: z.string() }),
  }),
  'tracking.setTag': call({
    summary: 'Set a tag on a run (tags, unlike params, can change).',
    input: z.object({ runId, key: z.string().min(1).max(250), value: z.string().max(8000) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  'tracking.deleteRun': call({
    summary: 'Mark a run deleted.',
    input: z.object({ runId }).strict(),
    output: z.object({ deleted: z.literal(true) }),
  }),
} as const;
