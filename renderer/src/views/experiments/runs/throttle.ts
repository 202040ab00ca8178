/**
 * Runs `action` at most once every `ms`: the first call at once, later calls
 * within the window once at its end. For refreshing views on bursts of events.
 */
export function throttle(action: () => void, ms: number): { call: () => void; cancel: () => void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = (): void => {
    timer = null;
    last = Date.now();
    action();
  };
  return {
    call: () => {
      if (timer !== null) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel: () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
