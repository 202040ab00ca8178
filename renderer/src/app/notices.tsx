import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { isWorkbenchError } from '../../../shared/contract';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  code?: string;
  message: string;
}

interface NoticesApi {
  notices: Notice[];
  /** Shows any thrown value as a readable message with its code. */
  reportError: (error: unknown) => void;
  inform: (message: string) => void;
  dismiss: (id: number) => void;
}

const NoticesContext = createContext<NoticesApi | null>(null);
let nextId = 1;

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const push = useCallback(
    (notice: Omit<Notice, 'id'>) => {
      const id = nextId++;
      setNotices((list) => [...list.slice(-4), { ...notice, id }]);
      if (notice.kind === 'info') setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  const api = useMemo<NoticesApi>(
    () => ({
      notices,
      dismiss,
      inform: (message) => push({ kind: 'info', message }),
      reportError: (error) => {
        if (isWorkbenchError(error) && error.code === 'cancelled') return push({ kind: 'info', message: error.message });
        push(isWorkbenchError(error)
          ? { kind: 'error', code: error.code, message: error.message }
          : { kind: 'error', code: 'internal', message: error instanceof Error ? error.message : String(error) });
      },
    }),
    [notices, dismiss, push],
  );
  return <NoticesContext.Provider value={api}>{children}</NoticesContext.Provider>;
}

export function useNotices(): NoticesApi {
  const api = useContext(NoticesContext);
  if (!api) throw new Error('useNotices outside NoticesProvider');
  return api;
}
