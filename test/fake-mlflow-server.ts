import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A FAKE MLflow tracking server for tests: it is not MLflow. It answers the
 * endpoints the workbench calls when it pushes and pulls, with the request and
 * response bodies of MLflow's protos (service.proto, model_registry.proto,
 * mlflow_artifacts.proto), keeps everything in memory, records every request,
 * and can be told to fail a given request (a status, a dropped connection, or
 * no answer at all).
 */
export interface RecordedRequest {
  method: string;
  /** Below `/api/2.0/`: `mlflow/registered-models/get`, `mlflow-artifacts/artifacts/1/<run>/artifacts/model/MLmodel`. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body, or the bytes for an upload. */
  body: unknown;
  authorization: string | undefined;
}

export type Failure = { status: number; errorCode?: string; message?: string } | 'drop' | 'stall';

export interface FailureRule {
  method?: string;
  /** Matches a recorded `path` that starts with this. */
  path: string;
  failure: Failure;
  /** How many matching requests fail (default 1); Infinity for all. */
  times?: number;
}

interface Version {
  name: string;
  version: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  current_stage: string;
  description: string;
  source: string;
  run_id: string;
  run_link: string;
  status: 'READY';
  tags: { key: string; value: string }[];
  aliases: string[];
}

export interface FakeMlflowServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Uploaded files by artifact path (`<exp>/<run>/artifacts/...`). */
  readonly artifacts: Map<string, Buffer>;
  readonly models: Map<string, { name: string; description: string; creation_timestamp: number; versions: Version[]; aliases: Map<string, string> }>;
  readonly runs: Map<string, { experiment_id: string; status: string; lifecycle_stage: string; tags: { key: string; value: string }[] }>;
  /** The Authorization header every request must carry; null accepts anything. */
  requireAuthorization: string | null;
  fail(rule: FailureRule): void;
  /** Called as each request arrives (before it is answered): a test can cancel there. */
  onRequest: ((request: RecordedRequest) => void) | null;
  close(): Promise<void>;
}

const API = '/api/2.0/';

export async function startFakeMlflowServer(): Promise<FakeMlflowServer> {
  const requests: RecordedRequest[] = [];
  const artifacts = new Map<string, Buffer>();
  const models: FakeMlflowServer['models'] = new Map();
  const runs: FakeMlflowServer['runs'] = new Map();
  const experiments = new Map<string, string>([['Default', '0']]);
  const rules: (FailureRule & { left: number })[] = [];
  let counter = 0;
  const stalled: ServerResponse[] = [];

  const fake: FakeMlflowServer = {
    url: '',
    requests,
    artifacts,
    models,
    runs,
    requireAuthorization: null,
    onRequest: null,
    fail: (rule) => rules.push({ ...rule, left: rule.times ?? 1 }),
    close: async () => {
      for (const response of stalled) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const answer = (method: string, path: string, query: Record<string, string>, body: Record<string, unknown>): [number, unknown] => {
    const now = Date.now();
    const str = (key: string): string => {
      const value = body[key] ?? query[key] ?? '';
      return typeof value === 'string' ? value : JSON.stringify(value);
    };
    const missing = (what: string): [number, unknown] => [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `${what} not found` }];
    const model = models.get(str('name'));
    const version = model?.versions.find((entry) => entry.version === str('version'));
    const versionJson = (entry: Version): unknown => ({ ...entry, aliases: [...(models.get(entry.name)?.aliases ?? [])].filter(([, v]) => v === entry.version).map(([alias]) => alias) });
    const modelJson = (entry: NonNullable<typeof model>): unknown => ({
      name: entry.name,
      creation_timestamp: entry.creation_timestamp,
      last_updated_timestamp: now,
      description: entry.description,
      latest_versions: entry.versions.slice(-1).map(versionJson),
      aliases: [...entry.aliases].map(([alias, v]) => ({ alias, version: v })),
    });
    switch (`${method} ${path}`) {
      case 'GET mlflow/experiments/get-by-name': {
        const id = experiments.get(str('experiment_name'));
        if (id === undefined) return [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `Could not find experiment with name '${str('experiment_name')}'` }];
        return [200, { experiment: { experiment_id: id, name: str('experiment_name'), artifact_location: `mlflow-artifacts:/${id}`, lifecycle_stage: 'active', creation_time: now, last_update_time: now, tags: [] } }];
      }
      case 'POST mlflow/experiments/create': {
        if (experiments.has(str('name'))) return [400, { error_code: 'RESOURCE_ALREADY_EXISTS', message: `Experiment '${str('name')}' already exists.` }];
        // As MLflow's SQL store: Default is 0, then 1, 2, ...
        const id = String(experiments.size);
        experiments.set(str('name'), id);
        return [200, { experiment_id: id }];
      }
      case 'POST mlflow/runs/create': {
        const runId = `run${(counter += 1).toString().padStart(29, '0')}`;
        runs.set(runId, { experiment_id: str('experiment_id'), status: 'RUNNING', lifecycle_stage: 'active', tags: (body.tags as { key: string; value: string }[] | undefined) ?? [] });
        const info = { run_id: runId, run_uuid: runId, experiment_id: str('experiment_id'), run_name: str('run_name'), user_id: str('user_id'), status: 'RUNNING', start_time: now, artifact_uri: `mlflow-artifacts:/${str('experiment_id')}/${runId}/artifacts`, lifecycle_stage: 'active' };
        return [200, { run: { info, data: { tags: body.tags ?? [] }, inputs: {} } }];
      }
      case 'POST mlflow/runs/update':
      case 'POST mlflow/runs/delete': {
        const run = runs.get(str('run_id'));
        if (!run) return missing(`Run '${str('run_id')}'`);
        if (path.endsWith('update')) run.status = str('status');
        else run.lifecycle_stage = 'deleted';
        return [200, path.endsWith('update') ? { run_info: { run_id: str('run_id'), status: run.status } } : {}];
      }
      case 'GET mlflow/registered-models/get':
        return model ? [200, { registered_model: modelJson(model) }] : missing(`Registered Model with name=${str('name')}`);
      case 'POST mlflow/registered-models/create': {
        if (model) return [400, { error_code: 'RESOURCE_ALREADY_EXISTS', message: `Registered Model (name=${str('name')}) already exists.` }];
        const created = { name: str('name'), description: str('description'), creation_timestamp: now, versions: [], aliases: new Map<string, string>() };
        models.set(created.name, created);
        return [200, { registered_model: { name: created.name, creation_timestamp: now, last_updated_timestamp: now } }];
      }
      case 'DELETE mlflow/registered-models/delete':
        if (!model) return missing(`Registered Model with name=${str('name')}`);
        models.delete(model.name);
        return [200, {}];
      case 'GET mlflow/registered-models/search': {
        const like = /^name\s+I?LIKE\s+'(.*)'$/i.exec(str('filter').trim())?.[1];
        const pattern = like === undefined ? null : new RegExp(`^${like.split('%').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
        const found = [...models.values()].filter((entry) => !pattern || pattern.test(entry.name)).slice(0, Number(query.max_results ?? 100));
        return [200, found.length > 0 ? { registered_models: found.map(modelJson) } : {}];
      }
      case 'POST mlflow/model-versions/create': {
        if (!model) return missing(`Registered Model with name=${str('name')}`);
        const created: Version = { name: model.name, version: String(model.versions.length + 1), creation_timestamp: now, last_updated_timestamp: now, current_stage: 'None', description: str('description'), source: str('source'), run_id: str('run_id'), run_link: str('run_link'), status: 'READY', tags: (body.tags as Version['tags'] | undefined) ?? [], aliases: [] };
        model.versions.push(created);
        return [200, { model_version: versionJson(created) }];
      }
      case 'GET mlflow/model-versions/get':
        return version ? [200, { model_version: versionJson(version) }] : missing(`Model Version (name=${str('name')}, version=${str('version')})`);
      case 'DELETE mlflow/model-versions/delete':
        if (!model || !version) return missing(`Model Version (name=${str('name')}, version=${str('version')})`);
        model.versions = model.versions.filter((entry) => entry !== version);
        for (const [alias, v] of model.aliases) if (v === version.version) model.aliases.delete(alias);
        return [200, {}];
      case 'GET mlflow/model-versions/search': {
        const name = /^name\s*=\s*'(.*)'$/.exec(str('filter').trim())?.[1];
        const found = [...models.values()].filter((entry) => name === undefined || entry.name === name).flatMap((entry) => entry.versions);
        return [200, found.length > 0 ? { model_versions: found.map(versionJson) } : {}];
      }
      case 'POST mlflow/model-versions/set-tag':
        if (!version) return missing(`Model Version (name=${str('name')}, version=${str('version')})`);
        version.tags = [...version.tags.filter((tag) => tag.key !== str('key')), { key: str('key'), value: str('value') }];
        return [200, {}];
      case 'GET mlflow/model-versions/get-download-uri':
        return version ? [200, { artifact_uri: version.source }] : missing(`Model Version (name=${str('name')}, version=${str('version')})`);
      case 'POST mlflow/registered-models/alias':
        if (!model || !model.versions.some((entry) => entry.version === str('version'))) return missing(`Model Version (name=${str('name')}, version=${str('version')})`);
        model.aliases.set(str('alias'), str('version'));
        return [200, {}];
      case 'GET mlflow/registered-models/alias': {
        const target = model?.versions.find((entry) => entry.version === model.aliases.get(str('alias')));
        // As MLflow: a missing alias is a 400 INVALID_PARAMETER_VALUE, not a 404.
        return target ? [200, { model_version: versionJson(target) }] : [400, { error_code: 'INVALID_PARAMETER_VALUE', message: `Registered model alias ${str('alias')} not found.` }];
      }
      default:
        return [404, { error_code: 'ENDPOINT_NOT_FOUND', message: `No fake for ${method} ${path}` }];
    }
  };

  const artifactsAnswer = (method: string, path: string, query: Record<string, string>, bytes: Buffer): [number, unknown, Buffer?] => {
    const relative = decodeURIComponent(path.slice('mlflow-artifacts/artifacts'.length).replace(/^\//, ''));
    if (relative.split('/').includes('..')) return [400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid path' }];
    if (method === 'PUT') {
      artifacts.set(relative, bytes);
      return [200, {}];
    }
    if (method === 'DELETE') {
      for (const key of [...artifacts.keys()]) if (key === relative || key.startsWith(`${relative}/`)) artifacts.delete(key);
      return [200, {}];
    }
    if (relative === '') {
      const dir = (query.path ?? '').replace(/\/$/, '');
      const children = new Map<string, { path: string; is_dir: boolean; file_size?: string }>();
      for (const [key, value] of artifacts) {
        if (!key.startsWith(`${dir}/`)) continue;
        const [head, ...rest] = key.slice(dir.length + 1).split('/');
        if (head !== undefined) children.set(head, rest.length > 0 ? { path: head, is_dir: true } : { path: head, is_dir: false, file_size: String(value.length) });
      }
      return [200, children.size > 0 ? { files: [...children.values()] } : {}];
    }
    const file = artifacts.get(relative);
    return file ? [200, null, file] : [404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `File ${relative} not found` }];
  };

  const handle = (request: IncomingMessage, response: ServerResponse, bytes: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const path = url.pathname.startsWith(API) ? url.pathname.slice(API.length) : url.pathname;
    const query = Object.fromEntries(url.searchParams);
    let body: unknown = bytes;
    if (request.headers['content-type'] === 'application/json') body = bytes.length > 0 ? (JSON.parse(bytes.toString()) as unknown) : {};
    const recorded: RecordedRequest = { method, path, query, body, authorization: request.headers.authorization };
    requests.push(recorded);
    fake.onRequest?.(recorded);
    const rule = rules.find((entry) => entry.left > 0 && path.startsWith(entry.path) && (!entry.method || entry.method === method));
    if (rule) {
      rule.left -= 1;
      if (rule.failure === 'drop') return void request.socket.destroy();
      if (rule.failure === 'stall') return void stalled.push(response);
      const { status, errorCode, message } = rule.failure;
      return send(response, status, { error_code: errorCode ?? (status >= 500 ? 'INTERNAL_ERROR' : 'INVALID_PARAMETER_VALUE'), message: message ?? `fake failure ${status}` });
    }
    if (fake.requireAuthorization !== null && request.headers.authorization !== fake.requireAuthorization) {
      return send(response, 401, { error_code: 'UNAUTHENTICATED', message: 'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html' });
    }
    const [status, json, file] = path.startsWith('mlflow-artifacts/') ? artifactsAnswer(method, path, query, bytes) : answer(method, path, query, (typeof body === 'object' && body && !Buffer.isBuffer(body) ? body : {}) as Record<string, unknown>);
    if (file) {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.length });
      return void response.end(file);
    }
    send(response, status, json);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  Object.assign(fake, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
  return fake;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
