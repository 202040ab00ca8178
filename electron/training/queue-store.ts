import type Database from 'better-sqlite3';
import {
  trainResultSchema,
  trainSpecSchema,
  type ApiError,
  type QueueEntry,
  type QueueState,
  type SavedJob,
  type TrainResult,
  type TrainSpec,
} from '../../shared/contract';


interface QueueRow {
  id: string;
  job_name: string | null;
  title: string;
  trigger: QueueEntry['trigger'];
  state: QueueState;
  run_id: string;
  experiment_id: string;
  spec: string;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
  error: string | null;
  result: string | null;
}

interface JobRow {
  name: string;
  spec: string;
  schedule: string | null;
  enabled: number;
  created_at: number;
  updated_at: number;
}

export interface StoredEntry {
  entry: Omit<QueueEntry, 'jobId'>;
  spec: TrainSpec;
  result: TrainResult | null;
}

const RECENT_ENTRIES = 200;

/** Reads and writes of the two tables; every write is one statement, so one transaction. */
export class TrainingStore {
  constructor(private readonly db: Database.Database) {}

  insert(entry: Omit<QueueEntry, 'jobId'>, spec: TrainSpec): void {
    this.db
      .prepare(
        `INSERT INTO training_queue (id, job_name, title, trigger, state, run_id, experiment_id, spec, queued_at, started_at, finished_at, error)
         VALUES (@id, @jobName, @title, @trigger, @state, @runId, @experimentId, @spec, @queuedAt, NULL, NULL, NULL)`,
      )
      .run({ ...entry, spec: JSON.stringify(spec) });
  }

  update(id: string, change: { state: QueueState; startedAt?: number; finishedAt?: number; error?: ApiError | null; result?: TrainResult }): void {
    this.db
      .prepare(
        `UPDATE training_queue SET state = @state,
           started_at = COALESCE(@startedAt, started_at), finished_at = COALESCE(@finishedAt, finished_at),
           error = CASE WHEN @hasError THEN @error ELSE error END, result = COALESCE(@result, result)
         WHERE id = @id`,
      )
      .run({
        id,
        state: change.state,
        startedAt: change.startedAt ?? null,
        finishedAt: change.finishedAt ?? null,
        hasError: change.error === undefined ? 0 : 1,
        error: change.error ? JSON.stringify(change.error) : null,
        result: change.result ? JSON.stringify(change.result) : null,
      });
  }

  get(id: string): StoredEntry | undefined {
    const row = this.db.prepare('SELECT * FROM training_queue WHERE id = ?').get(id) as QueueRow | undefined;
    return row && toStored(row);
  }

  recent(): StoredEntry[] {
    const rows = this.db.prepare('SELECT * FROM training_queue ORDER BY queued_at DESC, rowid DESC LIMIT ?').all(RECENT_ENTRIES) as QueueRow[];
    return rows.map(toStored);
  }

  /** Takes a queued entry for this process; false when another process took it first. */
  claim(id: string, pid: number, now: number): boolean {
    return this.db.prepare("UPDATE training_queue SET state = 'running', owner_pid = ?, started_at = ? WHERE id = ? AND state = 'queued'").run(pid, now, id).changes === 1;
  }

  /** The oldest queued entry: the next to run. */
  next(): StoredEntry | undefined {
    const row = this.db.prepare("SELECT * FROM training_queue WHERE state = 'queued' ORDER BY queued_at, rowid LIMIT 1").get() as QueueRow | undefined;
    return row && toStored(row);
  }

  /** After a restart: entries whose training process is gone cannot go on. Answers their run ids. */
  interruptOrphans(isAlive: (pid: number) => boolean, now: number): string[] {
    const rows = this.db.prepare("SELECT id, run_id, owner_pid FROM training_queue WHERE state = 'running'").all() as { id: string; run_id: string; owner_pid: number | null }[];
    const orphans = rows.filter((row) => row.owner_pid === null || !isAlive(row.owner_pid));
    const mark = this.db.prepare("UPDATE training_queue SET state = 'interrupted', finished_at = ?, error = ? WHERE id = ? AND state = 'running'");
    const error = JSON.stringify({ code: 'cancelled', message: 'The workbench stopped while this was training; retry it to run it again.' });
    this.db.transaction(() => orphans.forEach((row) => mark.run(now, error, row.id)))();
    return orphans.map((row) => row.run_id);
  }

  jobs(): Omit<SavedJob, 'nextRunAt'>[] {
    return (this.db.prepare('SELECT * FROM training_jobs ORDER BY name').all() as JobRow[]).map(toJob);
  }

  job(name: string): Omit<SavedJob, 'nextRunAt'> | undefined {
    const row = this.db.prepare('SELECT * FROM training_jobs WHERE name = ?').get(name) as JobRow | undefined;
    return row && toJob(row);
  }

  saveJob(job: { name: string; spec: TrainSpec; schedule: string | null; enabled: boolean }, now: number): void {
    this.db
      .prepare(
        `INSERT INTO training_jobs (name, spec, schedule, enabled, created_at, updated_at) VALUES (@name, @spec, @schedule, @enabled, @now, @now)
         ON CONFLICT (name) DO UPDATE SET name = @name, spec = @spec, schedule = @schedule, enabled = @enabled, updated_at = @now`,
      )
      .run({ name: job.name, spec: JSON.stringify(job.spec), schedule: job.schedule, enabled: job.enabled ? 1 : 0, now });
  }

  deleteJob(name: string): boolean {
    return this.db.prepare('DELETE FROM training_jobs WHERE name = ?').run(name).changes > 0;
  }
}

function toStored(row: QueueRow): StoredEntry {
  return {
    entry: {
      id: row.id,
      jobName: row.job_name,
      title: row.title,
      trigger: row.trigger,
      state: row.state,
      runId: row.run_id,
      experimentId: row.experiment_id,
      queuedAt: row.queued_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      error: row.error ? (JSON.parse(row.error) as ApiError) : null,
    },
    spec: trainSpecSchema.parse(JSON.parse(row.spec)),
    result: row.result ? trainResultSchema.parse(JSON.parse(row.result)) : null,
  };
}

function toJob(row: JobRow): Omit<SavedJob, 'nextRunAt'> {
  return {
    name: row.name,
    spec: trainSpecSchema.parse(JSON.parse(row.spec)),
    schedule: row.schedule,
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
