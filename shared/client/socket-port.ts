import type { ConnectionState, MessagePort } from './link';

/** The part of a WebSocket we use; the browser's and the `ws` package's both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  // `never` parameters: we only assign these handlers, so any event type fits.
  onopen: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
}

const OPEN = 1;

export interface SocketPortOptions {
  createSocket: () => SocketLike;
  /** Delay before reconnect attempt n (0-based); default 250 ms doubling up to 5 s. */
  retryDelayMs?: (attempt: number) => number;
}

/**
 * A message port over a WebSocket that reconnects by itself. Messages posted
 * while disconnected wait in a queue, except calls, which the link fails fast.
 */
export function createSocketPort(options: SocketPortOptions): MessagePort {
  const retryDelay = options.retryDelayMs ?? ((n) => Math.min(5000, 250 * 2 ** n));
  const messageListeners = new Set<(message: unknown) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: SocketLike | null = null;
  let attempt = 0;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const queue: string[] = [];

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const connect = (): void => {
    const current = options.createSocket();
    socket = current;
    current.onopen = () => {
      attempt = 0;
      setState('connected');
      for (const data of queue.splice(0)) current.send(data);
    };
    current.onmessage = (event: { data: unknown }) => {
      if (typeof event.data !== 'string') return;
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      for (const listener of messageListeners) listener(message);
    };
    current.onerror = () => undefined; // onclose follows and handles it.
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      queue.length = 0; // Subscriptions are said again on reconnect; stale calls were failed.
      setState('disconnected');
      if (!closed) retryTimer = setTimeout(connect, retryDelay(attempt++));
    };
  };
  connect();

  return {
    get connection() {
      return state;
    },
    post(message) {
      const data = JSON.stringify(message);
      if (socket && socket.readyState === OPEN) socket.send(data);
      else queue.push(data);
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      socket?.close();
      socket = null;
    },
  };
}
