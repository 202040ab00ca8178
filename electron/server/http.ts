import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { httpStatusForCode, WorkbenchError } from '../../shared/contract';
import { toApiError, type Router } from '../api';
import type { Logger } from '../log';
import { isMlflowPath, sendMlflowError, type MlflowHandler } from '../tracking';
import type { Guard } from './guard';
import { contentSecurityPolicy } from './policy';

const MAX_BODY_BYTES = 1024 * 1024;
/** Procedures that carry documents: a notebook with its figures, or a long cell of code. */
const LARGER_BODIES: Readonly<Record<string, number>> = {
  'notebooks.save': 256 * 1024 * 1024,
  'kernels.execute': 16 * 1024 * 1024,
};
const bodyLimit = (procedure: string): number => LARGER_BODIES[procedure] ?? MAX_BODY_BYTES;

export interface RequestHandlerOptions {
  router: Router;
  guard: Guard;
  rendererDir: string;
  log: Logger;
  /** MLflow's tracking REST API (`/api/2.0/mlflow/...`, `/api/2.0/mlflow-artifacts/...`), routed before the procedures. */
  mlflow?: MlflowHandler;
}

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** Static UI, `GET /api/health`, `POST /api/<procedure>` and MLflow's REST API, all behind the guard. */
export function createRequestHandler({ router, guard, rendererDir, log, mlflow }: RequestHandlerOptions): RequestHandler {
  const hasUi = existsSync(join(rendererDir, 'index.html'));
  if (!hasUi) log.warn('the UI is not built; serving the API only (run `npm run build`)', { rendererDir });
  const assets = hasUi ? sirv(rendererDir, { single: true, etag: true, dotfiles: false }) : undefined;

  return (request, response) => {
    setSecurityHeaders(response);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    // MLflow clients send no Origin and authenticate with `Authorization: Bearer`, which the guard accepts.
    const isMlflow = mlflow !== undefined && isMlflowPath(url.pathname);
    try {
      guard.checkSource(request);
      if (!isApi && request.method === 'GET' && guard.tokenMatches(url.searchParams.get('token'))) {
        return acceptTokenFromUrl(url, guard, response);
      }
      guard.checkToken(request);
    } catch (error) {
      if (isMlflow) return sendMlflowError(response, error, log);
      const apiError = toApiError(error, 'request', log);
      if (isApi) return sendError(response, apiError.code, apiError.message, apiError.details);
      return sendPage(response, httpStatusForCode[apiError.code], apiError.message);
    }

    if (isMlflow) {
      void mlflow(request, response, url);
      return;
    }
    if (isApi) {
      handleApi(url, request, response, router, log).catch((error: unknown) => {
        const apiError = toApiError(error, url.pathname, log);
        if (!response.headersSent) sendError(response, apiError.code, apiError.message, apiError.details);
      });
      return;
    }
    if (!assets) return sendPage(response, 503, 'The UI is not built. Run `npm run build`, then restart `workbench serve`.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendPage(response, 405, 'Method not allowed.');
    assets(request, response, () => sendPage(response, 404, 'Not found.'));
  };
}

async function handleApi(url: URL, request: IncomingMessage, response: ServerResponse, router: Router, log: Logger): Promise<void> {
  response.setHeader('cache-control', 'no-store');
  const name = decodeURIComponent(url.pathname.slice('/api/'.length));
  if (name === 'health' && request.method === 'GET') {
    const health = await router.call('system.health', {}, { signal: new AbortController().signal });
    return sendJson(response, 200, health);
  }
  if (request.method !== 'POST') {
    response.setHeader('allow', 'POST');
    return sendJson(response, 405, { error: { code: 'invalid_input', message: `${request.method} is not allowed; call procedures with POST.` } });
  }
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/json') {
    // Also what keeps plain HTML forms from other sites out: they cannot send JSON.
    throw new WorkbenchError('unsupported_media_type', `${name}: send the input as JSON (Content-Type: application/json).`, { procedure: name });
  }
  const input = parseBody(name, await readBody(request, name));
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort(); // The caller gave up.
  });
  try {
    const output = await router.call(name, input, { signal: controller.signal });
    sendJson(response, 200, output ?? null);
  } catch (error) {
    const apiError = toApiError(error, name, log);
    sendError(response, apiError.code, apiError.message, apiError.details);
  }
}

/** Reads at most the procedure's limit; past that it answers 413 and drains the rest unread. */
function readBody(request: IncomingMessage, procedure: string): Promise<string> {
  const limit = bodyLimit(procedure);
  return new Promise((resolve, reject) => {
    const tooLarge = (): WorkbenchError =>
      new WorkbenchError('payload_too_large', `${procedure}: the request body is over ${limit} bytes.`, { procedure });
    if (Number(request.headers['content-length'] ?? 0) > limit) {
      request.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function parseBody(procedure: string, text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new WorkbenchError('invalid_input', `${procedure}: the body is not valid JSON (${(error as Error).message}).`, { procedure });
  }
}

/** First page load with `?token=`: keep it in an HttpOnly cookie and drop it from the address bar. */
function acceptTokenFromUrl(url: URL, guard: Guard, response: ServerResponse): void {
  const token = url.searchParams.get('token') ?? '';
  url.searchParams.delete('token');
  response.setHeader('set-cookie', `${guard.cookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`);
  response.writeHead(302, { location: `${url.pathname}${url.search}` });
  response.end();
}

function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('content-security-policy', contentSecurityPolicy);
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  response.setHeader('cross-origin-resource-policy', 'same-origin');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function sendError(response: ServerResponse, code: WorkbenchError['code'], message: string, details?: Record<string, unknown>): void {
  sendJson(response, httpStatusForCode[code], { error: details ? { code, message, details } : { code, message } });
}

function sendPage(response: ServerResponse, status: number, message: string): void {
  const escaped = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><meta charset="utf-8"><title>ML Workbench</title><p>${escaped}</p>`;
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  response.end(html);
}
