import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWorkbenchError, type ErrorCode } from '../../../shared/contract';
import type { Logger } from '../../log';
import type { TrackingService } from '../service';
import { invalid } from '../validation';
import { ARTIFACTS_PATH, artifactRoutes, serveArtifacts } from './artifacts';
import { experimentRoutes } from './experiments';
import { loggingRoutes } from './logging';
import { modelRoutes } from './models';
import type { Input, Route } from './request';
import { runRoutes } from './runs';

export type MlflowHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

const API_PREFIX = '/api/2.0/mlflow/';
const ARTIFACTS_PREFIX = '/api/2.0/mlflow-artifacts/';
const DEFAULT_BODY_BYTES = 16 * 1024 * 1024;
const ROUTES: readonly Route[] = [...experimentRoutes, ...runRoutes, ...loggingRoutes, ...modelRoutes, ...artifactRoutes];

/** MLflow's error codes and the HTTP statuses its server gives them. */
const MLFLOW_ERRORS: Partial<Record<ErrorCode, { status: number; code: string }>> = {
  invalid_input: { status: 400, code: 'INVALID_PARAMETER_VALUE' },
  not_found: { status: 404, code: 'RESOURCE_DOES_NOT_EXIST' },
  conflict: { status: 400, code: 'RESOURCE_ALREADY_EXISTS' },
  unknown_procedure: { status: 404, code: 'ENDPOINT_NOT_FOUND' },
  unauthorized: { status: 401, code: 'UNAUTHENTICATED' },
  forbidden: { status: 403, code: 'PERMISSION_DENIED' },
  payload_too_large: { status: 413, code: 'INVALID_PARAMETER_VALUE' },
  unsupported_media_type: { status: 415, code: 'BAD_REQUEST' },
  model_invalid: { status: 400, code: 'INVALID_PARAMETER_VALUE' },
  no_workspace: { status: 503, code: 'TEMPORARILY_UNAVAILABLE' },
  unavailable: { status: 503, code: 'TEMPORARILY_UNAVAILABLE' },
  disk_full: { status: 507, code: 'INTERNAL_ERROR' },
};

export function isMlflowPath(pathname: string): boolean {
  return pathname.startsWith(API_PREFIX) || pathname.startsWith(ARTIFACTS_PREFIX);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** An error as MLflow answers it: the HTTP status and `{error_code, message}`; the stack of an unexpected one stays in the log. */
export function sendMlflowError(response: ServerResponse, error: unknown, log: Logger): void {
  const known = isWorkbenchError(error) ? MLFLOW_ERRORS[error.code] : undefined;
  if (!known) log.error('MLflow API request failed', error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const message = isWorkbenchError(error) && known ? error.message : 'Internal error; the workbench log has the details.';
  sendJson(response, known?.status ?? 500, { error_code: known?.code ?? 'INTERNAL_ERROR', message });
}

function match(routes: readonly Route[], method: string, path: string): { route: Route; params: Record<string, string> } | 'wrong-method' | undefined {
  const segments = path.split('/');
  let pathMatched = false;
  for (const route of routes) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = pattern.every((part, index) => {
      const segment = segments[index] ?? '';
      if (part.startsWith(':')) {
        params[part.slice(1)] = decodeURIComponent(segment);
        return segment !== '';
      }
      return part === segment;
    });
    if (!fits) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? 'wrong-method' : undefined;
}

function queryInput(url: URL): Input {
  const input: Input = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    input[key] = values.length === 1 ? values[0] : values;
  }
  return input;
}

/** Reads a JSON body up to `limit` bytes; form encodings (which other sites can send) are refused. */
function readJson(request: IncomingMessage, limit: number): Promise<Input> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'].includes(type)) {
    request.resume();
    return Promise.reject(invalid('body', `send the request as JSON (Content-Type: application/json), not ${type}.`));
  }
  const tooLarge = (size: number): Error => invalid('body', `requests to this endpoint must be at most ${limit} bytes; this one is ${size} bytes.`);
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) {
    request.resume();
    return Promise.reject(tooLarge(declared));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > limit) return reject(tooLarge(size));
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      try {
        const parsed = JSON.parse(text) as unknown;
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return reject(invalid('body', 'expected a JSON object.'));
        resolve(parsed as Input);
      } catch (error) {
        reject(invalid('body', `the body is not valid JSON (${(error as Error).message}).`));
      }
    });
    request.on('error', reject);
  });
}

/**
 * MLflow's tracking REST API (`/api/2.0/mlflow/...`) and its artifact proxy
 * (`/api/2.0/mlflow-artifacts/artifacts/...`) on the open workspace's store, so
 * that an MLflow client with MLFLOW_TRACKING_URI set to the workbench logs into it.
 * Answers true when the path was one of these.
 */
export function createMlflowHandler(options: { tracking: () => TrackingService; log: Logger; extraRoutes?: readonly Route[] }): MlflowHandler {
  const { log } = options;
  // Other services' parts of MLflow's API (the model registry) answer beside the tracking routes.
  const routes = [...ROUTES, ...(options.extraRoutes ?? [])];
  return async (request, response, url) => {
    if (!isMlflowPath(url.pathname)) return false;
    response.setHeader('cache-control', 'no-store');
    try {
      const store = options.tracking().store();
      const isArtifacts = url.pathname === ARTIFACTS_PATH || url.pathname.startsWith(`${ARTIFACTS_PATH}/`);
      if (!url.pathname.startsWith(API_PREFIX) && !isArtifacts) {
        // Multipart uploads (mpu/...): MLflow clients use them only with MLFLOW_ENABLE_PROXY_MULTIPART_UPLOAD set; otherwise a plain PUT.
        request.resume();
        sendJson(response, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: `The workbench does not serve ${url.pathname}.` });
        return true;
      }
      if (isArtifacts) {
        await serveArtifacts(request, response, url, store, (status, body) => sendJson(response, status, body));
        return true;
      }
      const method = request.method ?? 'GET';
      const found = match(routes, method, url.pathname.slice(API_PREFIX.length));
      if (found === undefined || found === 'wrong-method') {
        request.resume();
        if (found === 'wrong-method') sendJson(response, 405, { error_code: 'BAD_REQUEST', message: `${method} is not allowed on ${url.pathname}.` });
        else sendJson(response, 404, { error_code: 'ENDPOINT_NOT_FOUND', message: `The workbench does not serve ${url.pathname} (an MLflow endpoint it does not implement).` });
        return true;
      }
      // MLflow's Python client sends DELETE's fields as a JSON body; other clients put them in the query.
      const body = method === 'GET' ? {} : await readJson(request, found.route.maxBodyBytes ?? DEFAULT_BODY_BYTES);
      const input = method === 'GET' || method === 'DELETE' ? { ...queryInput(url), ...body } : body;
      const result = await found.route.handle({ method, input, params: found.params, url, store, request, response });
      sendJson(response, 200, result);
    } catch (error) {
      sendMlflowError(response, error, log);
    }
    return true;
  };
}
