import { Cron } from 'croner';
import { WorkbenchError } from '../../../shared/contract';
import type { Logger } from '../../log';

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
 * One croner timer per enabled, scheduled monitor of the open workspace.
 * `protect` keeps a slow report from piling up behind itself: a firing while
 * the last run is still going is skipped.
 */
export class MonitorScheduler {
  private readonly timers = new Map<string, Cron>();

  constructor(
    private readonly fire: (monitor: string) => Promise<void>,
    private readonly log: Logger,
  ) {}

  reset(monitors: readonly { name: string; schedule: string | null; enabled: boolean }[]): void {
    this.stop();
    for (const monitor of monitors) {
      if (!monitor.enabled || !monitor.schedule) continue;
      try {
        const timer = new Cron(monitor.schedule, { protect: true, catch: (error) => this.failed(monitor.name, error) }, () =>
          this.fire(monitor.name).catch((error: unknown) => this.failed(monitor.name, error)),
        );
        this.timers.set(monitor.name, timer);
      } catch (error) {
        this.failed(monitor.name, error);
      }
    }
  }

  stop(): void {
    for (const timer of this.timers.values()) timer.stop();
    this.timers.clear();
  }

  private failed(monitor: string, error: unknown): void {
    this.log.warn('a scheduled monitor could not run', { monitor, error: String(error) });
  }
}
