import type { WorkbenchError } from '../../shared/contract';
import { clientMessageSchema, type ServerMessage } from '../../shared/client/wire';
import type { Logger } from '../log';
import type { EventBus } from './events';
import type { Router } from './router';

/** One client's session over a message transport (an IPC sender, a WebSocket). */
export interface Connection {
  receive(raw: unknown): void;
  /** The client went away: abort its calls and drop its subscriptions (jobs go on). */
  close(): void;
}

export interface ConnectionOptions {
  router: Router;
  bus: EventBus;
  log: Logger;
  send: (message: ServerMessage) => void;
}

export function openConnection({ router, bus, log, send }: ConnectionOptions): Connection {
  const inFlight = new Map<number, AbortController>();
  const subscriptions = new Map<string, () => void>();
  let closed = false;

  const reset = (): void => {
    for (const controller of inFlight.values()) controller.abort();
    inFlight.clear();
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  };

  const safeSend = (message: ServerMessage): void => {
    if (closed) return;
    try {
      send(message);
    } catch (error) {
      log.warn('could not send to a client', { error: String(error) });
    }
  };

  return {
    receive(raw) {
      if (closed) return;
      const parsed = clientMessageSchema.safeParse(raw);
      if (!parsed.success) {
        log.warn('dropped a malformed message from a client', { issues: parsed.error.issues.length });
        return;
      }
      const message = parsed.data;
      switch (message.t) {
        case 'hello':
          reset();
          return;
        case 'call': {
          const controller = new AbortController();
          inFlight.get(message.id)?.abort();
          inFlight.set(message.id, controller);
          router.call(message.procedure, message.input, { signal: controller.signal }).then(
            (output) => safeSend({ t: 'result', id: message.id, output }),
            (error: unknown) => safeSend({ t: 'error', id: message.id, error: (error as WorkbenchError).toJSON() }),
          ).finally(() => {
            if (inFlight.get(message.id) === controller) inFlight.delete(message.id);
          });
          return;
        }
        case 'abort':
          inFlight.get(message.id)?.abort();
          inFlight.delete(message.id);
          return;
        case 'subscribe':
          if (subscriptions.has(message.event)) return;
          if (!bus.isKnown(message.event)) {
            log.warn('a client subscribed to an unknown event', { event: message.event });
            return;
          }
          subscriptions.set(
            message.event,
            bus.subscribe(message.event, (payload) => safeSend({ t: 'event', event: message.event, payload })),
          );
          return;
        case 'unsubscribe':
          subscriptions.get(message.event)?.();
          subscriptions.delete(message.event);
          return;
      }
    },
    close() {
      reset();
      closed = true;
    },
  };
}
