import { describe, expect, it } from 'vitest';
import type { ServingRequest } from '../../../../../shared/contract';
import { mergeRequests, requestKey, statusTone } from './request-log';

const request = (at: number, patch: Partial<ServingRequest> = {}): ServingRequest => ({
  serverId: 's1',
  at,
  method: 'POST',
  path: '/invocations',
  model: 'churn',
  version: 2,
  status: 200,
  ms: 1.5,
  rows: 1,
  error: null,
  ...patch,
});

describe('the request log', () => {
  it('keeps each request once, newest first, when the history and live events overlap', () => {
    const history = [request(30), request(20), request(10)];
    const live = [request(20), request(30), request(40), request(50, { status: 400, error: 'missing column tenure' })];
    const log = mergeRequests(mergeRequests([], live), history);
    expect(log.map((r) => r.at)).toEqual([50, 40, 30, 20, 10]);
  });

  it('tells apart different requests at the same millisecond', () => {
    const log = mergeRequests([], [request(10), request(10, { path: '/v2/models/churn/infer' }), request(10, { ms: 2 })]);
    expect(log).toHaveLength(3);
    expect(new Set(log.map(requestKey)).size).toBe(3);
  });

  it('keeps only the newest requests past the cap', () => {
    const many = Array.from({ length: 30 }, (_, i) => request(i));
    const log = mergeRequests([], many, 10);
    expect(log).toHaveLength(10);
    expect(log[0]?.at).toBe(29);
    expect(log[9]?.at).toBe(20);
    expect(mergeRequests(log, [request(5)], 10).map((r) => r.at)).toEqual(log.map((r) => r.at));
  });

  it('colours statuses by class', () => {
    expect([200, 204, 304, 400, 413, 415, 500, 503].map(statusTone)).toEqual(['ok', 'ok', 'redirect', 'client-error', 'client-error', 'client-error', 'server-error', 'server-error']);
  });
});
