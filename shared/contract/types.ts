import type { z } from 'zod';
import type { CallDef, JobDef } from './define';
import type { EventName, Events, ProcedureName, Procedures } from './contract';
import type { JobSnapshot } from './jobs';

/** What a caller passes (before defaults are applied). */
export type InputOf<N extends ProcedureName> = z.input<Procedures[N]['input']>;

/** What a caller gets back: a call's output, or for a job its starting snapshot. */
export type OutputOf<N extends ProcedureName> = Procedures[N] extends CallDef<z.ZodType, infer O>
  ? z.output<O>
  : JobSnapshot;

export type JobName = {
  [N in ProcedureName]: Procedures[N] extends JobDef ? N : never;
}[ProcedureName];

export type ResultOf<N extends JobName> = Procedures[N] extends JobDef<z.ZodType, infer R>
  ? z.output<R>
  : never;

export type EventPayload<E extends EventName> = z.output<Events[E]>;
