import { randomUUID } from 'node:crypto';
import { isWorkbenchError, WorkbenchError, type ApiError, type QueueEntry, type TrainResult, type TrainSpec } from '../../shared/contract';
import type { JobContext, JobRunner } from '../jobs';
import type { Logger } from '../log';
import type { StoredEntry, TrainingStore } from './queue-store';

export interface QueueDeps {
  store: () => TrainingStore;
  jobs: JobRunner;
  log: Logger;
  /** Creates the run (SCHEDULED) that the entry will train into. */
  createRun: (spec: TrainSpec) => { runId: string; experimentId: string };
  /** Ends a run that never started (cancelled while queued). */
  killRun: (runId: string) => void;
  execute: (stored: StoredEntry, context: JobContext) => Promise<TrainResult>;
  emit: (entry: QueueEntry) => void;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // This process has just started: nothing of it was running.
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type Settled = { result: TrainResult } | { error: WorkbenchError };

/**
 * One training at a time, oldest first. Entries live in the store, so a queue
 * survives a restart; each running entry is a runner job (progress, ETA, Cancel).
 */
export class TrainingQueue {
  private running: { id: string; jobId: string; store: TrainingStore } | null = null;
  private readonly waiters = new Map<string, ((settled: Settled) => void)[]>();

  constructor(private readonly deps: QueueDeps) {}

  enqueue(spec: TrainSpec, origin: { jobName: string | null; trigger: QueueEntry['trigger'] }): QueueEntry {
    const { runId, experimentId } = this.deps.createRun(spec);
    const entry: Omit<QueueEntry, 'jobId'> = {
      id: randomUUID(),
      jobName: origin.jobName,
      title: `Train ${spec.runName ?? origin.jobName ?? spec.algorithm.kind} on ${spec.dataset}`,
      trigger: origin.trigger,
      state: 'queued',
      runId,
      experimentId,
      queuedAt: Date.now(),
      startedAt: null,
      finishedAt: null,
      error: null,
    };
    this.deps.store().insert(entry, spec);
    this.deps.emit({ ...entry, jobId: null });
    queueMicrotask(() => this.pump());
    return { ...entry, jobId: null };
  }

  list(): QueueEntry[] {
    return this.deps.store().recent().map((stored) => this.withJob(stored.entry));
  }

  get(id: string): StoredEntry {
    const stored = this.deps.store().get(id);
    if (!stored) throw new WorkbenchError('not_found', `There is no training entry ${id}.`, { queueId: id });
    return stored;
  }

  cancel(id: string): QueueEntry {
    const { entry } = this.get(id);
    if (this.running?.id === id) {
      this.deps.jobs.cancel(this.running.jobId);
      return this.withJob(entry);
    }
    if (entry.state !== 'queued') return this.withJob(entry);
    const error = { code: 'cancelled', message: 'Cancelled before it started.' } satisfies ApiError;
    this.deps.store().update(id, { state: 'cancelled', finishedAt: Date.now(), error });
    this.deps.killRun(entry.runId);
    const updated = this.withJob(this.get(id).entry);
    this.deps.emit(updated);
    this.settle(id, { error: new WorkbenchError('cancelled', error.message) });
    return updated;
  }

  /** Resolves when the entry has finished, with its result; rejects with its error. */
  whenDone(id: string): Promise<TrainResult> {
    const { entry, result } = this.get(id);
    if (entry.state === 'succeeded' && result) return Promise.resolve(result);
    if (entry.state !== 'queued' && entry.state !== 'running') {
      const error = entry.error ?? { code: 'internal', message: `This entry ended ${entry.state}.` };
      return Promise.reject(new WorkbenchError(error.code, error.message, error.details));
    }
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(id) ?? [];
      list.push((settled) => ('result' in settled ? resolve(settled.result) : reject(settled.error)));
      this.waiters.set(id, list);
    });
  }

  /** At workspace open: entries whose process died were cut off; queued ones go on. Answers the cut-off runs. */
  recover(): string[] {
    const interrupted = this.deps.store().interruptOrphans(isAlive, Date.now());
    queueMicrotask(() => this.pump());
    return interrupted;
  }

  /** When the workspace changes: the running entry belongs to the old one. */
  stopRunning(): void {
    if (this.running) this.deps.jobs.cancel(this.running.jobId);
  }

  pump(): void {
    if (this.running) return;
    let store: TrainingStore;
    let next: StoredEntry | undefined;
    try {
      store = this.deps.store();
      next = store.next();
    } catch {
      return; // No workspace open: nothing to run.
    }
    if (!next) return;
    const stored = next;
    const startedAt = Date.now();
    if (!store.claim(stored.entry.id, process.pid, startedAt)) return void setImmediate(() => this.pump());
    const snapshot = this.deps.jobs.start('training.start', stored.entry.title, async (context) => {
      try {
        const result = await this.deps.execute(stored, context);
        this.finish(store, stored, { result });
        return result;
      } catch (error) {
        const failure = isWorkbenchError(error) ? error : new WorkbenchError('internal', error instanceof Error ? error.message : String(error));
        this.finish(store, stored, { error: context.signal.aborted ? new WorkbenchError('cancelled', 'Training was cancelled.') : failure });
        throw error;
      }
    });
    this.running = { id: stored.entry.id, jobId: snapshot.id, store };
    this.deps.emit(this.withJob({ ...stored.entry, state: 'running', startedAt }));
  }

  private finish(store: TrainingStore, stored: StoredEntry, settled: Settled): void {
    const state = 'result' in settled ? 'succeeded' : settled.error.code === 'cancelled' ? 'cancelled' : 'failed';
    try {
      store.update(stored.entry.id, { state, finishedAt: Date.now(), error: 'error' in settled ? settled.error.toJSON() : null, ...('result' in settled ? { result: settled.result } : {}) });
      const updated = store.get(stored.entry.id);
      if (updated) this.deps.emit({ ...updated.entry, jobId: null });
    } catch (error) {
      this.deps.log.warn('could not record the end of a training entry', { id: stored.entry.id, error: String(error) });
    }
    this.running = null;
    this.settle(stored.entry.id, settled);
    setImmediate(() => this.pump());
  }

  private settle(id: string, settled: Settled): void {
    for (const waiter of this.waiters.get(id) ?? []) waiter(settled);
    this.waiters.delete(id);
  }

  private withJob(entry: Omit<QueueEntry, 'jobId'>): QueueEntry {
    return { ...entry, jobId: this.running?.id === entry.id ? this.running.jobId : null };
  }
}
