import type { z } from 'zod';

/** A request/response procedure: answers once. */
export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'call';
  readonly summary: string;
  readonly input: I;
  readonly output: O;
}

/**
 * A long operation. Calling it starts a job and answers at once with the job's
 * snapshot; progress and the result come as `jobs.changed` events.
 */
export interface JobDef<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly kind: 'job';
  readonly summary: string;
  /** Shown in the status bar while the job runs. */
  readonly title: string;
  readonly input: I;
  readonly result: R;
}

export type ProcedureDef = CallDef | JobDef;

export function call<I extends z.ZodType, O extends z.ZodType>(def: {
  summary: string;
  input: I;
  output: O;
}): CallDef<I, O> {
  return { kind: 'call', ...def };
}

export function job<I extends z.ZodType, R extends z.ZodType>(def: {
  summary: string;
  title: string;
  input: I;
  result: R;
}): JobDef<I, R> {
  return { kind: 'job', ...def };
}

/** Procedure names are `area.verb`, which is also their HTTP path: `POST /api/area.verb`. */
export const procedureNamePattern = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;
