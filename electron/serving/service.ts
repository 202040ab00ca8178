import { randomBytes } from 'node:crypto';
import { WorkbenchError, type ModelServer, type ServingRequest } from '../../shared/contract';
import type { Logger } from '../log';
import { openScorer as openPackagedScorer } from '../packaging';
import { INFERENCE_LOG_DEFAULTS, InferenceLog, type InferenceLogSettings } from './inference-log';
import { SegmentWriter } from './inference-log-writer';
import { startModelServer, type RunningServer } from './server';
import { loadVersion, ModelSlot, type Loaded } from './swap';
import type { ModelSource, OpenScorer } from './types';

export interface ServingServiceOptions {
  /** The registry: `resolve(uri)` and `onAliasChange`. */
  registry: ModelSource;
  log: Logger;
  emit: { request: (request: ServingRequest) => void; changed: (id: string) => void };
  /** Opens a model directory for scoring; electron/packaging's `openScorer` unless given. */
  openScorer?: OpenScorer;
  /** What `GET /version` answers. */
  version?: string;
  /** The largest request body, in bytes (default 10 MB). */
  bodyLimit?: number;
  /**
   * Where servers log scored requests: `directory()` is the open workspace's
   * `.workbench/inference` (null: no workspace, nothing logged); the rest
   * default to {@link INFERENCE_LOG_DEFAULTS}. Without it nothing is logged.
   */
  inferenceLog?: Partial<Omit<InferenceLogSettings, 'directory'>> & { directory: () => string | null };
}

export interface StartServerOptions {
  models: { uri: string; name?: string | undefined }[];
  port?: number;
  host?: string;
  requireToken?: boolean;
  /** A token of the caller's own (the CLI's `--token VALUE`); implies requireToken. */
  token?: string;
  /** Log every scored request into the workspace (default true, when the service has somewhere to log). */
  inferenceLog?: boolean;
}

export interface ServingService {
  servers(): ModelServer[];
  /** Loads every model, then listens; the token (when required) is returned here only. */
  start(options: StartServerOptions): Promise<{ server: ModelServer; token: string | null }>;
  stop(id: string): Promise<{ stopped: true }>;
  /** Writes a server's queued inference-log rows now (monitoring reads fresh windows). */
  flushInferenceLog(id: string): Promise<void>;
  /** Newest first. */
  requests(id: string, limit?: number): ServingRequest[];
  /** One request to a running server over HTTP, as a client would send it (so it shows in the log). */
  tryIt(input: { id: string; path: string; body: string; contentType?: string }): Promise<{ status: number; body: string; ms: number }>;
  /** Stops every server (the workspace they serve from is closing) and keeps the service usable. */
  stopAll(): Promise<void>;
  close(): Promise<void>;
}

const TRY_IT_TIMEOUT_MS = 30_000;

export function createServingService(options: ServingServiceOptions): ServingService {
  const { registry, log, emit } = options;
  const openScorer = options.openScorer ?? openPackagedScorer;
  const servers = new Map<string, { running: RunningServer; token: string | null }>();
  const segmentWriter = new SegmentWriter();

  const inferenceLogFor = (enabled: boolean, names: ReadonlyMap<string, string>): InferenceLog | null => {
    const settings = options.inferenceLog;
    const directory = enabled && settings ? settings.directory() : null;
    if (!settings || directory === null) return null;
    return new InferenceLog({ ...INFERENCE_LOG_DEFAULTS, ...settings, directory }, names, segmentWriter, log);
  };

  const unsubscribe = registry.onAliasChange((model, alias, version) => {
    for (const { running } of servers.values()) {
      for (const slot of running.slots) {
        const served = slot.alias;
        if (!served || served.model !== model || served.alias !== alias) continue;
        if (version === null) {
          log.warn('an alias a model server serves was removed; it keeps serving the version it has', { server: running.id, uri: slot.uri, version: slot.current.version });
          continue;
        }
        slot.reload(registry, openScorer).then(
          (changed) => {
            if (!changed) return;
            running.metrics.loaded(slot.name, slot.uri, slot.current.version);
            emit.changed(running.id);
          },
          (error: unknown) => log.error('loading the version an alias moved to failed; the server keeps the old one', error, { server: running.id, uri: slot.uri, version }),
        );
      }
    }
  });

  const find = (id: string): { running: RunningServer; token: string | null } => {
    const server = servers.get(id);
    if (!server) throw new WorkbenchError('not_found', `No model server "${id}" is running.`, { id });
    return server;
  };

  return {
    servers: () => [...servers.values()].map(({ running }) => running.snapshot()),

    async start(start) {
      const host = start.host ?? '127.0.0.1';
      const port = start.port ?? 0;
      const resolved = start.models.map((model) => ({ uri: model.uri, routeName: model.name, ...registry.resolve(model.uri) }));
      const names = routeNames(resolved);
      const loads = await Promise.allSettled(resolved.map((model) => loadVersion(openScorer, model.packageDir, model.version)));
      const failed = loads.find((load): load is PromiseRejectedResult => load.status === 'rejected');
      const loaded = loads.flatMap((load) => (load.status === 'fulfilled' ? [load.value] : []));
      if (failed) {
        await Promise.all(loaded.map((l) => l.scorer.release()));
        throw failed.reason;
      }
      const slots = resolved.map((model, i) => new ModelSlot(names[i] as string, model.uri, loaded[i] as Loaded, log));
      const token = start.token ?? (start.requireToken ? randomBytes(24).toString('base64url') : null);
      const id = `srv-${randomBytes(4).toString('hex')}`;
      const inferenceLog = inferenceLogFor(start.inferenceLog ?? true, new Map(slots.map((slot, i) => [slot.name, (resolved[i] as (typeof resolved)[number]).name])));
      let running: RunningServer;
      try {
        running = await startModelServer({ id, host, port, token, slots, log, inferenceLog, version: options.version ?? 'unknown', ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}), onRequest: (entry) => emit.request(entry) });
      } catch (error) {
        await inferenceLog?.close();
        await Promise.all(slots.map((slot) => slot.close()));
        throw listenError(error, host, port);
      }
      if (!isLoopback(host)) log.warn(`model server ${id} listens on ${host}: anyone who can reach it${token ? ' and holds the token' : ''} can score with it`);
      servers.set(id, { running, token });
      log.info('model server started', { id, url: running.url, models: slots.map((slot) => `${slot.name}=${slot.uri} (v${slot.current.version})`), inferenceLog: inferenceLog !== null });
      emit.changed(id);
      return { server: running.snapshot(), token };
    },

    async stop(id) {
      const { running } = find(id);
      servers.delete(id);
      await running.close();
      log.info('model server stopped', { id });
      emit.changed(id);
      return { stopped: true as const };
    },

    requests: (id, limit = 200) => find(id).running.log.recent(limit),

    flushInferenceLog: async (id) => {
      await find(id).running.inferenceLog?.flush();
    },

    async tryIt({ id, path, body, contentType = 'application/json' }) {
      const { running, token } = find(id);
      // Appended to the server's own origin, so `//elsewhere/...` stays a path on this server.
      const url = new URL(`${new URL(running.url).origin}${path}`);
      // A server bound to every address is reached on this machine's own.
      if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
      if (url.hostname === '[::]') url.hostname = '[::1]';
      const post = body !== '' || path.endsWith('/invocations') || path.endsWith('/infer');
      const started = performance.now();
      try {
        const response = await fetch(url, {
          method: post ? 'POST' : 'GET',
          headers: { ...(post ? { 'content-type': contentType } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
          ...(post ? { body } : {}),
          signal: AbortSignal.timeout(TRY_IT_TIMEOUT_MS),
        });
        const text = await response.text();
        return { status: response.status, body: text, ms: performance.now() - started };
      } catch (error) {
        throw new WorkbenchError('unavailable', `The model server did not answer: ${error instanceof Error ? error.message : String(error)}`, { id, path });
      }
    },

    async stopAll() {
      const running = [...servers.values()];
      servers.clear();
      await Promise.all(running.map(({ running: server }) => server.close()));
      for (const { running: server } of running) emit.changed(server.id);
    },

    async close() {
      unsubscribe();
      await this.stopAll();
      await segmentWriter.close();
    },
  };
}

/** Each model's route name: the one asked for, else the registry name, else name-alias or name-vN when two share it. */
function routeNames(models: { uri: string; routeName: string | undefined; name: string; version: number }[]): string[] {
  const taken = new Set<string>();
  return models.map((model) => {
    const alias = /@(.+)$/.exec(model.uri)?.[1];
    const candidates = model.routeName !== undefined ? [model.routeName] : [model.name, `${model.name}-${alias ?? `v${model.version}`}`];
    const name = candidates.find((candidate) => !taken.has(candidate));
    if (name === undefined) {
      throw new WorkbenchError('conflict', `Two models on one server are both named "${candidates[0] ?? ''}"; give each its own name.`, { name: candidates[0] });
    }
    taken.add(name);
    return name;
  });
}

function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return new WorkbenchError('conflict', `Port ${port} on ${host} is in use; pick another, or 0 for a free one.`, { host, port });
  if (code === 'EACCES') return new WorkbenchError('forbidden', `Not allowed to listen on port ${port} (ports below 1024 need privileges); pick another.`, { host, port });
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new WorkbenchError('invalid_input', `Cannot listen on ${host}: no such address on this machine.`, { host });
  return error;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
