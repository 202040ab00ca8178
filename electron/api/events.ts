import { events, type EventName, type EventPayload } from '../../shared/contract';
import type { Logger } from '../log';

type Listener = (payload: unknown) => void;

/** The backend's event hub: services emit, transports forward to subscribed clients. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Listen by name as clients do; unknown names are refused. */
  subscribe(event: string, listener: Listener): () => void;
  isKnown(event: string): boolean;
}

export function createEventBus(log: Logger): EventBus {
  const listeners = new Map<string, Set<Listener>>();
  const isKnown = (event: string): boolean => Object.hasOwn(events, event);
  return {
    isKnown,
    emit(event, payload) {
      const parsed = events[event].safeParse(payload);
      if (!parsed.success) {
        log.error(`event ${event} does not match the contract; not sent`, parsed.error);
        return;
      }
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(parsed.data);
        } catch (error) {
          log.error(`a listener of ${event} failed`, error);
        }
      }
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}
