import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  WorkbenchError,
  type ArtifactEntry,
  type DatasetInput,
  type Experiment,
  type MetricPoint,
  type RunDetail,
  type RunStatus,
  type RunSummary,
  type searchRunsInput,
  type SearchRunsResult,
  type TrackingChange,
} from '../../shared/contract';
import type { Logger } from '../log';
import { ARTIFACTS_DIR, STATE_DIR, type WorkspaceService } from '../workspace';
import { listFolder, listTree, readText, safeRelativePath, writeWhole } from './artifacts';
import { ChangeBatcher } from './changes';
import type { ExperimentRecord } from './experiments';
import { PARENT_RUN_TAG } from './runs';
import { parseFilter, parseOrderBy } from './search-filter';
import { TrackingStore, type RunView } from './store';
import { invalid } from './validation';

const READ_LIMIT_BYTES = 8 * 1024 * 1024;
const DETAIL_ARTIFACT_LIMIT = 1000;

export interface TrackingServiceOptions {
  workspace: WorkspaceService;
  log: Logger;
  emit: (change: TrackingChange) => void;
}

export interface TrackingService {
  // The tracking.* procedures.
  experiments(includeDeleted: boolean): Experiment[];
  createExperiment(name: string): Experiment;
  renameExperiment(id: string, name: string): Experiment;
  deleteExperiment(id: string): void;
  searchRuns(input: z.output<typeof searchRunsInput>): SearchRunsResult;
  run(runId: string): RunDetail;
  metricHistory(runId: string, keys: string[]): Record<string, MetricPoint[]>;
  artifacts(runId: string, path: string): ArtifactEntry[];
  readArtifact(runId: string, path: string): { path: string; text: string };
  setTag(runId: string, key: string, value: string): void;
  deleteRun(runId: string): void;
  // For the training service.
  experimentByName(name: string, create: boolean): Experiment;
  createRun(input: { experimentId: string; name: string; status: 'SCHEDULED' | 'RUNNING'; tags?: Record<string, string>; parentRunId?: string; startTime?: number }): RunSummary;
  setStatus(runId: string, status: RunStatus, endTime?: number): void;
  /** Params are immutable, as in MLflow: the same value again is fine, another is refused (`invalid_input`). */
  logParams(runId: string, params: Record<string, string>): void;
  logMetrics(runId: string, points: { key: string; value: number; step: number; timestamp: number }[]): void;
  setTags(runId: string, tags: Record<string, string>): void;
  logInputs(runId: string, inputs: DatasetInput[]): void;
  /** Atomic: a temporary file, then a rename. */
  writeArtifact(runId: string, path: string, data: string | Uint8Array): Promise<void>;
  /** Absolute; made if missing. */
  artifactDirectory(runId: string): string;
  /**
   * At workspace open: RUNNING runs tagged `workbench.source` = `training` become KILLED (the process that trained
   * them is gone). Tag a run `workbench.pid` with its training process's pid to keep it while that process lives.
   */
  markInterrupted(): number;
  /** The open workspace's store, for the MLflow REST API. */
  store(): TrackingStore;
  /** Sends the metric points still waiting to be told. */
  close(): void;
}

export function toExperiment(record: ExperimentRecord): Experiment {
  return {
    id: record.id,
    name: record.name,
    lifecycleStage: record.lifecycleStage,
    artifactLocation: record.artifactLocation,
    createdAt: record.creationTime,
    updatedAt: record.lastUpdateTime,
    tags: record.tags,
    runCount: record.runCount,
  };
}

/** JSON, and so the contract, has no NaN or infinity: such points stay in the store and in MLflow's API only. */
function finiteMetrics(view: RunView): Record<string, number> {
  return Object.fromEntries(view.metrics.filter((metric) => Number.isFinite(metric.value)).map((metric) => [metric.key, metric.value]));
}

export function toRunSummary(view: RunView): RunSummary {
  const { info } = view;
  return {
    id: info.id,
    experimentId: info.experimentId,
    name: info.name,
    status: info.status,
    startTime: info.startTime,
    endTime: info.endTime,
    parentRunId: view.tags[PARENT_RUN_TAG] ?? null,
    params: view.params,
    metrics: finiteMetrics(view),
    tags: view.tags,
  };
}

export function createTrackingService(options: TrackingServiceOptions): TrackingService {
  const { workspace, log } = options;
  const changes = new ChangeBatcher(options.emit);
  let current: TrackingStore | null = null;

  const store = (): TrackingStore => {
    const { info, store: workspaceStore } = workspace.active();
    if (current?.db === workspaceStore.db) return current;
    changes.flushAll();
    current = new TrackingStore(workspaceStore.db, join(info.path, STATE_DIR, ARTIFACTS_DIR, 'mlruns'), changes);
    log.info('tracking store ready', { workspace: info.path });
    return current;
  };

  const runFolder = (runId: string): { tracking: TrackingStore; folder: string } => {
    const tracking = store();
    return { tracking, folder: tracking.artifactFolder(tracking.runs.get(runId)) };
  };

  const service: TrackingService = {
    experiments: (includeDeleted) => store().experiments.list(includeDeleted ? 'all' : 'active').map(toExperiment),
    createExperiment: (name) => toExperiment(store().experiments.create(name)),
    renameExperiment: (id, name) => toExperiment(store().experiments.rename(id, name)),
    deleteExperiment: (id) => store().experiments.setLifecycle(id, 'deleted'),

    searchRuns(input) {
      const tracking = store();
      const search = {
        experimentIds: input.experimentIds.length > 0 ? input.experimentIds : ('active' as const),
        view: 'active' as const,
        clauses: parseFilter(input.filter),
        order: input.orderBy.map((term, index) => parseOrderBy(term, undefined, `orderBy[${index}]`)),
        includeChildren: input.includeChildren,
        offset: input.offset,
        limit: input.limit,
      };
      const page = tracking.search(search, false);
      return { runs: page.runs.map(toRunSummary), total: page.total, keys: tracking.keys(search, page.total) };
    },

    run(runId) {
      const tracking = store();
      const view = tracking.view(runId);
      return {
        ...toRunSummary(view),
        artifactUri: view.info.artifactUri,
        inputs: view.inputs.map((input) => ({ name: input.name, digest: input.digest, source: input.source, context: input.context })),
        artifacts: listTree(tracking.artifactRoot, tracking.artifactFolder(view.info), DETAIL_ARTIFACT_LIMIT),
        childCount: tracking.runs.childCount(runId),
      };
    },

    metricHistory(runId, keys) {
      const tracking = store();
      tracking.runs.get(runId);
      const result: Record<string, MetricPoint[]> = {};
      for (const [key, points] of tracking.metrics.histories(runId, keys)) {
        result[key] = points.filter((point) => Number.isFinite(point.value)).map(({ step, value, timestamp }) => ({ step, value, timestamp }));
      }
      return result;
    },

    artifacts(runId, path) {
      const { tracking, folder } = runFolder(runId);
      const rel = safeRelativePath('path', path);
      return listFolder(tracking.artifactRoot, rel ? `${folder}/${rel}` : folder, folder);
    },

    readArtifact(runId, path) {
      const { tracking, folder } = runFolder(runId);
      const rel = safeRelativePath('path', path);
      if (rel === '') throw invalid('path', 'name a file to read.');
      return { path: rel, text: readText(tracking.artifactRoot, `${folder}/${rel}`, READ_LIMIT_BYTES) };
    },

    setTag: (runId, key, value) => store().logBatch(runId, { tags: { [key]: value } }),
    deleteRun: (runId) => void store().setRunLifecycle(runId, 'deleted'),

    experimentByName(name, create) {
      const tracking = store();
      const found = tracking.experiments.byName(name);
      if (found?.lifecycleStage === 'deleted') throw invalid('experiment', `the experiment "${name}" is deleted; restore it or choose another name.`);
      if (found) return toExperiment(found);
      if (!create) throw new WorkbenchError('not_found', `No experiment named "${name}".`, { name });
      return toExperiment(tracking.experiments.create(name));
    },

    createRun(input) {
      const tracking = store();
      const run = tracking.createRun({
        experimentId: input.experimentId,
        name: input.name,
        status: input.status,
        ...(input.tags ? { tags: input.tags } : {}),
        ...(input.parentRunId === undefined ? {} : { parentRunId: input.parentRunId }),
        ...(input.startTime === undefined ? {} : { startTime: input.startTime }),
      });
      return toRunSummary(tracking.view(run.id));
    },

    setStatus: (runId, status, endTime) => void store().updateRun(runId, { status, ...(endTime === undefined ? {} : { endTime }) }),
    logParams: (runId, params) => store().logBatch(runId, { params }),
    logMetrics: (runId, points) => store().logBatch(runId, { metrics: points }),
    setTags: (runId, tags) => store().logBatch(runId, { tags }),
    logInputs: (runId, inputs) =>
      store().logInputs(
        runId,
        inputs.map((input) => ({ ...input, sourceType: 'local', schema: null, profile: null, tags: { 'mlflow.data.context': input.context } })),
      ),

    async writeArtifact(runId, path, data) {
      const { tracking, folder } = runFolder(runId);
      const rel = safeRelativePath('path', path);
      if (rel === '') throw invalid('path', 'an artifact needs a file name.');
      await writeWhole(tracking.artifactRoot, `${folder}/${rel}`, data);
    },

    artifactDirectory(runId) {
      const { tracking, folder } = runFolder(runId);
      const directory = join(tracking.artifactRoot, ...folder.split('/'));
      mkdirSync(directory, { recursive: true });
      return directory;
    },

    markInterrupted: () => store().markInterrupted(),
    store,
    close: () => changes.flushAll(),
  };
  return service;
}
