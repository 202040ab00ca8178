import type { z } from 'zod';
import { procedures, WorkbenchError, type ApiError, type ProcedureDef } from '../../shared/contract';
import type { JobRunner } from '../jobs';
import type { Logger } from '../log';
import type { CallContext, Implementation } from './implementation';

/** The transport-agnostic heart of the API: validate, dispatch, validate again. */
export interface Router {
  /** Resolves with the procedure's output; rejects with a WorkbenchError only. */
  call(procedure: string, input: unknown, context: CallContext): Promise<unknown>;
}

export interface RouterOptions {
  implementation: Implementation;
  jobs: JobRunner;
  log: Logger;
}

type AnyHandler = (input: unknown, context: unknown) => unknown;

export function createRouter({ implementation, jobs, log }: RouterOptions): Router {
  const handlers = implementation as unknown as Record<string, AnyHandler>;

  return {
    async call(procedure, rawInput, context) {
      try {
        const def = findProcedure(procedure);
        const input = parseInput(procedure, def.input, rawInput);
        const handler = handlers[procedure];
        if (!handler) throw new WorkbenchError('unknown_procedure', `"${procedure}" is not implemented.`, { procedure });
        if (def.kind === 'job') {
          return jobs.start(procedure, def.title, async (jobContext) => {
            const result = await handler(input, jobContext);
            return checkOutput(procedure, def.result, result);
          });
        }
        if (context.signal.aborted) throw new WorkbenchError('cancelled', `${procedure} was cancelled.`);
        return checkOutput(procedure, def.output, await handler(input, context));
      } catch (error) {
        throw toWorkbenchError(error, procedure, log);
      }
    },
  };
}

function findProcedure(procedure: string): ProcedureDef {
  if (!Object.hasOwn(procedures, procedure)) {
    throw new WorkbenchError('unknown_procedure', `There is no procedure "${procedure}".`, { procedure });
  }
  return procedures[procedure as keyof typeof procedures];
}

function parseInput(procedure: string, schema: z.ZodType, raw: unknown): unknown {
  const parsed = schema.safeParse(raw === undefined ? {} : raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
  throw new WorkbenchError(
    'invalid_input',
    `${procedure}: invalid input: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    { procedure, issues },
  );
}

function checkOutput(procedure: string, schema: z.ZodType, output: unknown): unknown {
  const parsed = schema.safeParse(output);
  if (parsed.success) return parsed.data;
  // The backend broke its own contract: a bug, so log it and answer with a plain internal error.
  throw new Error(`${procedure}: output does not match the contract: ${parsed.error.message}`);
}

/** Every failure leaves the router as a WorkbenchError; stacks stay in the log. */
export function toWorkbenchError(error: unknown, procedure: string, log: Logger): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  log.error(`${procedure} failed`, error);
  return new WorkbenchError('internal', `${procedure} failed unexpectedly (see the backend log).`, { procedure });
}

export function toApiError(error: unknown, procedure: string, log: Logger): ApiError {
  return toWorkbenchError(error, procedure, log).toJSON();
}
