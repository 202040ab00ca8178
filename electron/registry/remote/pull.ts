import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isWorkbenchError, modelName, WorkbenchError, type ModelVersion } from '../../../shared/contract';
import type { JobContext } from '../../jobs';
import type { OutboundRecord } from '../../workspace';
import { MlflowClient, MlflowNotFound, type MlflowEndpoint } from './http';
import type { LocalRegistryPort } from './local';
import { artifactPathOf, type MlflowVersion } from './mlflow';
import { lineageFromTags } from './tags';

export interface PullInput {
  remoteName: string;
  version?: string | undefined;
  alias?: string | undefined;
  localName?: string | undefined;
}

export interface PullOptions {
  endpoint: MlflowEndpoint;
  local: LocalRegistryPort;
  record: (entry: OutboundRecord) => void;
  job: JobContext;
}

/** A package this large in files is not a model directory: refuse rather than fill the disk. */
const MAX_FILES = 10_000;

/**
 * Pulls a remote version (by number, by alias, or the latest) into the local
 * registry: `get-download-uri`, the files listed through `mlflow-artifacts`
 * (recursively) and downloaded into a temporary folder, then imported as a new
 * local version with the source `models:/<name>/<version> @ <url>`, its tags
 * and its (deprecated, read-only) stage. Nothing of the user's leaves the
 * machine, but the pull is recorded in the same log as `registry.pull`, with
 * the files it brought in, so the registry's exchanges read in one place.
 */
export async function pullVersion(input: PullInput, options: PullOptions): Promise<ModelVersion> {
  const { endpoint, job } = options;
  const localName = input.localName ?? input.remoteName;
  if (!modelName.safeParse(localName).success) {
    throw new WorkbenchError('invalid_input', `"${input.remoteName}" is not a valid local model name (letters, digits, dots, dashes and underscores): give a local name.`, { field: 'localName' });
  }
  const client = new MlflowClient(endpoint, { signal: job.signal });
  job.progress(0, `Looking up ${input.remoteName} on ${endpoint.url}`);
  const remote = await findVersion(client, input, endpoint.url);
  if (typeof remote?.name !== 'string' || typeof remote.version !== 'string') {
    throw new WorkbenchError('registry_rejected', `MLflow at ${endpoint.url} answered without a model version for ${input.remoteName}: is this an MLflow server?`);
  }
  const { artifact_uri: uri } = await client.get<{ artifact_uri: string }>('model-versions/get-download-uri', { name: remote.name, version: remote.version });
  const root = artifactPathOf(uri, endpoint.url);

  const dir = mkdtempSync(join(tmpdir(), 'workbench-pull-'));
  try {
    job.progress(0.05, 'Listing the files');
    const files = await listRecursively(client, root);
    if (!files.some((file) => file.path === 'MLmodel')) {
      throw new WorkbenchError('model_invalid', `models:/${remote.name}/${remote.version} on ${endpoint.url} has no MLmodel file at ${uri}: it is not an MLflow model directory.`, { uri });
    }
    const total = Math.max(1, files.reduce((sum, file) => sum + (file.size ?? 0), 0));
    let done = 0;
    const fetched: { path: string; size: number; sha256: string }[] = [];
    for (const file of files) {
      job.progress(0.05 + (0.75 * done) / total, `Downloading ${file.path}`);
      const bytes = await client.download(`${root}/${file.path}`);
      if (file.size !== null && bytes.length !== file.size) {
        throw new WorkbenchError('registry_unreachable', `MLflow at ${endpoint.url} sent ${bytes.length} bytes for ${file.path}, not the ${file.size} it listed: the download was cut short.`, { path: file.path });
      }
      const target = join(dir, ...file.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
      fetched.push({ path: file.path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      done += file.size ?? bytes.length;
    }
    job.progress(0.8, 'Adding it to the local registry');
    const tags = Object.fromEntries((remote.tags ?? []).map((tag) => [tag.key, tag.value]));
    const source = `models:/${remote.name}/${remote.version} @ ${endpoint.url}`;
    const version = await options.local.addVersion(
      {
        name: localName,
        packageDir: dir,
        source,
        description: remote.description ?? '',
        tags,
        stage: remote.current_stage || 'None',
        runLink: remote.run_link || null,
        lineage: { runId: null, experimentId: null, ...lineageFromTags(tags) },
        createModel: true,
      },
      { signal: job.signal, progress: (fraction) => job.progress(0.8 + 0.2 * (fraction ?? 0), 'Adding it to the local registry') },
    );
    const listing = fetched.map((file) => `${file.path} (${file.size} bytes, sha256 ${file.sha256})`).join('; ');
    options.record({ action: 'registry.pull', target: endpoint.url, detail: `models:/${remote.name}/${remote.version} as models:/${version.name}/${version.version}: ${listing}` });
    job.progress(1, `Pulled as ${version.name} version ${version.version}`);
    return version;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function findVersion(client: MlflowClient, input: PullInput, url: string): Promise<MlflowVersion> {
  const name = input.remoteName;
  const wanted = input.alias !== undefined ? `models:/${name}@${input.alias}` : input.version !== undefined ? `models:/${name}/${input.version}` : `the latest version of ${name}`;
  try {
    if (input.alias !== undefined) return (await client.get<{ model_version: MlflowVersion }>('registered-models/alias', { name, alias: input.alias })).model_version;
    if (input.version !== undefined) return (await client.get<{ model_version: MlflowVersion }>('model-versions/get', { name, version: input.version })).model_version;
    const found = await client.get<{ model_versions?: MlflowVersion[] }>('model-versions/search', { filter: `name='${name.replace(/'/g, "\\'")}'` });
    const latest = (found.model_versions ?? []).filter((entry) => entry.name === name).sort((a, b) => Number(b.version) - Number(a.version))[0];
    if (!latest) throw new MlflowNotFound(`no versions of ${name}`, 'RESOURCE_DOES_NOT_EXIST');
    return latest;
  } catch (error) {
    // MLflow answers a missing alias with 400 INVALID_PARAMETER_VALUE, a missing version with 404.
    const missing = error instanceof MlflowNotFound || (isWorkbenchError(error) && error.code === 'registry_rejected' && error.details?.errorCode === 'INVALID_PARAMETER_VALUE' && input.alias !== undefined);
    if (missing) throw new WorkbenchError('not_found', `MLflow at ${url} has no ${wanted}.`, { remoteName: name });
    throw error;
  }
}

interface ListedFile {
  /** Relative to the package root, `/`-separated. */
  path: string;
  size: number | null;
}

/** Every file below `root`, depth first. MLflow lists base names; a server that answers full paths is understood too. */
async function listRecursively(client: MlflowClient, root: string): Promise<ListedFile[]> {
  const out: ListedFile[] = [];
  const walk = async (relative: string): Promise<void> => {
    const dir = relative ? `${root}/${relative}` : root;
    for (const entry of await client.listArtifacts(dir)) {
      const base = entry.path.startsWith(`${dir}/`) ? entry.path.slice(dir.length + 1) : entry.path;
      if (base === '' || base === '.' || base === '..' || base.includes('/') || base.includes('\\')) {
        throw new WorkbenchError('registry_rejected', `The remote listed an unsafe file name "${entry.path}" in ${dir}.`, { path: entry.path });
      }
      const path = relative ? `${relative}/${base}` : base;
      if (entry.is_dir) await walk(path);
      else out.push({ path, size: entry.file_size === undefined ? null : Number(entry.file_size) });
      if (out.length > MAX_FILES) throw new WorkbenchError('registry_rejected', `${root} holds more than ${MAX_FILES} files: not a model package.`);
    }
  };
  await walk('');
  return out;
}
