import type Database from 'better-sqlite3';
import type { RunStatus } from '../../shared/contract';
import type { ChangeBatcher } from './changes';
import { ExperimentStore, type LifecycleStage } from './experiments';
import { MetricStore, type MetricRecord } from './metrics';
import { LoggedModelStore } from './models';
import { randomRunName, newRunId } from './names';
import { PARENT_RUN_TAG, RunStore, RUN_NAME_TAG, USER_TAG, type InputRecord, type RunInfo } from './runs';
import { registerSearchFunctions, searchKeys, searchRunPage, type RunSearch } from './search-sql';
import { checkKey } from './validation';

/** A run whole, as both the workbench's API and MLflow's answer it. */
export interface RunView {
  info: RunInfo;
  params: Record<string, string>;
  tags: Record<string, string>;
  /** The latest point of each key. */
  metrics: MetricRecord[];
  inputs: InputRecord[];
  outputs: { modelId: string; step: number }[];
}

export interface NewRun {
  experimentId: string;
  name?: string | null;
  userId?: string;
  status: RunStatus;
  startTime?: number;
  tags?: Record<string, string>;
  parentRunId?: string;
}

export const SOURCE_TAG = 'workbench.source';
export const PID_TAG = 'workbench.pid';
export const ARTIFACT_SCHEME = 'mlflow-artifacts:/';
const TERMINAL: ReadonlySet<RunStatus> = new Set(['FINISHED', 'FAILED', 'KILLED']);

/**
 * The tracking store of one workspace: the tables of migration 6 in its SQLite
 * store, and the artifact folder. Every write is one IMMEDIATE transaction
 * (WAL, synchronous FULL), so a `kill -9` loses at most the write in flight.
 */
export class TrackingStore {
  readonly experiments: ExperimentStore;
  readonly runs: RunStore;
  readonly metrics: MetricStore;
  readonly models: LoggedModelStore;

  constructor(
    readonly db: Database.Database,
    /** Absolute: `<workspace>/.workbench/artifacts/mlruns`, what `mlflow-artifacts:/` points at. */
    readonly artifactRoot: string,
    private readonly changes: ChangeBatcher,
  ) {
    registerSearchFunctions(db);
    this.experiments = new ExperimentStore(db);
    this.runs = new RunStore(db);
    this.metrics = new MetricStore(db);
    this.models = new LoggedModelStore(db);
  }

  write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  createRun(input: NewRun): RunInfo {
    const run = this.write(() => {
      this.experiments.requireActive(input.experimentId);
      const tags = { ...input.tags };
      if (input.parentRunId !== undefined) {
        this.runs.get(input.parentRunId);
        tags[PARENT_RUN_TAG] = input.parentRunId;
      }
      const id = newRunId();
      const info: RunInfo = {
        id,
        experimentId: input.experimentId,
        name: input.name || tags[RUN_NAME_TAG] || randomRunName(),
        userId: input.userId ?? tags[USER_TAG] ?? '',
        status: input.status,
        startTime: input.startTime ?? Date.now(),
        endTime: null,
        lifecycleStage: 'active',
        artifactUri: `${ARTIFACT_SCHEME}${input.experimentId}/${id}/artifacts`,
      };
      this.runs.insert(info, tags);
      return info;
    });
    this.changes.now('created', run);
    return run;
  }

  /** A terminal status without an end time ends now; a status change is told at once. */
  updateRun(runId: string, changes: { status?: RunStatus; endTime?: number | null; name?: string }): RunInfo {
    const before = this.runs.get(runId);
    const endTime = changes.endTime ?? (changes.status && TERMINAL.has(changes.status) && before.endTime === null ? Date.now() : undefined);
    const run = this.write(() => this.runs.update(runId, { ...changes, ...(endTime === undefined ? {} : { endTime }) }));
    this.changes.now('updated', run);
    return run;
  }

  setRunLifecycle(runId: string, stage: LifecycleStage): RunInfo {
    const run = this.write(() => this.runs.setLifecycle(runId, stage));
    this.changes.now(stage === 'deleted' ? 'deleted' : 'updated', run);
    return run;
  }

  /** Params, metrics and tags together, all or nothing (params first: a changed param fails the whole batch). */
  logBatch(runId: string, batch: { metrics?: readonly MetricRecord[]; params?: Record<string, string>; tags?: Record<string, string> }): void {
    const run = this.write(() => {
      const active = this.runs.requireActive(runId);
      if (batch.params) this.runs.logParams(runId, batch.params);
      if (batch.metrics && batch.metrics.length > 0) {
        batch.metrics.forEach((point, index) => checkKey(`metrics[${index}].key`, point.key));
        this.metrics.log(runId, batch.metrics);
      }
      if (batch.tags) this.runs.setTags(runId, batch.tags);
      return batch.tags?.[RUN_NAME_TAG] === undefined ? active : this.runs.get(runId);
    });
    if (batch.metrics && batch.metrics.length > 0) this.changes.metrics(run, batch.metrics);
    if (batch.tags?.[RUN_NAME_TAG] !== undefined) this.changes.now('updated', run);
  }

  deleteTag(runId: string, key: string): void {
    this.write(() => {
      this.runs.requireActive(runId);
      this.runs.deleteTag(runId, key);
    });
  }

  logInputs(runId: string, inputs: readonly InputRecord[], models: readonly string[] = []): void {
    this.write(() => {
      this.runs.requireActive(runId);
      this.runs.logInputs(runId, [...inputs]);
      for (const modelId of models) this.models.get(modelId);
    });
  }

  logOutputs(runId: string, models: readonly { modelId: string; step: number }[]): void {
    this.write(() => {
      this.runs.requireActive(runId);
      for (const model of models) this.models.get(model.modelId);
      this.runs.logOutputs(runId, [...models]);
    });
  }

  view(runId: string): RunView {
    const info = this.runs.get(runId);
    const [view] = this.views([info]);
    return view ?? { info, params: {}, tags: {}, metrics: [], inputs: [], outputs: [] };
  }

  /** Params, tags and latest metrics of a page of runs, three queries whatever the page's size. */
  views(infos: readonly RunInfo[], withInputs = true): RunView[] {
    const ids = JSON.stringify(infos.map((info) => info.id));
    const grouped = (table: string): Map<string, Record<string, string>> => {
      const map = new Map<string, Record<string, string>>();
      // Rows as arrays (raw): a page of 1,000 runs has tens of thousands of them.
      const rows = this.db.prepare(`SELECT run_id, key, value FROM ${table} WHERE run_id IN (SELECT value FROM json_each(?))`).raw().all(ids) as [string, string, string][];
      for (const [runId, key, value] of rows) {
        let into = map.get(runId);
        if (!into) map.set(runId, (into = {}));
        into[key] = value;
      }
      return map;
    };
    const params = grouped('tracking_params');
    const tags = grouped('tracking_tags');
    const latest = this.metrics.latest(infos.map((info) => info.id));
    return infos.map((info) => ({
      info,
      params: params.get(info.id) ?? {},
      tags: tags.get(info.id) ?? {},
      metrics: latest.get(info.id) ?? [],
      inputs: withInputs ? this.runs.inputs(info.id) : [],
      outputs: withInputs ? this.runs.outputs(info.id) : [],
    }));
  }

  search(search: RunSearch, withInputs = true): { runs: RunView[]; total: number } {
    const page = searchRunPage(this.db, search);
    return { runs: this.views(page.runs, withInputs), total: page.total };
  }

  /** `total`: how many runs match (searchRunPage's count), which picks the cheaper way to gather the keys. */
  keys(search: RunSearch, total: number): { params: string[]; metrics: string[]; tags: string[] } {
    return searchKeys(this.db, search, total);
  }

  /** The run's artifact folder relative to the artifact root: `<experiment>/<run>/artifacts`. */
  artifactFolder(run: RunInfo): string {
    return run.artifactUri.startsWith(ARTIFACT_SCHEME) ? run.artifactUri.slice(ARTIFACT_SCHEME.length) : `${run.experimentId}/${run.id}/artifacts`;
  }

  /**
   * RUNNING runs that workbench training started are KILLED: the process that
   * trained them is gone. A run tagged with the pid of a live process (say
   * `workbench train` beside the app) is left alone.
   */
  markInterrupted(now = Date.now()): number {
    const candidates = this.runs.runningWithTag(SOURCE_TAG, 'training', PID_TAG).filter((run) => run.pid === null || !processAlive(run.pid));
    const killed = this.write(() => candidates.map((run) => this.runs.update(run.id, { status: 'KILLED', endTime: now })));
    for (const run of killed) this.changes.now('updated', run);
    return killed.length;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
