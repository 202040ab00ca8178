import { useEffect, useRef } from 'react';

/**
 * Files change outside the app (an editor, a terminal, a training run), and
 * nothing in the backend watches them: read the status again when the panel
 * is shown again and when the window or tab gets the focus back.
 */
export function useRefreshOnFocus(reload: () => void, active: boolean): void {
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) reload();
    wasActive.current = active;
  }, [active, reload]);

  useEffect(() => {
    if (!active) return;
    const onFocus = (): void => reload();
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') reload();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [active, reload]);
}
