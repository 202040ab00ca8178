import type { ServingRequest } from '../../../../../shared/contract';

/** How many requests a server's log keeps in memory (the list shows fewer). */
export const LOG_CAP = 500;

/** Requests have no id: the same request read from `serving.requests` and seen as an event has the same fields. */
export function requestKey(request: ServingRequest): string {
  return `${request.at}|${request.method}|${request.path}|${request.status}|${request.ms}|${request.model ?? ''}|${request.rows ?? ''}`;
}

/**
 * Adds requests (from the history or live events, in any order, overlapping)
 * to a log kept newest first, each once, at most `cap` of them.
 */
export function mergeRequests(log: readonly ServingRequest[], incoming: readonly ServingRequest[], cap = LOG_CAP): ServingRequest[] {
  if (incoming.length === 0) return log.slice(0, cap);
  const seen = new Set(log.map(requestKey));
  const added: ServingRequest[] = [];
  for (const request of incoming) {
    const key = requestKey(request);
    if (seen.has(key)) continue;
    seen.add(key);
    added.push(request);
  }
  if (added.length === 0) return log.slice(0, cap);
  // Stable: requests at the same millisecond keep the order they arrived in, newest first.
  return [...added.reverse(), ...log].sort((a, b) => b.at - a.at).slice(0, cap);
}

export type StatusTone = 'ok' | 'redirect' | 'client-error' | 'server-error';

export function statusTone(status: number): StatusTone {
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  if (status >= 300) return 'redirect';
  return 'ok';
}

/** 12:04:05.123 */
export function clockTime(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
