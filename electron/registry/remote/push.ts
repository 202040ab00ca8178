import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isWorkbenchError, WorkbenchError, type ModelVersion } from '../../../shared/contract';
import type { JobContext } from '../../jobs';
import type { OutboundRecord } from '../../workspace';
import { artifactPathOf, PUSH_EXPERIMENT, pushRunLink, type MlflowRun, type MlflowVersion } from './mlflow';
import { cleanUpPush, type Made } from './cleanup';
import { MlflowClient, MlflowNotFound, type MlflowEndpoint } from './http';
import type { LocalRegistryPort } from './local';
import { pushTags } from './tags';

export interface PushInput {
  name: string;
  version: number;
  remoteName?: string | undefined;
  aliases: string[];
}

export interface PushOutcome {
  remoteName: string;
  remoteVersion: string;
  source: string;
}

export interface PushOptions {
  endpoint: MlflowEndpoint;
  local: LocalRegistryPort;
  /** Appends to the workspace's outbound log. */
  record: (entry: OutboundRecord) => void;
  job: JobContext;
}

/**
 * Pushes a local version to a shared MLflow registry, as MLflow's own
 * `log_model` + `register_model` would: a run in the experiment
 * `workbench-pushes` holds the package under `<run>/artifacts/model/`
 * (uploaded through `mlflow-artifacts`), then `model-versions/create` points
 * at it with a `run_link` back to the local run, then tags and aliases.
 *
 * The outbound log gets the full list of files (sizes, sha256) before the
 * first request, and the outcome after. A failure part-way deletes what this
 * push made on the remote (see cleanup.ts) and says so in the error.
 */
export async function pushVersion(input: PushInput, options: PushOptions): Promise<PushOutcome> {
  const { endpoint, local, job } = options;
  const version = local.version(input.name, input.version);
  const packageDir = local.resolve(`models:/${input.name}/${input.version}`).packageDir;
  const remoteName = input.remoteName ?? input.name;
  const what = `models:/${version.name}/${version.version}`;
  options.record({ action: 'registry.push', target: endpoint.url, detail: auditDetail(version, remoteName, input.aliases) });

  const client = new MlflowClient(endpoint, { signal: job.signal });
  const made: Made = { modelCreated: false, runId: null, artifactDir: null, remoteVersion: null };
  try {
    job.progress(0, `Checking ${remoteName} on ${endpoint.url}`);
    made.modelCreated = await ensureRegisteredModel(client, remoteName);

    job.progress(0.03, 'Creating a run to hold the files');
    const run = await createPushRun(client, version);
    made.runId = run.info.run_id;
    made.artifactDir = `${artifactPathOf(run.info.artifact_uri, endpoint.url)}/model`;

    await uploadFiles(client, version, packageDir, made.artifactDir, job);
    await client.post('runs/update', { run_id: made.runId, run_uuid: made.runId, status: 'FINISHED', end_time: Date.now() });

    job.progress(0.9, 'Registering the version');
    const source = `mlflow-artifacts:/${made.artifactDir}`;
    const runLink = version.lineage.runId ? pushRunLink(version.lineage.runId) : undefined;
    const created = await client.post<{ model_version: MlflowVersion }>('model-versions/create', {
      name: remoteName,
      source,
      run_id: made.runId,
      ...(runLink ? { run_link: runLink } : {}),
      description: version.description,
    });
    made.remoteVersion = created.model_version.version;

    job.progress(0.93, 'Setting tags');
    for (const [key, value] of pushTags(version)) {
      await client.post('model-versions/set-tag', { name: remoteName, version: made.remoteVersion, key, value });
    }
    job.progress(0.97, 'Setting aliases');
    for (const alias of input.aliases) {
      await client.post('registered-models/alias', { name: remoteName, alias, version: made.remoteVersion });
    }

    const at = Date.now();
    local.recordPush(version.name, version.version, { remote: endpoint.url, remoteName, remoteVersion: made.remoteVersion, at });
    options.record({ action: 'registry.push.done', target: endpoint.url, detail: `${what} is models:/${remoteName}/${made.remoteVersion} (source ${source})` });
    job.progress(1, `Pushed as ${remoteName} version ${made.remoteVersion}`);
    return { remoteName, remoteVersion: made.remoteVersion, source };
  } catch (error) {
    const failure = isWorkbenchError(error)
      ? error
      : job.signal.aborted
        ? new WorkbenchError('cancelled', 'The push was cancelled.')
        : new WorkbenchError('internal', error instanceof Error ? error.message : String(error));
    const cleanup = await cleanUpPush(endpoint, remoteName, made);
    options.record({ action: 'registry.push.failed', target: endpoint.url, detail: `${what}: ${failure.code}: ${failure.message} Cleanup: ${cleanup.summary}` });
    throw new WorkbenchError(failure.code, `${failure.message} ${cleanup.summary}`, { ...failure.details, cleanup: cleanup.summary, ...(made.remoteVersion ? { remoteVersion: made.remoteVersion } : {}) });
  }
}

/** What the audit record says: the version, where it goes, and every file with its size and sha256. */
function auditDetail(version: ModelVersion, remoteName: string, aliases: string[]): string {
  const bytes = version.files.reduce((sum, file) => sum + file.size, 0);
  const files = version.files.map((file) => `${file.path} (${file.size} bytes, sha256 ${file.sha256})`).join('; ');
  const aliasText = aliases.length > 0 ? `, aliases ${aliases.join(', ')}` : '';
  return `models:/${version.name}/${version.version} to models:/${remoteName}${aliasText}: ${version.files.length} files, ${bytes} bytes: ${files}`;
}

/** Answers true when this push created the registered model. */
async function ensureRegisteredModel(client: MlflowClient, name: string): Promise<boolean> {
  try {
    await client.get('registered-models/get', { name });
    return false;
  } catch (error) {
    if (!(error instanceof MlflowNotFound)) throw error;
  }
  try {
    await client.post('registered-models/create', { name });
    return true;
  } catch (error) {
    // Someone else created it between the two calls: fine, it exists.
    if (isWorkbenchError(error) && error.details?.errorCode === 'RESOURCE_ALREADY_EXISTS') return false;
    throw error;
  }
}

async function createPushRun(client: MlflowClient, version: ModelVersion): Promise<MlflowRun> {
  const experimentId = await pushExperiment(client);
  const runName = `${version.name}-v${version.version}`;
  const tags = [
    { key: 'mlflow.runName', value: runName },
    { key: 'mlflow.source.name', value: 'ML Workbench' },
    { key: 'mlflow.source.type', value: 'LOCAL' },
    { key: 'workbench.local_version', value: `models:/${version.name}/${version.version}` },
    ...(version.lineage.runId ? [{ key: 'workbench.run_id', value: version.lineage.runId }] : []),
  ];
  const answer = await client.post<{ run: MlflowRun }>('runs/create', { experiment_id: experimentId, run_name: runName, start_time: Date.now(), tags });
  return answer.run;
}

async function pushExperiment(client: MlflowClient): Promise<string> {
  try {
    const found = await client.get<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: PUSH_EXPERIMENT });
    return found.experiment.experiment_id;
  } catch (error) {
    if (!(error instanceof MlflowNotFound)) throw error;
  }
  try {
    return (await client.post<{ experiment_id: string }>('experiments/create', { name: PUSH_EXPERIMENT })).experiment_id;
  } catch (error) {
    if (!(isWorkbenchError(error) && error.details?.errorCode === 'RESOURCE_ALREADY_EXISTS')) throw error;
    return (await client.get<{ experiment: { experiment_id: string } }>('experiments/get-by-name', { experiment_name: PUSH_EXPERIMENT })).experiment.experiment_id;
  }
}

/** Uploads each file, checking its bytes are the ones the audit record lists. */
async function uploadFiles(client: MlflowClient, version: ModelVersion, packageDir: string, artifactDir: string, job: JobContext): Promise<void> {
  const total = Math.max(1, version.files.reduce((sum, file) => sum + file.size, 0));
  let sent = 0;
  for (const file of version.files) {
    job.signal.throwIfAborted();
    job.progress(0.05 + (0.8 * sent) / total, `Uploading ${file.path}`);
    const bytes = await readFile(join(packageDir, ...file.path.split('/')));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== file.sha256 || bytes.length !== file.size) {
      throw new WorkbenchError('model_invalid', `The stored file ${file.path} of models:/${version.name}/${version.version} no longer matches its record (sha256 ${sha256}, expected ${file.sha256}).`, { path: file.path });
    }
    await client.upload(`${artifactDir}/${file.path}`, bytes);
    sent += file.size;
  }
  job.progress(0.85, 'Uploaded');
}
