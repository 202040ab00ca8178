import {
  isWorkbenchError,
  WorkbenchError,
  type BackendInfo,
  type Proposal,
  type Provenance,
  type QueueEntry,
  type SavedJob,
  type TrainResult,
  type TrainSpec,
} from '../../shared/contract';
import type { DataService } from '../data';
import type { JobContext, JobRunner } from '../jobs';
import type { Logger } from '../log';
import type { TrackingService } from '../tracking';
import { checkSearchSpec } from '../tuning';
import type { WorkspaceService } from '../workspace';
import { listBackends } from './engine';
import { proposePipeline } from './pipeline';
import { findDataset, loadData, prepare, problemsOf, throwProblems } from './prepare';
import { TrainingStore, type StoredEntry } from './queue-store';
import { TrainingQueue } from './queue';
import { trainRun, type RunDeps } from './run';
import { checkSchedule, CronSchedules, nextRun } from '../schedules';
import { searchRun } from './search';

export interface TrainingServiceOptions {
  workspace: WorkspaceService;
  data: DataService;
  tracking: TrackingService;
  jobs: JobRunner;
  log: Logger;
  /** The workspace's git commit and dirty flag, when it is a repository. */
  provenance: () => Promise<Provenance | null>;
  emit: (entry: QueueEntry) => void;
  /** Run the queue and the schedules in this process (false for one-shot commands such as `workbench train`). */
  background?: boolean;
}

type Problem = { field: string; message: string };

export interface TrainingService {
  backends(): Promise<BackendInfo[]>;
  propose(dataset: string, target: string): Promise<Proposal>;
  check(spec: TrainSpec, signal: AbortSignal): Promise<Problem[]>;
  start(spec: TrainSpec, origin: { jobName: string | null; trigger: QueueEntry['trigger'] }): QueueEntry;
  startJob(name: string, trigger: QueueEntry['trigger']): QueueEntry;
  queue(): QueueEntry[];
  cancel(queueId: string): QueueEntry;
  retry(queueId: string): QueueEntry;
  whenDone(queueId: string): Promise<TrainResult>;
  /** Trains at once in this process, outside the queue (the CLI). */
  trainNow(spec: TrainSpec, context: JobContext): Promise<TrainResult>;
  jobs(): SavedJob[];
  saveJob(input: { name: string; spec: TrainSpec; schedule: string | null; enabled: boolean }): SavedJob;
  deleteJob(name: string): void;
  /** At workspace open (and at start): interrupted runs marked, queued ones resumed, schedules set. */
  opened(): void;
  close(): void;
}

const noProgress = (signal: AbortSignal): JobContext => ({ signal, progress: () => undefined });

export function createTrainingService(options: TrainingServiceOptions): TrainingService {
  const { workspace, data, tracking, log } = options;
  const store = (): TrainingStore => new TrainingStore(workspace.active().store.db);
  const deps: RunDeps = { tracking, provenance: options.provenance, log };

  /** Failures before training began (bad data, a cancel while reading) must still end the run. */
  const endIfOpen = (runId: string, error: unknown, aborted: boolean): void => {
    const status = tracking.run(runId).status;
    if (status !== 'SCHEDULED' && status !== 'RUNNING') return;
    tracking.setTags(runId, { 'workbench.error': error instanceof Error ? error.message.slice(0, 5000) : String(error) });
    tracking.setStatus(runId, aborted || (isWorkbenchError(error) && error.code === 'cancelled') ? 'KILLED' : 'FAILED', Date.now());
  };

  const execute = async (stored: StoredEntry, context: JobContext): Promise<TrainResult> => {
    const { spec, entry } = stored;
    context.progress(null, `reading ${spec.dataset}`);
    const { dataset, frame } = await loadData(data, spec, context.signal);
    throwProblems(problemsOf(spec, frame), dataset.name);
    context.progress(0.02, 'splitting and fitting the pipeline');
    const prepared = prepare(spec, dataset, frame);
    if (spec.search) return searchRun(deps, prepared, spec, entry.runId, context);
    return trainRun(deps, prepared, spec, entry.runId, context, { span: [0.03, 1], full: true });
  };

  const createRun = (spec: TrainSpec): { runId: string; experimentId: string } => {
    const experiment = tracking.experimentByName(spec.experiment, true);
    const name = spec.runName ?? `${spec.algorithm.kind}-${spec.dataset}-${new Date().toISOString().slice(5, 19).replace('T', '-')}`;
    const tags: Record<string, string> = { 'workbench.source': 'training', 'mlflow.runName': name, ...(spec.search ? { 'workbench.search': 'true' } : {}) };
    const run = tracking.createRun({ experimentId: experiment.id, name, status: 'SCHEDULED', tags });
    return { runId: run.id, experimentId: experiment.id };
  };

  /** Runs cut off by a stop end KILLED, with any trials they had running. */
  const killInterrupted = (runIds: string[]): void => {
    for (const runId of runIds) {
      const children = tracking.searchRuns({ experimentIds: [], filter: `tags.mlflow.parentRunId = '${runId}' and attributes.status = 'RUNNING'`, orderBy: [], offset: 0, limit: 1000, includeChildren: true });
      for (const id of [runId, ...children.runs.map((run) => run.id)]) {
        const status = tracking.run(id).status;
        if (status === 'RUNNING' || status === 'SCHEDULED') {
          tracking.setTags(id, { 'workbench.error': 'The workbench stopped while this was training.' });
          tracking.setStatus(id, 'KILLED', Date.now());
        }
      }
    }
  };

  const queue = new TrainingQueue({
    store,
    jobs: options.jobs,
    log,
    emit: options.emit,
    execute: async (stored, context) => {
      try {
        return await execute(stored, context);
      } catch (error) {
        endIfOpen(stored.entry.runId, error, context.signal.aborted);
        throw error;
      }
    },
    createRun,
    killRun: (runId) => tracking.setStatus(runId, 'KILLED', Date.now()),
  });

  const startJob = (name: string, trigger: QueueEntry['trigger']): QueueEntry => {
    const job = store().job(name);
    if (!job) throw new WorkbenchError('not_found', `job: there is no saved training job "${name}".`, { field: 'job' });
    return queue.enqueue(job.spec, { jobName: job.name, trigger });
  };

  const scheduler = new CronSchedules(
    (name) => {
      const pending = queue.list().some((entry) => entry.jobName === name && (entry.state === 'queued' || entry.state === 'running'));
      if (pending) return log.info('a scheduled job is still queued or training; this firing is skipped', { job: name });
      startJob(name, 'schedule');
    },
    log,
    'a scheduled training job could not be started',
  );

  const withNext = (job: Omit<SavedJob, 'nextRunAt'>): SavedJob => ({ ...job, nextRunAt: job.enabled ? nextRun(job.schedule) : null });

  return {
    backends: () => listBackends(),
    async propose(datasetName, target) {
      const dataset = findDataset(data, datasetName);
      const profile = await data.profile({ dataset: dataset.id, targetColumn: target, refresh: false }, noProgress(new AbortController().signal));
      return proposePipeline(profile, target);
    },
    async check(spec, signal) {
      const problems: Problem[] = spec.search ? [...checkSearchSpec(spec.search, spec)] : [];
      try {
        const { frame } = await loadData(data, spec, signal);
        problems.push(...problemsOf(spec, frame));
      } catch (error) {
        if (!isWorkbenchError(error)) throw error;
        const listed = (error.details?.problems as Problem[] | undefined) ?? [{ field: typeof error.details?.field === 'string' ? error.details.field : 'dataset', message: error.message }];
        problems.push(...listed);
      }
      return problems;
    },
    start: (spec, origin) => {
      if (spec.search) {
        const problems = checkSearchSpec(spec.search, spec);
        if (problems.length > 0) throw new WorkbenchError('invalid_input', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { problems });
      }
      return queue.enqueue(spec, origin);
    },
    startJob,
    queue: () => queue.list(),
    cancel: (queueId) => queue.cancel(queueId),
    retry(queueId) {
      const { entry, spec } = queue.get(queueId);
      if (entry.state === 'queued' || entry.state === 'running') throw new WorkbenchError('conflict', 'This entry has not finished; only finished entries can be retried.');
      return queue.enqueue(spec, { jobName: entry.jobName, trigger: 'retry' });
    },
    whenDone: (queueId) => queue.whenDone(queueId),
    async trainNow(spec, context) {
      const { runId } = createRun(spec);
      const entry: QueueEntry = { id: runId, jobName: null, title: 'cli', trigger: 'cli', state: 'running', runId, experimentId: '', jobId: null, queuedAt: Date.now(), startedAt: Date.now(), finishedAt: null, error: null };
      try {
        return await execute({ entry, spec, result: null }, context);
      } catch (error) {
        endIfOpen(runId, error, context.signal.aborted);
        throw error;
      }
    },
    jobs: () => store().jobs().map(withNext),
    saveJob(input) {
      if (input.schedule) checkSchedule(input.schedule);
      store().saveJob(input, Date.now());
      scheduler.reset(store().jobs());
      const saved = store().job(input.name);
      if (!saved) throw new WorkbenchError('internal', `The job "${input.name}" was not saved.`);
      return withNext(saved);
    },
    deleteJob(name) {
      if (!store().deleteJob(name)) throw new WorkbenchError('not_found', `job: there is no saved training job "${name}".`, { field: 'name' });
      scheduler.reset(store().jobs());
    },
    opened() {
      queue.stopRunning();
      scheduler.stop();
      try {
        workspace.active();
      } catch {
        return; // No workspace: nothing to recover or schedule.
      }
      if (options.background === false) return;
      const interrupted = queue.recover();
      killInterrupted(interrupted);
      tracking.markInterrupted(); // Runs of `workbench train` processes that died.
      if (interrupted.length > 0) log.info('training cut off by the last stop was marked killed', { runs: interrupted.length });
      scheduler.reset(store().jobs());
    },
    close() {
      scheduler.stop();
    },
  };
}
