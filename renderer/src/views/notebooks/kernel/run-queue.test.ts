import { describe, expect, it } from 'vitest';
import { enqueue, findRun, replyStatus, settle, type QueuedRun } from './run-queue';

const runs = (batch: number, ...keys: string[]): QueuedRun[] => keys.map((key) => ({ requestId: `r-${batch}-${key}`, key, batch }));

describe('the run queue', () => {
  it('finishes runs in any order and forgets unknown requests', () => {
    let queue = enqueue([], runs(1, 'a', 'b'));
    const first = settle(queue, 'r-1-a', 'ok');
    expect(first.done?.key).toBe('a');
    expect(first.stopped).toEqual([]);
    queue = first.queue;
    expect(queue.map((r) => r.key)).toEqual(['b']);
    expect(settle(queue, 'nobody', 'ok')).toEqual({ queue, done: null, stopped: [] });
    expect(findRun(queue, 'r-1-b')?.key).toBe('b');
    expect(findRun(queue, null)).toBeNull();
  });

  it('stops the rest of a Run All when a cell fails, but not other runs', () => {
    const queue = enqueue(enqueue([], runs(1, 'a', 'b', 'c', 'd')), runs(2, 'x'));
    const failed = settle(queue, 'r-1-b', 'error');
    expect(failed.done?.key).toBe('b');
    expect(failed.stopped.map((r) => r.key)).toEqual(['c', 'd']);
    expect(failed.queue.map((r) => r.key)).toEqual(['a', 'x']);
    // The aborted replies of the stopped cells, arriving later, change nothing.
    expect(settle(failed.queue, 'r-1-c', 'aborted').done).toBeNull();
  });

  it('keeps going after an aborted or ok reply', () => {
    const queue = enqueue([], runs(1, 'a', 'b'));
    expect(settle(queue, 'r-1-a', 'aborted').stopped).toEqual([]);
  });

  it('waits only for the latest run of a cell queued twice', () => {
    const queue = enqueue(enqueue([], runs(1, 'a', 'b')), runs(2, 'a'));
    expect(queue.map((r) => r.requestId)).toEqual(['r-1-b', 'r-2-a']);
  });

  it('reads the reply status, counting anything unexpected as an error', () => {
    expect(replyStatus({ status: 'ok' })).toBe('ok');
    expect(replyStatus({ status: 'aborted' })).toBe('aborted');
    expect(replyStatus({ status: 'error' })).toBe('error');
    expect(replyStatus({})).toBe('error');
  });
});
