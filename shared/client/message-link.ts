import { WorkbenchError } from '../contract/errors';
import type { ConnectionState, Link, MessagePort } from './link';
import { serverMessageSchema, type ClientMessage } from './wire';

interface Pending {
  resolve(output: unknown): void;
  reject(error: Error): void;
  cleanup(): void;
}

type Listener = (payload: unknown) => void;

/** Speaks the wire protocol over a message port: requests by id, events by name. */
export function createMessageLink(port: MessagePort): Link {
  let nextId = 0;
  let closed = false;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<Listener>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const post = (message: ClientMessage): void => port.post(message);

  const stopMessages = port.onMessage((raw) => {
    const parsed = serverMessageSchema.safeParse(raw);
    if (!parsed.success) return; // Not ours, or from a newer backend: ignore rather than crash the UI.
    const message = parsed.data;
    if (message.t === 'event') {
      for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      return;
    }
    const request = pending.get(message.id);
    if (!request) return;
    pending.delete(message.id);
    request.cleanup();
    if (message.t === 'result') request.resolve(message.output);
    else request.reject(WorkbenchError.fromApiError(message.error));
  });

  const stopConnection = port.onConnectionChange?.((state) => {
    if (state === 'connected') {
      // A new socket knows nothing of our subscriptions: say them again.
      for (const event of listeners.keys()) post({ t: 'subscribe', event });
    } else {
      for (const [id, request] of pending) {
        pending.delete(id);
        request.cleanup();
        request.reject(new WorkbenchError('unavailable', 'The connection to the backend was lost.'));
      }
    }
    for (const listener of connectionListeners) listener(state);
  });

  post({ t: 'hello' });

  return {
    get connection() {
      return port.connection ?? 'connected';
    },
    call(procedure, input, signal) {
      if (closed) return Promise.reject(new WorkbenchError('unavailable', 'The client is closed.'));
      if (signal?.aborted) return Promise.reject(cancelledError(procedure));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          if (!pending.delete(id)) return;
          post({ t: 'abort', id });
          reject(cancelledError(procedure));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(id, {
          resolve,
          reject,
          cleanup: () => signal?.removeEventListener('abort', onAbort),
        });
        post({ t: 'call', id, procedure, input });
      });
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        post({ t: 'subscribe', event });
      }
      set.add(listener);
      return () => {
        const current = listeners.get(event);
        if (!current?.delete(listener) || current.size > 0) return;
        listeners.delete(event);
        if (!closed) post({ t: 'unsubscribe', event });
      };
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      stopMessages();
      stopConnection?.();
      for (const request of pending.values()) {
        request.cleanup();
        request.reject(new WorkbenchError('unavailable', 'The client is closed.'));
      }
      pending.clear();
      listeners.clear();
      port.close?.();
    },
  };
}

function cancelledError(procedure: string): WorkbenchError {
  return new WorkbenchError('cancelled', `${procedure} was cancelled.`);
}
