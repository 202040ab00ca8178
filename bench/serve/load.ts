import { createRequire } from 'node:module';

/**
 * autocannon, driven from code. Its own latency histogram keeps whole
 * milliseconds; the overheads measured here are fractions of one, so each
 * response time is also kept exactly (from its 'response' events) and the
 * percentiles are computed from those.
 */
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
interface AutocannonRequest {
  method: 'POST';
  body?: string;
  /** Called before each request is sent: what it answers is sent. */
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (
  options: { url: string; connections: number; duration: number; method: 'POST'; headers: Record<string, string>; body: string; requests?: AutocannonRequest[] },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  failures: number;
}

/**
 * `bodies`: one body sent again and again, or a list sent in turn (the
 * connections share one turn, so no two send the same body at once).
 */
export function load(url: string, bodies: string | readonly string[], connections: number, seconds: number): Promise<Load> {
  const latencies: number[] = [];
  const list = typeof bodies === 'string' ? [bodies] : bodies;
  let next = 0;
  const turn = (request: AutocannonRequest): AutocannonRequest => ({ ...request, body: list[next++ % list.length] });
  const requests = list.length > 1 ? [{ method: 'POST' as const, setupRequest: turn }] : undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json' }, body: list[0] as string, ...(requests ? { requests } : {}) }, (error, result) => {
      if (error) return reject(error);
      latencies.sort((a, b) => a - b);
      const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
      resolve({ requestsPerSecond: latencies.length / result.duration, p50: at(0.5), p99: at(0.99), requests: latencies.length, failures: result.errors + result.timeouts + result.non2xx });
    });
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status === 200) latencies.push(ms);
    });
  });
}
