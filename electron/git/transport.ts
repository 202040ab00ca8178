import type { AuthCallback, AuthFailureCallback, GitProgressEvent, HttpClient } from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';
import { WorkbenchError } from '../../shared/contract';
import type { JobContext } from '../jobs';
import type { RemoteLogin } from './credentials';

export type TransferAction = 'clone' | 'fetch' | 'pull' | 'push';

export function cancelled(action: TransferAction, remoteUrl: string): WorkbenchError {
  return new WorkbenchError('cancelled', `Cancelled the ${action} ${action === 'push' ? 'to' : 'from'} ${remoteUrl}.`, { url: remoteUrl });
}

/**
 * isomorphic-git's Node HTTP client, made to stop when the job is cancelled:
 * no request starts after the signal fires, and a response being read throws
 * `cancelled` at the next chunk (isomorphic-git only takes a signal for push).
 */
export function abortableHttp(signal: AbortSignal, action: TransferAction, remoteUrl: string): HttpClient {
  const stop = () => cancelled(action, remoteUrl);
  return {
    async request(request) {
      if (signal.aborted) throw stop();
      const response = await nodeHttp.request({ ...request, signal });
      if (signal.aborted) throw stop();
      const body = response.body;
      if (!body) return response;
      const guarded: AsyncIterableIterator<Uint8Array> = {
        async next() {
          if (signal.aborted) {
            await body.return?.();
            throw stop();
          }
          return body.next();
        },
        async return(value?: unknown) {
          await body.return?.();
          return { done: true, value: value as Uint8Array };
        },
        [Symbol.asyncIterator]() {
          return guarded;
        },
      };
      return { ...response, body: guarded };
    },
  };
}

/**
 * onAuth / onAuthFailure for one transfer. Kept credentials are offered once;
 * when the remote turns them down, onAuthFailure ends the attempt (rather than
 * offering the same ones again, which isomorphic-git would loop on).
 */
export function authHandlers(login: () => Promise<RemoteLogin | null>, remoteUrl: string, action: TransferAction): { onAuth: AuthCallback; onAuthFailure: AuthFailureCallback } {
  return {
    onAuth: async () => {
      const found = await login();
      return found ? { username: found.username, password: found.password } : undefined;
    },
    onAuthFailure: () => {
      throw authFailed(remoteUrl, action, true);
    },
  };
}

function authFailed(remoteUrl: string, action: TransferAction, hadCredentials: boolean): WorkbenchError {
  const message = hadCredentials
    ? `${remoteUrl} rejected the credentials for ${action}; check the token or password for this remote in Remotes.`
    : `${remoteUrl} asks for credentials to ${action}; add a token or a user name and password for this remote in Remotes.`;
  return new WorkbenchError('git_auth_failed', message, { url: remoteUrl });
}

/** isomorphic-git's progress events as job progress ("Receiving objects: 40%"). */
export function progressReporter(job: JobContext): (event: GitProgressEvent) => void {
  return ({ phase, loaded, total }) => {
    job.progress(total > 0 ? Math.min(1, loaded / total) : null, phase);
  };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  data?: { statusCode?: unknown; reason?: unknown; prettyDetails?: unknown };
  errors?: unknown;
}

/**
 * Turns what isomorphic-git (or the network) threw during a transfer into a
 * WorkbenchError naming the remote. Anything it does not recognise comes back
 * unchanged, to be reported as internal. Messages never quote the remote's
 * answer body, which could echo what was sent.
 */
export function toRemoteError(error: unknown, remoteUrl: string, action: TransferAction): unknown {
  if (error instanceof WorkbenchError) return error;
  if (typeof error !== 'object' || error === null) return error;
  const failure = error as ErrorLike;
  const details = { url: remoteUrl };
  switch (failure.code) {
    case 'HttpError': {
      const status = Number(failure.data?.statusCode);
      if (status === 401 || status === 403) return authFailed(remoteUrl, action, status === 403);
      if (status === 404) return new WorkbenchError('not_found', `There is no repository at ${remoteUrl} (HTTP 404); check the remote's URL.`, details);
      return new WorkbenchError('git_remote_unreachable', `${remoteUrl} could not ${action} (HTTP ${status}); try again later or check the remote's URL.`, details);
    }
    case 'SmartHttpError':
      return new WorkbenchError('not_found', `${remoteUrl} did not answer as a git server; check the remote's URL.`, details);
    case 'PushRejectedError':
      return pushRejected(remoteUrl, failure.data?.reason === 'tag-exists' ? 'the tag already exists there' : null);
    case 'GitPushError': {
      const why = typeof failure.data?.prettyDetails === 'string' ? failure.data.prettyDetails : '';
      return pushRejected(remoteUrl, /non-fast-forward|fetch first|stale info/.test(why) ? null : why.replace(/\s+/g, ' ').trim() || 'it refused the update');
    }
    case 'UrlParseError':
    case 'UnknownTransportError':
      return new WorkbenchError('invalid_input', `${remoteUrl} is not a URL the workbench can ${action} (only http and https remotes are supported).`, details);
    default:
      break;
  }
  const code = networkCode(failure);
  if (code) return new WorkbenchError('git_remote_unreachable', `Could not reach ${remoteUrl} to ${action} (${code}); check the URL and your network connection.`, { ...details, cause: code });
  return error;
}

export function pushRejected(remoteUrl: string, reason: string | null): WorkbenchError {
  const message = reason === null
    ? `${remoteUrl} refused the push: the remote has commits you do not have; pull first, then push again.`
    : `${remoteUrl} refused the push: ${reason}.`;
  return new WorkbenchError('git_push_rejected', message, { url: remoteUrl });
}

/** The network error's code, also from inside an AggregateError (Node tries IPv4 and IPv6). */
function networkCode(failure: ErrorLike): string | null {
  if (typeof failure.code === 'string' && UNREACHABLE.has(failure.code)) return failure.code;
  if (Array.isArray(failure.errors)) {
    for (const inner of failure.errors as ErrorLike[]) {
      if (typeof inner.code === 'string' && UNREACHABLE.has(inner.code)) return inner.code;
    }
  }
  if (typeof failure.message === 'string') {
    const match = /\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)\b/.exec(failure.message);
    if (match?.[1]) return match[1];
  }
  return null;
}

/**
 * Runs one transfer: cancellation wins over whatever error the abort caused
 * inside isomorphic-git, and the rest is mapped by {@link toRemoteError}.
 */
export async function transfer<T>(job: JobContext, remoteUrl: string, action: TransferAction, work: (http: HttpClient) => Promise<T>): Promise<T> {
  try {
    const result = await work(abortableHttp(job.signal, action, remoteUrl));
    if (job.signal.aborted) throw cancelled(action, remoteUrl);
    return result;
  } catch (error) {
    if (job.signal.aborted) throw cancelled(action, remoteUrl);
    throw toRemoteError(error, remoteUrl, action);
  }
}
