import { join } from 'node:path';
import { WorkbenchError, type HostMode } from '../../shared/contract';
import { createEventBus, createRouter, type EventBus, type Implementation, type Router } from '../api';
import { chartData, ChartStore, createDataService, type DataService } from '../data';
import { createGitService } from '../git';
import { createJobRunner, type JobRunner } from '../jobs';
import { createMonitoringService, createMonitorService, type MonitoringService, type MonitorService } from '../monitoring';
import { createNotebookService } from '../notebooks';
import { createRegistryService, type RegistryService } from '../registry';
import { createScoringService, type ScoringService } from '../scoring';
import { createServingService, type ServingService } from '../serving';
import { createTrackingService, type TrackingService } from '../tracking';
import { createTrainingService, type TrainingService } from '../training';
import type { SecretBox } from '../secrets';
import type { Logger } from '../log';
import { createWorkspaceService, type WorkspaceService } from '../workspace';
import { WORKBENCH_VERSION } from './version';

/** Abilities only a desktop host has; server mode has none. */
export interface HostAbilities {
  pickFolder(title: string | undefined): Promise<string | null>;
}

export interface BackendOptions {
  mode: HostMode;
  appHome: string;
  sampleDir: string;
  resourcesDir: string;
  log: Logger;
  host?: HostAbilities;
  /** Encrypts saved secrets (remote Jupyter tokens); without one they are kept in memory only. */
  secrets?: SecretBox;
  /** For tests: where running Jupyter servers leave their runtime files. */
  jupyterRuntimeDir?: string;
  /** Run the training queue and schedules here (false for one-shot commands: `workbench train`). */
  background?: boolean;
}

/** Every service, wired together behind one router; the same for Electron and server mode. */
export interface Backend {
  readonly router: Router;
  readonly bus: EventBus;
  readonly jobs: JobRunner;
  readonly workspace: WorkspaceService;
  readonly data: DataService;
  readonly tracking: TrackingService;
  readonly training: TrainingService;
  readonly registry: RegistryService;
  /** Local model servers (MLflow's scoring protocol and the Open Inference Protocol v2). */
  readonly serving: ServingService;
  /** Batch scoring: a dataset or file scored in chunks into a new Parquet file. */
  readonly scoring: ScoringService;
  /** Drift and quality reports: run, saved, exported as standalone HTML. */
  readonly monitoring: MonitoringService;
  /** Monitors: reports on a cron schedule or through the API, alerts, retraining. */
  readonly monitors: MonitorService;
  /** Set by the host once its HTTP server listens: where MLflow clients log into this workbench. */
  setTrackingEndpoint(endpoint: { uri: string; token: string } | null): void;
  close(): Promise<void>;
}

export function createBackend(options: BackendOptions): Backend {
  const { log } = options;
  const startedAt = Date.now();
  const bus = createEventBus(log);
  const workspace = createWorkspaceService({
    appHome: options.appHome,
    sampleDir: options.sampleDir,
    resourcesDir: options.resourcesDir,
    log,
    onChange: (info) => {
      bus.emit('workspace.changed', info);
      // Not built yet on the first open, which `createBackend`'s callers do after it returns.
      late.training?.opened();
      late.monitors?.opened();
      // Servers serve the registry of the workspace that was open: they stop with it.
      void late.serving?.stopAll();
    },
  });
  const late: { training?: TrainingService; serving?: ServingService; monitors?: MonitorService } = {};
  const data = createDataService({ workspace, log });
  const charts = (): ChartStore => new ChartStore(workspace.active().store.db);
  const notebooks = createNotebookService({
    workspace,
    log,
    ...(options.secrets ? { secrets: options.secrets } : {}),
    ...(options.jupyterRuntimeDir ? { runtimeDir: options.jupyterRuntimeDir } : {}),
    datasets: () => data.list(),
    emit: {
      jupyter: (status) => bus.emit('jupyter.changed', status),
      kernelStatus: (session) => bus.emit('kernels.status', session),
      kernelMessage: (message) => bus.emit('kernels.message', message),
      changedOnDisk: (change) => bus.emit('notebooks.changedOnDisk', change),
    },
  });
  const git = createGitService({
    workspace,
    log,
    datasetFiles: () => data.list().filter((dataset) => dataset.format !== 'sql').map((dataset) => dataset.location.split('::')[0] ?? dataset.location),
    emit: (status) => bus.emit('git.changed', status),
    ...(options.secrets ? { secrets: options.secrets } : {}),
  });
  const jobs = createJobRunner({
    log,
    emit: (snapshot) => bus.emit('jobs.changed', snapshot),
    onFinished: (snapshot) => workspace.recordJob(snapshot),
  });
  const tracking = createTrackingService({ workspace, log, emit: (change) => bus.emit('tracking.changed', change) });
  const training = createTrainingService({
    workspace,
    data,
    tracking,
    jobs,
    log,
    provenance: async () => {
      const provenance = await git.provenance().catch(() => null);
      return provenance?.repository ? provenance : null;
    },
    emit: (entry) => bus.emit('training.queueChanged', entry),
    background: options.background ?? true,
  });
  late.training = training;
  const registry = createRegistryService({
    workspace,
    tracking,
    log,
    emit: (change) => bus.emit('registry.changed', change),
    ...(options.secrets ? { secrets: options.secrets } : {}),
  });
  const serving = createServingService({
    registry,
    log,
    version: WORKBENCH_VERSION,
    emit: { request: (entry) => bus.emit('serving.request', entry), changed: (id) => bus.emit('serving.changed', { id }) },
    inferenceLog: {
      directory: () => {
        const open = workspace.current();
        return open ? join(open.path, '.workbench', 'inference') : null;
      },
      // The log's folder, as one dataset whose view reads every segment there now and later.
      register: async (_model, name, glob) => {
        if (data.list().some((dataset) => dataset.name === name)) return;
        await data.add({ path: glob, name, format: 'parquet' }, { signal: new AbortController().signal, progress: () => undefined });
      },
    },
  });
  late.serving = serving;
  const scoring = createScoringService({ workspace, data, registry, log });
  const monitoring = createMonitoringService({ workspace, data, registry, log });
  const monitors = createMonitorService({
    workspace,
    reports: monitoring,
    training,
    tracking,
    registry,
    data,
    log,
    emit: (alert) => bus.emit('monitoring.alert', alert),
    background: options.background ?? true,
  });
  late.monitors = monitors;
  let trackingEndpoint: { uri: string; token: string } | null = null;

  const implementation = {
    'system.health': () => ({ status: 'ok' as const, version: WORKBENCH_VERSION, uptimeSeconds: (Date.now() - startedAt) / 1000 }),
    'system.info': () => ({
      version: WORKBENCH_VERSION,
      mode: options.mode,
      platform: process.platform,
      nodeVersion: process.versions.node,
      nativeDialogs: options.host !== undefined,
    }),
    'workspace.current': () => workspace.current(),
    'workspace.open': ({ path }) => workspace.open(path),
    'workspace.create': ({ path }) => workspace.create(path),
    'workspace.recent': () => workspace.recent(),
    'workspace.forget': ({ path }) => workspace.forget(path),
    'workspace.usage': (_input, context) => workspace.usage(context),
    'data.list': () => data.list(),
    'data.add': (input, context) => data.add(input, context),
    'data.rename': ({ id, name }) => data.rename(id, name),
    'data.describe': ({ id, description }) => data.describe(id, description),
    'data.remove': async ({ id }) => {
      await data.remove(id);
      return { removed: true as const };
    },
    'data.unparsed': ({ id, column, limit }) => data.unparsed(id, column, limit),
    'data.query': ({ sql }, context) => data.query(sql, context),
    'data.page': async ({ resultId, offset, limit, sort, filters }) => ({ offset, rows: await data.page(resultId, offset, limit, { sort, filters }) }),
    'data.countResult': async ({ resultId, filters }, context) => ({ rows: await data.count(resultId, filters, context.signal) }),
    'data.closeResult': ({ resultId }) => {
      data.closeResult(resultId);
      return { closed: true as const };
    },
    'data.export': (input, context) => data.exportResult(input, context),
    'data.saveResult': (input, context) => data.saveResult(input, context),
    'data.profile': (input, context) => data.profile(input, context),
    'data.columns': async (target) => (await data.relation(target)).relation.columns,
    'data.chart': async ({ spec, dataset, resultId }, context) => {
      const { engine, relation } = await data.relation({ dataset, resultId });
      return chartData(engine, relation, spec, context.signal);
    },
    'charts.list': () => charts().list(),
    'charts.save': (input) => charts().save(input),
    'charts.delete': ({ id }) => {
      charts().delete(id);
      return { deleted: true as const };
    },
    'jupyter.status': () => notebooks.servers.status(),
    'jupyter.startLocal': (_input, context) => notebooks.servers.startLocal(context),
    'jupyter.stop': ({ id }) => notebooks.servers.stop(id),
    'jupyter.connect': (input) => notebooks.servers.connect(input),
    'jupyter.use': ({ id }) => notebooks.servers.use(id),
    'jupyter.forget': ({ id }) => notebooks.servers.forget(id),
    'jupyter.log': ({ id }) => ({ lines: notebooks.servers.log(id) }),
    'kernels.specs': () => notebooks.kernels.specs(),
    'kernels.start': ({ path, kernelName }) => notebooks.kernels.start(path, kernelName),
    'kernels.list': () => notebooks.kernels.list(),
    'kernels.execute': ({ sessionId, code, requestId }) => {
      notebooks.kernels.execute(sessionId, code, requestId);
      return { accepted: true as const };
    },
    'kernels.interrupt': ({ sessionId }) => notebooks.kernels.interrupt(sessionId),
    'kernels.restart': ({ sessionId }) => notebooks.kernels.restart(sessionId),
    'kernels.reconnect': ({ sessionId }) => notebooks.kernels.reconnect(sessionId),
    'kernels.shutdown': async ({ sessionId }) => {
      await notebooks.kernels.shutdown(sessionId);
      return { shutdown: true as const };
    },
    'kernels.complete': ({ sessionId, code, cursor }) => notebooks.kernels.complete(sessionId, code, cursor),
    'kernels.inspect': ({ sessionId, code, cursor }) => notebooks.kernels.inspect(sessionId, code, cursor),
    'notebooks.list': () => notebooks.files.list(),
    'notebooks.open': ({ path }) => notebooks.files.open(path),
    'notebooks.create': ({ path, kernelName }) => notebooks.files.create(path, kernelName),
    'notebooks.save': (input) => notebooks.files.save(input),
    'notebooks.close': ({ path }) => {
      notebooks.files.close(path);
      return { closed: true as const };
    },
    'notebooks.datasetCell': ({ datasetId }) => notebooks.datasetCell(datasetId),
    'git.status': () => git.status(),
    'git.provenance': () => git.provenance(),
    'git.init': () => git.init(),
    'git.diff': ({ target, notebookOutputs }) => git.diff(target, notebookOutputs),
    'git.stage': ({ paths }) => git.stage(paths),
    'git.unstage': ({ paths }) => git.unstage(paths),
    'git.discard': ({ paths }) => git.discard(paths),
    'git.commit': (input) => git.commit(input),
    'git.log': (page) => git.log(page),
    'git.show': ({ oid }) => git.show(oid),
    'git.refs': () => git.refs(),
    'git.createBranch': ({ name, from, checkout }) => git.createBranch(name, from, checkout),
    'git.switch': ({ ref }) => git.switch(ref),
    'git.renameBranch': ({ from, to }) => git.renameBranch(from, to),
    'git.deleteBranch': ({ name, force }) => git.deleteBranch(name, force),
    'git.createTag': ({ name, ref, message }) => git.createTag(name, ref, message),
    'git.deleteTag': ({ name }) => git.deleteTag(name),
    'git.merge': ({ theirs, fastForwardOnly }) => git.merge(theirs, fastForwardOnly),
    'git.abortMerge': () => git.abortMerge(),
    'git.remotes': () => git.remotes(),
    'git.addRemote': ({ name, url }) => git.addRemote(name, url),
    'git.removeRemote': ({ name }) => git.removeRemote(name),
    'git.setCredentials': ({ remote, credentials }) => git.setCredentials(remote, credentials),
    'git.forgetCredentials': ({ remote }) => git.forgetCredentials(remote),
    'git.fetch': ({ remote }, context) => git.fetch(remote, context),
    'git.pull': ({ remote }, context) => git.pull(remote, context),
    'git.push': ({ remote, branch }, context) => git.push(remote, branch, context),
    'git.outboundLog': ({ limit }) => git.outboundLog(limit),
    'git.clone': (input, context) => git.clone(input, context),
    'git.author': () => git.author(),
    'git.setAuthor': (author) => git.setAuthor(author),
    'git.repairIndex': () => git.repairIndex(),
    'training.backends': () => training.backends(),
    'training.propose': ({ dataset, target }) => training.propose(dataset, target),
    'training.check': async ({ spec }, context) => ({ problems: await training.check(spec, context.signal) }),
    'training.start': (input) => {
      const entry = 'job' in input ? training.startJob(input.job, input.trigger) : training.start(input.spec, { jobName: null, trigger: input.trigger });
      return { queueId: entry.id, runId: entry.runId, experimentId: entry.experimentId };
    },
    'training.queue': () => training.queue(),
    'training.cancel': ({ queueId }) => training.cancel(queueId),
    'training.retry': ({ queueId }) => {
      const entry = training.retry(queueId);
      return { queueId: entry.id, runId: entry.runId, experimentId: entry.experimentId };
    },
    'training.jobs': () => training.jobs(),
    'training.saveJob': (input) => training.saveJob(input),
    'training.deleteJob': ({ name }) => {
      training.deleteJob(name);
      return { deleted: true as const };
    },
    'tracking.endpoint': () => trackingEndpoint,
    'tracking.experiments': ({ includeDeleted }) => tracking.experiments(includeDeleted),
    'tracking.createExperiment': ({ name }) => tracking.createExperiment(name),
    'tracking.renameExperiment': ({ id, name }) => tracking.renameExperiment(id, name),
    'tracking.deleteExperiment': ({ id }) => {
      tracking.deleteExperiment(id);
      return { deleted: true as const };
    },
    'tracking.searchRuns': (input) => tracking.searchRuns(input),
    'tracking.run': ({ runId }) => tracking.run(runId),
    'tracking.metricHistory': ({ runId, keys }) => tracking.metricHistory(runId, keys),
    'tracking.artifacts': ({ runId, path }) => tracking.artifacts(runId, path),
    'tracking.readArtifact': ({ runId, path }) => tracking.readArtifact(runId, path),
    'tracking.setTag': ({ runId, key, value }) => {
      tracking.setTag(runId, key, value);
      return { ok: true as const };
    },
    'tracking.deleteRun': ({ runId }) => {
      tracking.deleteRun(runId);
      return { deleted: true as const };
    },
    'registry.models': ({ query }) => registry.models(query),
    'registry.model': ({ name }) => registry.model(name),
    'registry.version': ({ name, version }) => registry.version(name, version),
    'registry.registerRun': (input, context) => registry.registerRun(input, context),
    'registry.importModel': (input, context) => registry.importModel(input, context),
    'registry.updateModel': (input) => registry.updateModel(input),
    'registry.deleteModel': ({ name }) => {
      registry.deleteModel(name);
      return { deleted: true as const };
    },
    'registry.updateVersion': (input) => registry.updateVersion(input),
    'registry.deleteVersion': ({ name, version }) => {
      registry.deleteVersion(name, version);
      return { deleted: true as const };
    },
    'registry.setAlias': ({ name, alias, version }) => registry.setAlias(name, alias, version),
    'registry.deleteAlias': ({ name, alias }) => registry.deleteAlias(name, alias),
    'registry.remote': () => registry.remote(),
    'registry.setRemote': (input) => registry.setRemote(input),
    'registry.forgetRemote': () => registry.forgetRemote(),
    'registry.remoteModels': ({ filter }, context) => registry.remoteModels(filter, context.signal),
    'registry.push': (input, context) => registry.push(input, context),
    'registry.pull': (input, context) => registry.pull(input, context),
    'registry.auditLog': ({ limit }) => registry.auditLog(limit),
    'serving.servers': () => serving.servers(),
    'serving.start': (input) => serving.start(input),
    'serving.stop': ({ id }) => serving.stop(id),
    'serving.requests': ({ id, limit }) => serving.requests(id, limit),
    'serving.tryIt': (input) => serving.tryIt(input),
    'scoring.batch': (input, context) => scoring.batch(input, context),
    'monitoring.run': ({ spec }, context) => monitoring.run(spec, context),
    'monitoring.reports': (input) => monitoring.reports(input),
    'monitoring.report': ({ id }) => monitoring.report(id),
    'monitoring.exportHtml': ({ id, path }) => monitoring.exportHtml(id, path),
    'monitoring.deleteReport': ({ id }) => {
      monitoring.deleteReport(id);
      return { deleted: true as const };
    },
    'monitoring.monitors': () => monitors.monitors(),
    'monitoring.saveMonitor': (input) => monitors.save(input),
    'monitoring.deleteMonitor': ({ name }) => {
      monitors.delete(name);
      return { deleted: true as const };
    },
    'monitoring.runMonitor': ({ name }, context) => monitors.run(name, context.signal),
    'monitoring.alerts': () => monitors.alerts(),
    'monitoring.acknowledge': ({ id }) => monitors.acknowledge(id),
    'jobs.list': () => jobs.list(),
    'jobs.get': ({ id }) => jobs.get(id),
    'jobs.cancel': ({ id }) => jobs.cancel(id),
    'host.pickFolder': async ({ title }) => {
      if (!options.host) {
        throw new WorkbenchError('unavailable', 'Folder dialogs exist only in the desktop app; type the folder path instead.');
      }
      return { path: await options.host.pickFolder(title) };
    },
  } satisfies Implementation;

  const router = createRouter({ implementation, jobs, log });

  return {
    router,
    bus,
    jobs,
    workspace,
    data,
    tracking,
    training,
    registry,
    serving,
    scoring,
    monitoring,
    monitors,
    setTrackingEndpoint(endpoint) {
      trackingEndpoint = endpoint;
    },
    async close() {
      await serving.close();
      training.close();
      monitors.close();
      await jobs.cancelAll();
      await notebooks.close();
      git.close();
      data.close();
      workspace.close();
    },
  };
}
