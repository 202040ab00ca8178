import { randomUUID } from 'node:crypto';
import { WorkbenchError, type Alert, type Monitor, type MonitoringReport, type ReportSpec } from '../../../shared/contract';
import type { DataService } from '../../data';
import type { JobContext } from '../../jobs';
import type { Logger } from '../../log';
import type { RegistryService } from '../../registry';
import type { TrackingService } from '../../tracking';
import type { TrainingService } from '../../training';
import type { WorkspaceService } from '../../workspace';
import { compareChallenger } from './challenger';
import { checkSchedule, CronSchedules, nextRun } from '../../schedules';
import { MonitorStore } from './store';

/** The tag that links a retraining run to the report that caused it. */
export const REPORT_TAG = 'workbench.monitoring.report';
export const MONITOR_TAG = 'workbench.monitoring.monitor';

/** What a monitor needs of the report service. */
export interface ReportRunner {
  run(spec: ReportSpec, job: JobContext): Promise<MonitoringReport>;
}

export interface MonitorServiceOptions {
  workspace: WorkspaceService;
  reports: ReportRunner;
  training: Pick<TrainingService, 'jobs' | 'startJob' | 'whenDone'>;
  tracking: TrackingService;
  registry: Pick<RegistryService, 'resolve'>;
  data: DataService;
  log: Logger;
  /** A new alert, and again once its challenger comparison is stored. */
  emit: (alert: Alert) => void;
  /** Run the schedules in this process (false for one-shot commands). */
  background?: boolean;
}

export interface MonitorRun {
  reportId: string;
  alerts: string[];
  retrainRunId: string | null;
}

export interface MonitorService {
  monitors(): Monitor[];
  save(input: { name: string; spec: ReportSpec; schedule: string | null; enabled: boolean; retrainJob: string | null }): Monitor;
  delete(name: string): void;
  run(name: string, signal?: AbortSignal): Promise<MonitorRun>;
  alerts(): Alert[];
  acknowledge(id: string): Alert;
  /** The alert once its retraining run has ended and the challenger was compared (at once when there is none). */
  whenCompared(alertId: string): Promise<Alert>;
  /** At workspace open (and at start): schedules re-armed. */
  opened(): void;
  close(): void;
}

export function createMonitorService(options: MonitorServiceOptions): MonitorService {
  const { workspace, training, tracking, log } = options;
  const store = (): MonitorStore => new MonitorStore(workspace.active().store.db);
  const comparisons = new Map<string, Promise<Alert>>();
  const running = new Set<string>();

  const withNext = (monitor: Omit<Monitor, 'nextRunAt'>): Monitor => ({ ...monitor, nextRunAt: monitor.enabled ? nextRun(monitor.schedule) : null });

  const findMonitor = (name: string): Omit<Monitor, 'nextRunAt'> => {
    const monitor = store().monitor(name);
    if (!monitor) throw new WorkbenchError('not_found', `name: there is no monitor "${name}".`, { field: 'name' });
    return monitor;
  };

  /** After the run ends: the comparison is stored on every alert of the report. */
  const compareLater = (at: MonitorStore, alertIds: string[], queueId: string, runId: string, spec: ReportSpec): void => {
    const done = training
      .whenDone(queueId)
      .then(
        () => compareChallenger({ data: options.data, registry: options.registry, tracking, spec, runId }),
        (error: unknown) => ({
          metric: '',
          higherIsBetter: true,
          rows: 0,
          champion: null,
          challenger: null,
          winner: null,
          skipped: `The retraining run did not finish: ${error instanceof Error ? error.message : String(error)}`,
        }),
      )
      .then((comparison) =>
        alertIds.map((id) => {
          at.setComparison(id, comparison);
          const alert = at.alert(id);
          if (!alert) throw new WorkbenchError('internal', `The alert ${id} was not saved.`);
          options.emit(alert);
          return alert;
        }),
      );
    alertIds.forEach((id, i) => {
      const one = done.then((alerts) => alerts[i] as Alert);
      one.catch((error: unknown) => log.warn('the challenger could not be compared with the champion', { runId, error: String(error) }));
      comparisons.set(id, one);
      void one.finally(() => comparisons.delete(id)).catch(() => undefined);
    });
  };

  const startRetraining = (monitor: Omit<Monitor, 'nextRunAt'>, report: MonitoringReport): { queueId: string; runId: string } | { error: string } => {
    if (!monitor.retrainJob) return { error: '' };
    try {
      const entry = training.startJob(monitor.retrainJob, 'api');
      tracking.setTags(entry.runId, { [REPORT_TAG]: report.id, [MONITOR_TAG]: monitor.name });
      return { queueId: entry.id, runId: entry.runId };
    } catch (error) {
      log.warn('a monitor could not start its retraining job', { monitor: monitor.name, job: monitor.retrainJob, error: String(error) });
      return { error: `Retraining could not start: ${error instanceof Error ? error.message : String(error)}` };
    }
  };

  const run = async (name: string, signal: AbortSignal = new AbortController().signal): Promise<MonitorRun> => {
    const at = store();
    const monitor = findMonitor(name);
    if (running.has(name)) throw new WorkbenchError('conflict', `The monitor "${name}" is already running.`);
    running.add(name);
    try {
      const report = await options.reports.run(monitor.spec, { signal, progress: () => undefined });
      at.setLastReport(name, report.id);
      if (report.alerts.length === 0) return { reportId: report.id, alerts: [], retrainRunId: null };
      const retraining = startRetraining(monitor, report);
      const runId = 'runId' in retraining ? retraining.runId : null;
      const failure = 'error' in retraining && retraining.error ? ` ${retraining.error}` : '';
      const now = Date.now();
      const alerts: Alert[] = report.alerts.map((message) => ({
        id: randomUUID(),
        at: now,
        monitor: name,
        reportId: report.id,
        message: `${message}${failure}`,
        retrainRunId: runId,
        acknowledged: false,
        comparison: null,
      }));
      for (const alert of alerts) {
        at.insertAlert(alert);
        options.emit(alert);
      }
      if ('queueId' in retraining) compareLater(at, alerts.map((alert) => alert.id), retraining.queueId, retraining.runId, monitor.spec);
      return { reportId: report.id, alerts: report.alerts, retrainRunId: runId };
    } finally {
      running.delete(name);
    }
  };

  const scheduler = new CronSchedules((name) => run(name), log, 'a scheduled monitor could not run');

  return {
    monitors: () => store().monitors().map(withNext),
    save(input) {
      if (input.schedule) checkSchedule(input.schedule);
      if (input.retrainJob && !training.jobs().some((job) => job.name === input.retrainJob)) {
        throw new WorkbenchError('not_found', `retrainJob: there is no saved training job "${input.retrainJob}".`, { field: 'retrainJob' });
      }
      const at = store();
      at.save(input, Date.now());
      scheduler.reset(at.monitors());
      const saved = at.monitor(input.name);
      if (!saved) throw new WorkbenchError('internal', `The monitor "${input.name}" was not saved.`);
      return withNext(saved);
    },
    delete(name) {
      const at = store();
      if (!at.delete(name)) throw new WorkbenchError('not_found', `name: there is no monitor "${name}".`, { field: 'name' });
      scheduler.reset(at.monitors());
    },
    run,
    alerts: () => store().alerts(),
    acknowledge(id) {
      const at = store();
      if (!at.acknowledge(id)) throw new WorkbenchError('not_found', `id: there is no alert "${id}".`, { field: 'id' });
      return at.alert(id) as Alert;
    },
    async whenCompared(alertId) {
      const pending = comparisons.get(alertId);
      if (pending) return pending;
      const alert = store().alert(alertId);
      if (!alert) throw new WorkbenchError('not_found', `id: there is no alert "${alertId}".`, { field: 'id' });
      return alert;
    },
    opened() {
      scheduler.stop();
      try {
        workspace.active();
      } catch {
        return; // No workspace: nothing to schedule.
      }
      if (options.background === false) return;
      scheduler.reset(store().monitors());
    },
    close() {
      scheduler.stop();
    },
  };
}
