import { randomUUID } from 'node:crypto';
import { WorkbenchError, type ApiError, type JobProgress, type JobSnapshot } from '../../shared/contract';
import type { Logger } from '../log';

export interface JobContext {
  /** Aborted when someone cancels the job. */
  readonly signal: AbortSignal;
  /** Report progress; `fraction` is 0..1, or null while the total is unknown. */
  progress: (fraction: number | null, message?: string) => void;
}

export interface JobRunner {
  /** Starts `run` at once and answers with the job's first snapshot. */
  start(procedure: string, title: string, run: (context: JobContext) => Promise<unknown>): JobSnapshot;
  get(id: string): JobSnapshot;
  list(): JobSnapshot[];
  cancel(id: string): JobSnapshot;
  /** Cancels every running job and waits until all have settled (for shutdown). */
  cancelAll(): Promise<void>;
}

export interface JobRunnerOptions {
  /** Called with every change worth showing; progress at most once per `throttleMs` per job. */
  emit: (snapshot: JobSnapshot) => void;
  /** Called once when a job finishes, to keep its history. */
  onFinished?: (snapshot: JobSnapshot) => void;
  log: Logger;
  throttleMs?: number;
  /** Finished jobs kept in memory for `list`. */
  keepFinished?: number;
  now?: () => number;
}

interface Entry {
  snapshot: JobSnapshot;
  controller: AbortController;
  startedMs: number;
  done: Promise<void>;
  lastEmitMs: number;
  trailing: ReturnType<typeof setTimeout> | undefined;
}

/** Below this share of the work done, an ETA is mostly noise. */
const MIN_FRACTION_FOR_ETA = 0.02;
const MIN_SECONDS_FOR_ETA = 0.5;

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const throttleMs = options.throttleMs ?? 100;
  const keepFinished = options.keepFinished ?? 50;
  const now = options.now ?? Date.now;
  const jobs = new Map<string, Entry>();

  const emitNow = (entry: Entry): void => {
    clearTimeout(entry.trailing);
    entry.trailing = undefined;
    entry.lastEmitMs = now();
    options.emit(structuredClone(entry.snapshot));
  };

  const emitThrottled = (entry: Entry): void => {
    const wait = entry.lastEmitMs + throttleMs - now();
    if (wait <= 0) emitNow(entry);
    else entry.trailing ??= setTimeout(() => emitNow(entry), wait);
  };

  const finish = (entry: Entry, state: JobSnapshot['state'], extra: { result?: unknown; error?: ApiError }): void => {
    const fraction = state === 'succeeded' ? 1 : entry.snapshot.progress.fraction;
    entry.snapshot = {
      ...entry.snapshot,
      ...extra,
      state,
      finishedAt: new Date(now()).toISOString(),
      progress: { ...entry.snapshot.progress, fraction, etaSeconds: null },
    };
    emitNow(entry);
    try {
      options.onFinished?.(structuredClone(entry.snapshot));
    } catch (error) {
      options.log.error(`could not record the history of job ${entry.snapshot.id}`, error);
    }
    pruneFinished();
  };

  const pruneFinished = (): void => {
    const finished = [...jobs.values()].filter((entry) => entry.snapshot.state !== 'running');
    for (const entry of finished.slice(0, Math.max(0, finished.length - keepFinished))) {
      jobs.delete(entry.snapshot.id);
    }
  };

  const find = (id: string): Entry => {
    const entry = jobs.get(id);
    if (!entry) throw new WorkbenchError('not_found', `There is no job "${id}".`, { id });
    return entry;
  };

  return {
    start(procedure, title, run) {
      const controller = new AbortController();
      const startedMs = now();
      const entry: Entry = {
        snapshot: {
          id: randomUUID(),
          procedure,
          title,
          state: 'running',
          progress: { fraction: null, message: 'Starting', etaSeconds: null },
          startedAt: new Date(startedMs).toISOString(),
          finishedAt: null,
        },
        controller,
        startedMs,
        done: Promise.resolve(),
        lastEmitMs: 0,
        trailing: undefined,
      };
      jobs.set(entry.snapshot.id, entry);
      const context: JobContext = {
        signal: controller.signal,
        progress(fraction, message) {
          if (entry.snapshot.state !== 'running') return;
          entry.snapshot = { ...entry.snapshot, progress: progressAt(fraction, message, entry, now()) };
          emitThrottled(entry);
        },
      };
      emitNow(entry);
      entry.done = (async () => {
        // Let the caller get its answer before the job's first real work.
        await Promise.resolve();
        if (controller.signal.aborted) {
          finish(entry, 'cancelled', { error: cancelled(title) });
          return;
        }
        try {
          const result = await run(context);
          if (controller.signal.aborted) finish(entry, 'cancelled', { error: cancelled(title) });
          else finish(entry, 'succeeded', { result });
        } catch (error) {
          if (controller.signal.aborted) finish(entry, 'cancelled', { error: cancelled(title) });
          else if (error instanceof WorkbenchError) finish(entry, 'failed', { error: error.toJSON() });
          else {
            options.log.error(`job ${procedure} failed`, error);
            finish(entry, 'failed', { error: { code: 'internal', message: `${title} failed unexpectedly (see the log).` } });
          }
        }
      })();
      return structuredClone(entry.snapshot);
    },
    get: (id) => structuredClone(find(id).snapshot),
    list: () =>
      [...jobs.values()]
        .map((entry) => structuredClone(entry.snapshot))
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
    cancel(id) {
      const entry = find(id);
      if (entry.snapshot.state === 'running') {
        entry.controller.abort();
        entry.snapshot = {
          ...entry.snapshot,
          progress: { ...entry.snapshot.progress, message: 'Cancelling', etaSeconds: null },
        };
        emitNow(entry);
      }
      return structuredClone(entry.snapshot);
    },
    async cancelAll() {
      const running = [...jobs.values()].filter((entry) => entry.snapshot.state === 'running');
      for (const entry of running) entry.controller.abort();
      await Promise.all(running.map((entry) => entry.done));
    },
  };
}

function progressAt(fraction: number | null, message: string | undefined, entry: Entry, nowMs: number): JobProgress {
  const clamped = fraction === null || !Number.isFinite(fraction) ? null : Math.min(1, Math.max(0, fraction));
  const elapsed = (nowMs - entry.startedMs) / 1000;
  const etaSeconds =
    clamped !== null && clamped >= MIN_FRACTION_FOR_ETA && clamped < 1 && elapsed >= MIN_SECONDS_FOR_ETA
      ? (elapsed * (1 - clamped)) / clamped
      : null;
  return { fraction: clamped, message: message ?? entry.snapshot.progress.message, etaSeconds };
}

function cancelled(title: string): ApiError {
  return { code: 'cancelled', message: `${title}: cancelled.` };
}
