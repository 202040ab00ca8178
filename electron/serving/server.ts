import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isWorkbenchError, type ModelServer, type ServingRequest } from '../../shared/contract';
import type { Logger } from '../log';
import { bodyFormat, bodyText, DEFAULT_BODY_LIMIT, readBody } from './body';
import { HttpError } from './http-error';
import type { InferenceLog } from './inference-log';
import { ServerMetrics } from './metrics';
import { formatPredictions, parseCsvInvocation, parseJsonInvocation } from './mlflow-protocol';
import { RequestLog } from './request-log';
import { createRoutes, type Route } from './routes';
import type { Loaded, ModelSlot } from './swap';
import type { ScoreResult } from './types';
import { formatInfer, modelMetadata, parseInfer } from './v2-protocol';
import type { Parsed } from './validate';

export interface ModelServerOptions {
  id: string;
  host: string;
  port: number;
  /** Requests (other than health checks) need `Authorization: Bearer <token>`. */
  token: string | null;
  slots: readonly ModelSlot[];
  log: Logger;
  /** Answered on `GET /version`. */
  version: string;
  bodyLimit?: number;
  onRequest: (entry: ServingRequest) => void;
  /** Where scored requests are logged (and `/metrics` gets its counters); none: nothing is logged. */
  inferenceLog?: InferenceLog | null;
}

export interface RunningServer {
  readonly id: string;
  readonly url: string;
  readonly slots: readonly ModelSlot[];
  readonly metrics: ServerMetrics;
  readonly log: RequestLog;
  readonly inferenceLog: InferenceLog | null;
  snapshot(): ModelServer;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json';
const CLOSE_GRACE_MS = 5000;

/** A model server on node:http: MLflow's scoring protocol, the Open Inference Protocol v2 and Prometheus metrics. */
export async function startModelServer(options: ModelServerOptions): Promise<RunningServer> {
  const { id, slots, log, token } = options;
  const inferenceLog = options.inferenceLog ?? null;
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const routes = createRoutes(slots);
  const metrics = new ServerMetrics();
  for (const slot of slots) metrics.loaded(slot.name, slot.uri, slot.current.version);
  const requestLog = new RequestLog(options.onRequest);
  const expected = token === null ? null : Buffer.from(`Bearer ${token}`);
  const startedAt = Date.now();
  let requests = 0;
  let errors = 0;
  let closing = false;

  const authorized = (request: IncomingMessage): boolean => {
    if (expected === null) return true;
    const given = request.headers.authorization;
    return given !== undefined && given.length === expected.length && timingSafeEqual(Buffer.from(given), expected);
  };

  const finish = (request: IncomingMessage, path: string, route: Route, started: number, status: number, version: number | null, rows: number | null, error: string | null): void => {
    const ms = performance.now() - started;
    metrics.record(route.slot?.name ?? route.modelName ?? '', route.template, status, ms / 1000);
    requests++;
    if (status >= 400) errors++;
    requestLog.push({ serverId: id, at: Date.now(), method: request.method ?? 'GET', path, model: route.slot?.name ?? null, version, status, ms, rows, error });
  };

  const send = (response: ServerResponse, status: number, contentType: string, body: string, headers?: Record<string, string>): void => {
    // A known length: no chunked framing, one write.
    const all: Record<string, string | number> = { 'content-type': contentType, 'content-length': Buffer.byteLength(body) };
    if (headers) Object.assign(all, headers);
    if (closing) all.connection = 'close';
    response.writeHead(status, all);
    response.end(body);
  };

  const sendError = (response: ServerResponse, route: Route, error: HttpError): void => {
    // 413: the rest of the body is never read; Node drops it and closes the connection after the answer.
    if (error.status === 413) response.setHeader('connection', 'close');
    if (error.status === 401) response.setHeader('www-authenticate', 'Bearer');
    const v2 = route.kind.startsWith('v2');
    send(response, error.status, JSON_TYPE, JSON.stringify(v2 ? { error: error.message, error_code: error.errorCode, message: error.message } : { error_code: error.errorCode, message: error.message }));
  };

  const fail = (request: IncomingMessage, response: ServerResponse, path: string, route: Route, started: number, error: HttpError): void => {
    sendError(response, route, error);
    finish(request, path, route, started, error.status, null, null, error.message);
  };

  const score = async (request: IncomingMessage, response: ServerResponse, path: string, route: Route, slot: ModelSlot, started: number): Promise<void> => {
    let loaded: Loaded | null = null;
    let rows: number | null = null;
    try {
      const v2 = route.kind === 'v2-infer';
      const format = bodyFormat(request.headers['content-type'], v2 ? ['json'] : ['json', 'csv']);
      const text = bodyText(await readBody(request, limit));
      loaded = slot.acquire();
      const parsed: Parsed = v2 ? parseInfer(text, loaded.plan) : format === 'csv' ? parseCsvInvocation(text, loaded.plan) : parseJsonInvocation(text, loaded.plan);
      rows = parsed.input.rows;
      const prepared = inferenceLog?.prepare(loaded.scorer.signature, parsed.input) ?? null;
      const result = rows === 0 ? emptyResult(loaded) : await loaded.scorer.score(parsed.input);
      const body = v2 ? formatInfer(slot.name, loaded.version, parsed as ReturnType<typeof parseInfer>, result, loaded.scorer.signature) : formatPredictions(result);
      const headers: Record<string, string> = { 'x-workbench-model-version': String(loaded.version) };
      if (parsed.ignored.length > 0) headers['x-workbench-ignored-columns'] = parsed.ignored.map(encodeURIComponent).join(', ');
      let requestId: string | null = null;
      if (inferenceLog && rows > 0) {
        // The client's own ID (a header, or v2's "id") joins late labels to the log; else one is made.
        const given = request.headers['x-request-id'];
        requestId = (v2 ? (parsed as ReturnType<typeof parseInfer>).id : undefined) ?? (typeof given === 'string' && given !== '' ? given.slice(0, 200) : inferenceLog.nextRequestId());
        headers['x-request-id'] = requestId;
      }
      send(response, 200, JSON_TYPE, body, headers);
      if (requestId !== null) inferenceLog?.record(slot.name, loaded.version, loaded.scorer.signature, requestId, parsed.input, result, prepared);
      finish(request, path, route, started, 200, loaded.version, rows, null);
    } catch (caught) {
      const error = asHttpError(caught, log, slot.name);
      sendError(response, route, error);
      finish(request, path, route, started, error.status, loaded?.version ?? null, rows, error.message);
    } finally {
      if (loaded) slot.release(loaded);
    }
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const started = performance.now();
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    const route = routes.route(path);
    if (route.kind === 'not-found') return fail(request, response, path, route, started, new HttpError(404, 'ENDPOINT_NOT_FOUND', `No route ${path}. Try POST /invocations, GET /ping, GET /v2/models/{name} or GET /metrics.`));
    if (!route.open && !authorized(request)) return fail(request, response, path, route, started, new HttpError(401, 'UNAUTHENTICATED', 'This model server needs Authorization: Bearer <token>, the token shown when it started.'));
    if (request.method !== route.method && !(route.method === 'GET' && request.method === 'HEAD')) {
      response.setHeader('allow', route.method);
      return fail(request, response, path, route, started, new HttpError(405, 'BAD_REQUEST', `${request.method ?? '?'} ${route.template}: use ${route.method}.`));
    }
    const slot = route.slot;
    if (route.modelName !== null && !slot) {
      return fail(request, response, path, route, started, new HttpError(404, 'RESOURCE_DOES_NOT_EXIST', `No model "${route.modelName}" on this server; it serves ${slots.map((s) => s.name).join(', ')}.`));
    }
    if (slot && route.version !== null && route.version !== String(slot.current.version)) {
      return fail(request, response, path, route, started, new HttpError(404, 'RESOURCE_DOES_NOT_EXIST', `Model "${slot.name}" version ${route.version} is not loaded; this server has version ${slot.current.version}.`));
    }
    if ((route.kind === 'invocations' || route.kind === 'v2-infer') && slot) {
      void score(request, response, path, route, slot, started);
      return;
    }
    let status = 200;
    switch (route.kind) {
      case 'ping':
        status = closing ? 503 : 200;
        send(response, status, JSON_TYPE, '\n');
        break;
      case 'version':
        send(response, 200, 'text/plain; charset=utf-8', options.version);
        break;
      case 'metrics':
        send(response, 200, 'text/plain; version=0.0.4; charset=utf-8', inferenceLog ? metrics.render() + inferenceLog.renderMetrics() : metrics.render());
        break;
      case 'v2-server':
        send(response, 200, JSON_TYPE, JSON.stringify({ name: 'ml-workbench', version: options.version, extensions: [] }));
        break;
      case 'v2-live':
        send(response, 200, JSON_TYPE, JSON.stringify({ live: true }));
        break;
      case 'v2-ready':
        status = closing ? 503 : 200;
        send(response, status, JSON_TYPE, JSON.stringify({ ready: !closing }));
        break;
      case 'v2-model':
        if (slot) send(response, 200, JSON_TYPE, JSON.stringify(modelMetadata(slot.name, slot.current.version, slot.current.scorer.signature)));
        break;
      case 'v2-model-ready':
        if (slot) send(response, 200, JSON_TYPE, JSON.stringify({ name: slot.name, ready: !closing }));
        break;
      default:
        return fail(request, response, path, route, started, new HttpError(404, 'ENDPOINT_NOT_FOUND', `No route ${path}.`));
    }
    finish(request, path, route, started, status, slot?.current.version ?? null, null, null);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error('model server error', error, { id }));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

  return {
    id,
    url,
    slots,
    metrics,
    log: requestLog,
    inferenceLog,
    snapshot: () => ({
      id,
      host: options.host,
      port,
      url,
      tokenRequired: token !== null,
      models: slots.map((slot) => ({ name: slot.name, uri: slot.uri, version: slot.current.version, loadedAt: slot.current.loadedAt })),
      logDatasets: inferenceLog?.datasets() ?? [],
      startedAt,
      requests,
      errors,
    }),
    async close() {
      closing = true;
      // Requests in flight finish; idle keep-alive connections go now, stragglers after a grace period.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      await closed;
      clearTimeout(grace);
      requestLog.flush();
      await inferenceLog?.close();
      await Promise.all(slots.map((slot) => slot.close()));
    },
  };
}

function emptyResult(loaded: Loaded): ScoreResult {
  return { rows: 0, outputs: loaded.scorer.signature.outputs.map((field) => ({ name: field.name, dims: [0], values: [] })) };
}

function asHttpError(error: unknown, log: Logger, model: string): HttpError {
  if (error instanceof HttpError) return error;
  if ((error as NodeJS.ErrnoException | null)?.code === 'ECONNRESET') return new HttpError(499, 'CLIENT_CLOSED', 'The client closed the connection before sending the whole body.');
  // The scorer's own checks (a type or NaN it refuses) name the column: the client's mistake, not ours.
  if (isWorkbenchError(error) && error.code === 'invalid_input') return new HttpError(400, 'BAD_REQUEST', error.message);
  log.error('scoring failed', error, { model });
  return new HttpError(500, 'INTERNAL_ERROR', `Scoring failed: ${error instanceof Error ? error.message : String(error)}`);
}
