import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once, then once at the end of the window however many calls came', () => {
    let runs = 0;
    const throttled = throttle(() => runs++, 1000);
    throttled.call();
    expect(runs).toBe(1);
    for (let i = 0; i < 20; i++) throttled.call();
    expect(runs).toBe(1);
    vi.advanceTimersByTime(999);
    expect(runs).toBe(1);
    vi.advanceTimersByTime(1);
    expect(runs).toBe(2);
    vi.advanceTimersByTime(5000);
    expect(runs).toBe(2);
  });
  it('drops the pending run when cancelled', () => {
    let runs = 0;
    const throttled = throttle(() => runs++, 1000);
    throttled.call();
    throttled.call();
    throttled.cancel();
    vi.advanceTimersByTime(2000);
    expect(runs).toBe(1);
  });
});
