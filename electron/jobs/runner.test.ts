import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkbenchError, type JobSnapshot } from '../../shared/contract';
import { recordingLogger } from '../../test/helpers';
import { createJobRunner, type JobContext } from '.';

describe('job runner', () => {
  let emitted: JobSnapshot[];
  let finished: JobSnapshot[];
  const log = recordingLogger();
  const runner = () => createJobRunner({ emit: (s) => emitted.push(s), onFinished: (s) => finished.push(s), log, throttleMs: 100 });

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    emitted = [];
    finished = [];
  });
  afterEach(() => vi.useRealTimers());

  /** A job that waits for the test to tell it what to do next. */
  function controllable() {
    let context!: JobContext;
    let finish!: (value: unknown) => void;
    let fail!: (error: unknown) => void;
    const run = (ctx: JobContext) => {
      context = ctx;
      return new Promise((resolve, reject) => {
        finish = resolve;
        fail = reject;
      });
    };
    return { run, context: () => context, finish: (v: unknown) => finish(v), fail: (e: unknown) => fail(e) };
  }

  it('throttles progress to one event per interval, keeps the last, and computes an ETA', async () => {
    const jobs = runner();
    const job = controllable();
    const started = jobs.start('test.job', 'Testing', job.run);
    await vi.advanceTimersByTimeAsync(0);
    expect(emitted).toHaveLength(1);
    vi.setSystemTime(Date.now() + 1000);
    for (let i = 1; i <= 50; i++) job.context().progress(i / 200, `step ${i}`);
    expect(emitted).toHaveLength(2); // the first one goes out at once
    await vi.advanceTimersByTimeAsync(150);
    expect(emitted).toHaveLength(3); // then one trailing event with the latest value
    const last = emitted.at(-1)!;
    expect(last.progress).toMatchObject({ fraction: 0.25, message: 'step 50' });
    expect(last.progress.etaSeconds).toBeCloseTo(3, 5); // 1 s for 25% -> 3 s left
    job.finish({ ok: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(jobs.get(started.id)).toMatchObject({ state: 'succeeded', result: { ok: true }, progress: { fraction: 1, etaSeconds: null } });
    expect(finished.map((s) => s.state)).toEqual(['succeeded']);
  });

  it('ends as cancelled when cancelled, whatever the work then throws', async () => {
    const jobs = runner();
    const job = controllable();
    const { id } = jobs.start('test.job', 'Testing', job.run);
    await vi.advanceTimersByTimeAsync(0);
    expect(jobs.cancel(id).progress.message).toBe('Cancelling');
    expect(job.context().signal.aborted).toBe(true);
    job.fail(new Error('aborted mid-way'));
    await vi.advanceTimersByTimeAsync(0);
    expect(jobs.get(id)).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
    expect(finished).toHaveLength(1);
  });

  it('keeps a typed error as it is, and hides an unexpected one behind "internal"', async () => {
    const jobs = runner();
    const typed = jobs.start('test.job', 'Typed', () => Promise.reject(new WorkbenchError('no_workspace', 'open one')));
    const crash = jobs.start('test.job', 'Crash', () => Promise.reject(new TypeError('secret internals')));
    await vi.advanceTimersByTimeAsync(0);
    expect(jobs.get(typed.id)).toMatchObject({ state: 'failed', error: { code: 'no_workspace', message: 'open one' } });
    const crashed = jobs.get(crash.id);
    expect(crashed).toMatchObject({ state: 'failed', error: { code: 'internal' } });
    expect(JSON.stringify(crashed)).not.toContain('secret internals');
    expect(log.lines.some((line) => line.includes('secret internals'))).toBe(true);
  });

  it('answers not_found for an unknown job, and cancelAll waits for every job to settle', async () => {
    const jobs = runner();
    expect(() => jobs.get('nope')).toThrow(expect.objectContaining({ code: 'not_found' }) as Error);
    let settled = 0;
    for (let i = 0; i < 3; i++) {
      jobs.start('test.job', `Job ${i}`, (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => setTimeout(() => resolve(settled++), 10))));
    }
    await vi.advanceTimersByTimeAsync(0); // let them start
    const all = jobs.cancelAll();
    await vi.advanceTimersByTimeAsync(20);
    await all;
    expect(settled).toBe(3);
    expect(jobs.list().map((s) => s.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });

  it('never runs a job cancelled before its work began', async () => {
    const jobs = runner();
    let ran = false;
    const { id } = jobs.start('test.job', 'Late', () => {
      ran = true;
      return Promise.resolve();
    });
    jobs.cancel(id);
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toBe(false);
    expect(jobs.get(id).state).toBe('cancelled');
  });
});
