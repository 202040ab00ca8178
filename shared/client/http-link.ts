import { apiErrorSchema, WorkbenchError } from '../contract/errors';
import type { Link, MessagePort } from './link';
import { createMessageLink } from './message-link';

export interface HttpLinkOptions {
  /** Origin of the server, e.g. `http://127.0.0.1:4280`; '' for the page's own origin. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`; omit in the browser, where the cookie carries it. */
  token?: string;
  /** The port for events (a socket port to `/api/socket`). */
  events: MessagePort;
  fetch?: typeof fetch;
}

/**
 * Server mode's client transport: each call is `POST /api/<procedure>` with a
 * JSON body, and events arrive over the WebSocket.
 */
export function createHttpLink(options: HttpLinkOptions): Link {
  const doFetch = options.fetch ?? fetch;
  const eventLink = createMessageLink(options.events);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  return {
    get connection() {
      return eventLink.connection;
    },
    async call(procedure, input, signal) {
      let response: Response;
      try {
        response = await doFetch(`${options.baseUrl}/api/${encodeURIComponent(procedure)}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
          signal,
        });
      } catch (error) {
        if (signal?.aborted) throw new WorkbenchError('cancelled', `${procedure} was cancelled.`);
        throw new WorkbenchError('unavailable', `Cannot reach the backend: ${String(error)}`);
      }
      const text = await response.text();
      const body = parseJson(text);
      if (response.ok) return body;
      const parsed = apiErrorSchema.safeParse(
        typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined,
      );
      if (parsed.success) throw WorkbenchError.fromApiError(parsed.data);
      throw new WorkbenchError('internal', `${procedure}: HTTP ${response.status} ${text.slice(0, 200)}`);
    },
    subscribe: (event, listener) => eventLink.subscribe(event, listener),
    onConnectionChange: (listener) => eventLink.onConnectionChange(listener),
    close: () => eventLink.close(),
  };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
