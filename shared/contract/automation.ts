import { z } from 'zod';
import { apiErrorSchema } from './errors';
import { trainSpecSchema } from './training';

/**
 * Training jobs: a spec saved by name, run now, on a cron schedule, or on a
 * call to the API (`POST /api/training.start`). Every start goes through one
 * queue kept in the workspace store, so queued work survives a restart.
 */

export const jobName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/, 'letters, digits, spaces, dots, dashes and underscores');

export const savedJobSchema = z.object({
  name: z.string(),
  spec: trainSpecSchema,
  /** Five- or six-field cron (croner's syntax), in local time; null for none. */
  schedule: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** When the schedule fires next; null without one. */
  nextRunAt: z.number().nullable(),
});
export type SavedJob = z.infer<typeof savedJobSchema>;

export const saveJobInput = z
  .object({
    name: jobName,
    spec: trainSpecSchema,
    schedule: z.string().max(100).nullable().default(null),
    enabled: z.boolean().default(true),
  })
  .strict();

export const queueStates = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted'] as const;
export type QueueState = (typeof queueStates)[number];

export const queueEntrySchema = z.object({
  id: z.string(),
  /** The saved job it came from; null for a spec given directly. */
  jobName: z.string().nullable(),
  title: z.string(),
  trigger: z.enum(['manual', 'schedule', 'api', 'cli', 'retry']),
  state: z.enum(queueStates),
  /** The run in the tracking store, created (SCHEDULED) as soon as the entry is queued. */
  runId: z.string(),
  experimentId: z.string(),
  /** The runner job while it runs (for progress and cancel). */
  jobId: z.string().nullable(),
  queuedAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  error: apiErrorSchema.nullable(),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

/** `POST /api/training.start` takes a saved job's name or a whole spec. */
export const startTrainingInput = z.union([
  z.object({ job: jobName, trigger: z.enum(['manual', 'api']).default('api') }).strict(),
  z.object({ spec: trainSpecSchema, trigger: z.enum(['manual', 'api']).default('manual') }).strict(),
]);

export const startedSchema = z.object({ queueId: z.string(), runId: z.string(), experimentId: z.string() });
