import { WorkbenchError } from '../../../shared/contract';

/** How the workbench logs into a shared MLflow server. The secret lives only here and in the request header. */
export type RemoteLogin = { kind: 'none' } | { kind: 'token'; token: string } | { kind: 'basic'; username: string; password: string };

export interface MlflowEndpoint {
  /** The server's base URL, normalised to end with `/` (`https://mlflow.example.com/` or `https://host/mlflow/`). */
  url: string;
  login: RemoteLogin;
}

/** An MLflow error answer (`{"error_code", "message"}`) the caller may want to branch on (a 404 RESOURCE_DOES_NOT_EXIST). */
export class MlflowNotFound extends WorkbenchError {
  constructor(message: string, readonly errorCode: string) {
    super('not_found', message, { errorCode });
  }
}

/** JSON calls and metadata answers get this long; uploads and downloads get longer. */
const CALL_TIMEOUT_MS = 60_000;
const TRANSFER_TIMEOUT_MS = 30 * 60_000;

type Query = Record<string, string | number | undefined>;

/**
 * A client for one MLflow server's REST API (`/api/2.0/mlflow/`) and its
 * artifact proxy (`/api/2.0/mlflow-artifacts/artifacts`). It never retries on
 * its own: a refused login is reported at once (no storm of 401s that could
 * lock an account), and a push or pull is retried as a whole by the user.
 */
export class MlflowClient {
  private readonly signal: AbortSignal | undefined;
  private readonly callTimeoutMs: number;

  /** `signal` cancels (a job's); `callTimeoutMs` bounds each JSON call (uploads and downloads get longer). */
  constructor(
    private readonly endpoint: MlflowEndpoint,
    options: { signal?: AbortSignal | undefined; callTimeoutMs?: number } = {},
  ) {
    this.signal = options.signal;
    this.callTimeoutMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS;
  }

  get url(): string {
    return this.endpoint.url;
  }

  get<T>(path: string, query: Query = {}): Promise<T> {
    return this.json<T>('GET', path, query, undefined);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('POST', path, {}, body);
  }

  /** MLflow's DELETE endpoints take a JSON body, as its Python client sends it. */
  delete<T>(path: string, body: unknown): Promise<T> {
    return this.json<T>('DELETE', path, {}, body);
  }

  /** `PUT /api/2.0/mlflow-artifacts/artifacts/<path>` with the file as the body. */
  async upload(artifactPath: string, bytes: Buffer): Promise<void> {
    const url = `${this.endpoint.url}api/2.0/mlflow-artifacts/artifacts/${encodePath(artifactPath)}`;
    const response = await this.send('PUT', url, { body: bytes, contentType: 'application/octet-stream', timeoutMs: TRANSFER_TIMEOUT_MS });
    await this.check(response, `upload ${artifactPath}`);
  }

  /** `DELETE /api/2.0/mlflow-artifacts/artifacts/<path>` (a file or a folder); not every artifact store allows it. */
  async deleteArtifact(artifactPath: string): Promise<void> {
    const url = `${this.endpoint.url}api/2.0/mlflow-artifacts/artifacts/${encodePath(artifactPath)}`;
    const response = await this.send('DELETE', url, { timeoutMs: this.callTimeoutMs });
    await this.check(response, `delete ${artifactPath}`);
  }

  /** `GET /api/2.0/mlflow-artifacts/artifacts?path=<dir>` → the entries (base names, as MLflow answers). */
  async listArtifacts(dir: string): Promise<{ path: string; is_dir?: boolean; file_size?: string | number }[]> {
    const url = `${this.endpoint.url}api/2.0/mlflow-artifacts/artifacts?${new URLSearchParams({ path: dir }).toString()}`;
    const response = await this.send('GET', url, { timeoutMs: this.callTimeoutMs });
    await this.check(response, `list ${dir}`);
    return ((await this.readJson(response, `list ${dir}`)) as { files?: { path: string; is_dir?: boolean; file_size?: string | number }[] }).files ?? [];
  }

  async download(artifactPath: string): Promise<Buffer> {
    const url = `${this.endpoint.url}api/2.0/mlflow-artifacts/artifacts/${encodePath(artifactPath)}`;
    const response = await this.send('GET', url, { timeoutMs: TRANSFER_TIMEOUT_MS });
    await this.check(response, `download ${artifactPath}`);
    try {
      return Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw this.dropped(error, `download ${artifactPath}`);
    }
  }

  private async json<T>(method: string, path: string, query: Query, body: unknown): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    const url = `${this.endpoint.url}api/2.0/mlflow/${path}${search.size > 0 ? `?${search.toString()}` : ''}`;
    const response = await this.send(method, url, {
      ...(body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' }),
      timeoutMs: this.callTimeoutMs,
    });
    await this.check(response, path);
    return (await this.readJson(response, path)) as T;
  }

  private async send(method: string, url: string, options: { body?: string | Buffer; contentType?: string; timeoutMs: number }): Promise<Response> {
    this.signal?.throwIfAborted();
    const headers: Record<string, string> = { accept: 'application/json', ...authHeader(this.endpoint.login) };
    if (options.contentType) headers['content-type'] = options.contentType;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    try {
      return await fetch(url, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: options.body }),
        signal: this.signal ? AbortSignal.any([this.signal, timeout]) : timeout,
        redirect: 'error',
      });
    } catch (error) {
      throw this.dropped(error, `${method} ${url.slice(this.endpoint.url.length)}`, timeout.aborted ? options.timeoutMs : undefined);
    }
  }

  /** Turns an HTTP failure into the registry's errors. */
  private async check(response: Response, what: string): Promise<void> {
    if (response.ok) return;
    const text = await response.text().catch(() => '');
    const { errorCode, message } = parseError(text);
    const said = message ? `: ${message}` : '';
    const where = `MLflow at ${this.endpoint.url}`;
    if (response.status === 401 || response.status === 403) {
      throw new WorkbenchError('registry_auth_failed', `${where} refused the credentials (HTTP ${response.status}) for ${what}${said}. Check the token or user name and password in the remote settings.`, { status: response.status });
    }
    if (response.status === 404) throw new MlflowNotFound(`${where} has no ${what}${said}`, errorCode ?? 'ENDPOINT_NOT_FOUND');
    if (response.status >= 400 && response.status < 500) {
      throw new WorkbenchError('registry_rejected', `${where} rejected ${what} (HTTP ${response.status}${errorCode ? ` ${errorCode}` : ''})${said}`, { status: response.status, ...(errorCode ? { errorCode } : {}) });
    }
    throw new WorkbenchError('registry_unreachable', `${where} failed on ${what} (HTTP ${response.status})${said}`, { status: response.status });
  }

  private async readJson(response: Response, what: string): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.dropped(error, what);
    }
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new WorkbenchError('registry_rejected', `MLflow at ${this.endpoint.url} answered ${what} with something other than JSON (is this an MLflow server?): ${text.slice(0, 120)}`);
    }
  }

  private dropped(error: unknown, what: string, timedOutMs?: number): WorkbenchError {
    if (this.signal?.aborted) return new WorkbenchError('cancelled', `Cancelled during ${what}.`);
    if (timedOutMs !== undefined) return new WorkbenchError('registry_unreachable', `MLflow at ${this.endpoint.url} did not answer ${what} within ${timedOutMs / 1000} s.`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    // Redirects are not followed: the login must not travel to a host the user did not name.
    if (/redirect/i.test(reason)) return new WorkbenchError('registry_unreachable', `MLflow at ${this.endpoint.url} answered ${what} with a redirect: set the registry to the URL it redirects to (https?).`);
    return new WorkbenchError('registry_unreachable', `MLflow at ${this.endpoint.url} did not answer ${what} (${reason}). Check the URL and that the server runs.`);
  }
}

function authHeader(login: RemoteLogin): Record<string, string> {
  if (login.kind === 'token') return { authorization: `Bearer ${login.token}` };
  if (login.kind === 'basic') return { authorization: `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}` };
  return {};
}

/** Each segment encoded, the slashes kept: `model/MLmodel` → `model/MLmodel`, `a b` → `a%20b`. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function parseError(text: string): { errorCode: string | null; message: string | null } {
  try {
    const body = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    return { errorCode: typeof body.error_code === 'string' ? body.error_code : null, message: typeof body.message === 'string' ? body.message : null };
  } catch {
    const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
    return { errorCode: null, message: plain ? plain.slice(0, 200) : null };
  }
}
