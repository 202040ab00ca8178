import { procedures, events, type EventName, type ProcedureName } from '../contract/contract';
import { WorkbenchError } from '../contract/errors';
import { isFinished, jobSnapshotSchema, type JobSnapshot } from '../contract/jobs';
import type { EventPayload, InputOf, JobName, OutputOf, ResultOf } from '../contract/types';
import type { ConnectionState, Link } from './link';

export interface RunJobOptions {
  signal?: AbortSignal;
  onProgress?: (snapshot: JobSnapshot) => void;
}

/** The typed API over any link. Outputs and events are validated against the contract. */
export interface WorkbenchClient {
  call<N extends ProcedureName>(name: N, input: InputOf<N>, options?: { signal?: AbortSignal }): Promise<OutputOf<N>>;
  /** Start a job and wait for its result; aborting the signal cancels the job. */
  runJob<N extends JobName>(name: N, input: InputOf<N>, options?: RunJobOptions): Promise<ResultOf<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
  close(): void;
}

export function createClient(link: Link): WorkbenchClient {
  const client: WorkbenchClient = {
    get connection() {
      return link.connection;
    },
    async call(name, input, options) {
      const raw = await link.call(name, input, options?.signal);
      const def = procedures[name];
      const schema = def.kind === 'call' ? def.output : jobSnapshotSchema;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        throw new WorkbenchError('internal', `${name}: the backend's answer does not match the contract.`, {
          issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
        });
      }
      return parsed.data as OutputOf<typeof name>;
    },
    runJob(name, input, options = {}) {
      return runJob(client, name, input, options);
    },
    on(event, listener) {
      return link.subscribe(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
      });
    },
    onConnectionChange: (listener) => link.onConnectionChange(listener),
    close: () => link.close(),
  };
  return client;
}

async function runJob<N extends JobName>(
  client: WorkbenchClient,
  name: N,
  input: InputOf<N>,
  { signal, onProgress }: RunJobOptions,
): Promise<ResultOf<N>> {
  if (signal?.aborted) throw new WorkbenchError('cancelled', `${name} was cancelled.`);
  // Events can overtake the call's answer, so listen first and keep what arrives.
  const early: JobSnapshot[] = [];
  let jobId: string | undefined;
  let settle: ((snapshot: JobSnapshot) => void) | undefined;
  const seen = (snapshot: JobSnapshot): void => {
    if (jobId === undefined) early.push(snapshot);
    else if (snapshot.id === jobId) {
      onProgress?.(snapshot);
      if (isFinished(snapshot.state)) settle?.(snapshot);
    }
  };
  const stopEvents = client.on('jobs.changed', seen);
  // After a dropped socket, ask once: the final event may have been missed.
  const stopConnection = client.onConnectionChange((state) => {
    if (state === 'connected' && jobId !== undefined)
      client.call('jobs.get', { id: jobId }).then(seen, () => undefined);
  });
  const onAbort = (): void => {
    if (jobId !== undefined) client.call('jobs.cancel', { id: jobId }).catch(() => undefined);
  };
  try {
    const final = await new Promise<JobSnapshot>((resolve, reject) => {
      settle = resolve;
      client.call(name, input).then((started) => {
        const snapshot = started as JobSnapshot;
        jobId = snapshot.id;
        signal?.addEventListener('abort', onAbort, { once: true });
        for (const item of [snapshot, ...early.splice(0)]) seen(item);
        if (signal?.aborted) onAbort();
      }, reject);
    });
    if (final.state === 'succeeded') {
      const def = procedures[name];
      const parsed = def.result.safeParse(final.result);
      if (parsed.success) return parsed.data as ResultOf<N>;
      throw new WorkbenchError('internal', `${name}: the job's result does not match the contract.`);
    }
    throw final.error
      ? WorkbenchError.fromApiError(final.error)
      : new WorkbenchError('internal', `${name} ended as ${final.state}.`);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stopEvents();
    stopConnection();
  }
}
