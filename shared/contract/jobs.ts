import { z } from 'zod';
import { apiErrorSchema } from './errors';

export const jobStates = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobState = (typeof jobStates)[number];

export const jobProgressSchema = z.object({
  /** 0..1, or null while the amount of work is not known yet. */
  fraction: z.number().min(0).max(1).nullable(),
  message: z.string(),
  /** Seconds left, estimated from the pace so far; null when unknown. */
  etaSeconds: z.number().nonnegative().nullable(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobSnapshotSchema = z.object({
  id: z.string(),
  procedure: z.string(),
  title: z.string(),
  state: z.enum(jobStates),
  progress: jobProgressSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The job's result once it succeeded, shaped by its procedure's `result` schema. */
  result: z.unknown().optional(),
  error: apiErrorSchema.optional(),
});
export type JobSnapshot = z.infer<typeof jobSnapshotSchema>;

export const jobIdInput = z.object({ id: z.string().min(1) });

export function isFinished(state: JobState): boolean {
  return state !== 'running';
}
