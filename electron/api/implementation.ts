import type { z } from 'zod';
import type { CallDef, JobDef, ProcedureName, Procedures } from '../../shared/contract';
import type { JobContext } from '../jobs';

export type { JobContext };

export interface CallContext {
  /** Aborted when the caller goes away or aborts the request. */
  readonly signal: AbortSignal;
}

type HandlerFor<D> =
  D extends CallDef<infer I, infer O>
    ? (input: z.output<I>, context: CallContext) => Promise<z.input<O>> | z.input<O>
    : D extends JobDef<infer I, infer R>
      ? (input: z.output<I>, context: JobContext) => Promise<z.input<R>>
      : never;

/**
 * What the backend must provide: one handler per procedure of the contract.
 * Written as `{...} satisfies Implementation`, so any drift from the contract
 * is a compile error.
 */
export type Implementation = { [N in ProcedureName]: HandlerFor<Procedures[N]> };
