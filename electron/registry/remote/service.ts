import type Database from 'better-sqlite3';
import { isWorkbenchError, WorkbenchError, type ModelVersion, type RegistryRemote } from '../../../shared/contract';
import type { JobContext } from '../../jobs';
import type { Logger } from '../../log';
import type { SecretBox } from '../../secrets';
import { outboundLog, recordOutbound, type OutboundEntry, type OutboundRecord, type WorkspaceService } from '../../workspace';
import { MlflowClient, MlflowNotFound, type MlflowEndpoint, type RemoteLogin } from './http';
import type { LocalRegistryPort } from './local';
import type { MlflowModel, MlflowVersion } from './mlflow';
import { pullVersion, type PullInput } from './pull';
import { pushVersion, type PushInput, type PushOutcome } from './push';
import { normaliseUrl, RemoteSettings, type RemoteInput } from './settings';

export interface RemoteRegistryOptions {
  workspace: WorkspaceService;
  log: Logger;
  /** The local registry (the registry service itself). */
  local: LocalRegistryPort;
  /** Encrypts the remote's token or password; without one (server mode) it stays in memory. */
  secrets?: SecretBox;
}

export interface RemoteModelSummary {
  name: string;
  description: string;
  versions: { version: string; status: string; aliases: string[]; runId: string | null }[];
}

/** How long `setRemote` waits for the server to answer before calling it unreachable. */
const CHECK_TIMEOUT_MS = 15_000;

/**
 * The workspace's shared MLflow registry: its settings, push, pull, the
 * listing of its models, and the record of what went there. Nothing is sent
 * but on an explicit call (setRemote checks the server; push, pull and
 * remoteModels are the user's own actions).
 */
export function createRemoteRegistry(options: RemoteRegistryOptions) {
  const { workspace, log } = options;
  const settings = new RemoteSettings(options.secrets);
  const db = (): Database.Database => workspace.active().store.db;
  const record = (store: Database.Database) => (entry: OutboundRecord): void => {
    recordOutbound(store, entry);
    log.info('registry exchange recorded', { ...entry });
  };

  return {
    remote: (): RegistryRemote | null => settings.describe(db()),

    /** Checks the server answers with these credentials, then keeps them. */
    async setRemote(input: RemoteInput): Promise<RegistryRemote> {
      const url = normaliseUrl(input.url);
      await checkRemote({ url, login: loginOf(input.credentials) });
      const kept = await settings.set(db(), { ...input, url });
      log.info('shared registry set', { url, auth: kept.auth });
      return kept;
    },

    forgetRemote(): { forgotten: true } {
      settings.forget(db());
      return { forgotten: true };
    },

    async remoteModels(filter: string, signal?: AbortSignal): Promise<RemoteModelSummary[]> {
      const client = new MlflowClient(await settings.endpoint(db()), { signal });
      const found = await client.get<{ registered_models?: MlflowModel[] }>('registered-models/search', { ...searchFilter(filter), max_results: 100 });
      const models = found.registered_models ?? [];
      const out: RemoteModelSummary[] = [];
      // A few at a time: a team's registry may hold a hundred models.
      for (let start = 0; start < models.length; start += 8) {
        const batch = await Promise.all(models.slice(start, start + 8).map(async (model) => ({ model, versions: await versionsOf(client, model.name) })));
        for (const { model, versions } of batch) {
          out.push({
            name: model.name,
            description: model.description ?? '',
            versions: versions
              .sort((a, b) => Number(b.version) - Number(a.version))
              .map((entry) => ({ version: entry.version, status: entry.status ?? 'READY', aliases: entry.aliases ?? [], runId: entry.run_id || null })),
          });
        }
      }
      return out;
    },

    async push(input: PushInput, job: JobContext): Promise<PushOutcome> {
      const store = db();
      return pushVersion(input, { endpoint: await settings.endpoint(store), local: options.local, record: record(store), job });
    },

    async pull(input: PullInput, job: JobContext): Promise<ModelVersion> {
      const store = db();
      return pullVersion(input, { endpoint: await settings.endpoint(store), local: options.local, record: record(store), job });
    },

    /** Registry pushes (with their outcomes) and pulls, newest first. */
    auditLog: (limit: number): OutboundEntry[] => outboundLog(db(), limit, 'registry.'),
  };
}

export type RemoteRegistry = ReturnType<typeof createRemoteRegistry>;

function loginOf(credentials: RemoteInput['credentials']): RemoteLogin {
  return credentials.kind === 'basic' ? { kind: 'basic', username: credentials.username, password: credentials.password } : credentials;
}

/** One cheap registry call: it needs the registry API and, on a secured server, a valid login. */
async function checkRemote(endpoint: MlflowEndpoint): Promise<void> {
  const client = new MlflowClient(endpoint, { callTimeoutMs: CHECK_TIMEOUT_MS });
  try {
    await client.get('registered-models/search', { max_results: 1 });
  } catch (error) {
    if (error instanceof MlflowNotFound) {
      throw new WorkbenchError('registry_unreachable', `${endpoint.url} answered 404 to MLflow's registered-models/search: is this the base URL of an MLflow tracking server (2.0 or newer)?`, { url: endpoint.url });
    }
    if (isWorkbenchError(error) && error.code === 'registry_unreachable') throw new WorkbenchError('registry_unreachable', error.message, { ...error.details, url: endpoint.url });
    throw error;
  }
}

async function versionsOf(client: MlflowClient, name: string): Promise<MlflowVersion[]> {
  const found = await client.get<{ model_versions?: MlflowVersion[] }>('model-versions/search', { filter: `name='${name.replace(/'/g, "\\'")}'`, max_results: 1000 });
  return (found.model_versions ?? []).filter((entry) => entry.name === name);
}

/** A filter written in MLflow's grammar goes as written; plain text searches names containing it. */
function searchFilter(filter: string): { filter?: string } {
  const text = filter.trim();
  if (text === '') return {};
  if (/\b(I?LIKE)\b|=/i.test(text)) return { filter: text };
  return { filter: `name ILIKE '%${text.replace(/'/g, '')}%'` };
}
