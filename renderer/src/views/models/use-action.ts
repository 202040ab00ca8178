import { useCallback, useState } from 'react';
import { useNotices } from '../../app/notices';

export interface Action {
  busy: boolean;
  /** Runs one change: reports its error, or says `done` when given; resolves whether it worked. */
  act: (work: () => Promise<unknown>, done?: string) => Promise<boolean>;
}

/** One registry change at a time from a page, with its errors shown as notices. */
export function useAction(): Action {
  const { reportError, inform } = useNotices();
  const [busy, setBusy] = useState(false);
  const act = useCallback(
    async (work: () => Promise<unknown>, done?: string): Promise<boolean> => {
      setBusy(true);
      try {
        await work();
        if (done) inform(done);
        return true;
      } catch (error) {
        reportError(error);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [reportError, inform],
  );
  return { busy, act };
}
