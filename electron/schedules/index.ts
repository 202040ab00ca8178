import { Cron } from 'croner';
import { WorkbenchError } from '../../shared/contract';
import type { Logger } from '../log';

/**
 * Cron schedules for what the workspace runs by itself: saved training jobs
 * and monitors. One croner timer per enabled, scheduled item; `protect` keeps
 * a slow run from piling up behind itself (a firing while the last run is
 * still going is skipped).
 */

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

export interface Scheduled {
  name: string;
  schedule: string | null;
  enabled: boolean;
}

export class CronSchedules {
  private readonly timers = new Map<string, Cron>();

  /** `failure` is the log line for a firing that throws (e.g. "a scheduled monitor could not run"). */
  constructor(
    private readonly fire: (name: string) => unknown,
    private readonly log: Logger,
    private readonly failure: string,
  ) {}

  /** Replaces every timer with the given items' schedules. */
  reset(items: readonly Scheduled[]): void {
    this.stop();
    for (const item of items) {
      if (!item.enabled || !item.schedule) continue;
      try {
        const timer = new Cron(item.schedule, { protect: true, catch: (error) => this.failed(item.name, error) }, async () => {
          try {
            await this.fire(item.name);
          } catch (error) {
            this.failed(item.name, error);
          }
        });
        this.timers.set(item.name, timer);
      } catch (error) {
        this.failed(item.name, error);
      }
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) timer.stop();
    this.timers.clear();
  }

  private failed(name: string, error: unknown): void {
    this.log.warn(this.failure, { name, error: String(error) });
  }
}
