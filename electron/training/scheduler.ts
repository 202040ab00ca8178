import { Cron } from 'croner';
import { WorkbenchError, type SavedJob } from '../../shared/contract';
import type { Logger } from '../log';

/** Throws `invalid_input` naming the schedule field when croner cannot read the pattern. */
export function checkSchedule(pattern: string): void {
  try {
    new Cron(pattern, { paused: true }).stop();
  } catch (error) {
    throw new WorkbenchError('invalid_input', `schedule: "${pattern}" is not a cron pattern (${error instanceof Error ? error.message : String(error)}).`, {
      field: 'schedule',
    });
  }
}

/** The next time a pattern fires, in ms since the epoch. */
export function nextRun(pattern: string | null): number | null {
  if (!pattern) return null;
  const cron = new Cron(pattern, { paused: true });
  const next = cron.nextRun();
  cron.stop();
  return next ? next.getTime() : null;
}

/**
 * One croner timer per enabled, scheduled job of the open workspace. A job
 * whose previous run is still queued or training is not queued twice
 * (`protect`), so a slow job cannot pile up behind itself.
 */
export class Scheduler {
  private readonly timers = new Map<string, Cron>();

  constructor(
    private readonly fire: (jobName: string) => void,
    private readonly log: Logger,
  ) {}

  /** Replaces every timer with the given jobs' schedules. */
  reset(jobs: readonly Pick<SavedJob, 'name' | 'schedule' | 'enabled'>[]): void {
    this.stop();
    for (const job of jobs) {
      if (!job.enabled || !job.schedule) continue;
      try {
        this.timers.set(job.name, new Cron(job.schedule, { protect: true, catch: (error) => this.failed(job.name, error) }, () => this.fire(job.name)));
      } catch (error) {
        this.failed(job.name, error);
      }
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) timer.stop();
    this.timers.clear();
  }

  private failed(jobName: string, error: unknown): void {
    this.log.warn('a scheduled training job could not be started', { job: jobName, error: String(error) });
  }
}
