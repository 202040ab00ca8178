import { useCallback, useEffect, useState } from 'react';
import type { OpenNotebook } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';
import { closeTab, openTab, type TabsState } from './tabs';

export { datasetNotebookPath } from './tabs';

const storageKey = (workspace: string): string => `workbench.notebooks.open:${workspace}`;

function restored(workspace: string | null): TabsState {
  if (!workspace) return { list: [], activePath: null };
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey(workspace)) ?? 'null') as { paths?: unknown; active?: unknown } | null;
    const paths = Array.isArray(saved?.paths) ? saved.paths.filter((p): p is string => typeof p === 'string') : [];
    const active = typeof saved?.active === 'string' && paths.includes(saved.active) ? saved.active : (paths[0] ?? null);
    return { list: paths.map((path) => ({ path, initial: null })), activePath: active };
  } catch {
    return { list: [], activePath: null };
  }
}

export interface OpenTabs extends TabsState {
  dirty: Record<string, boolean>;
  open: (path: string, initial: OpenNotebook | null) => void;
  close: (path: string) => void;
  select: (path: string) => void;
  setDirty: (path: string, dirty: boolean) => void;
}

/** The open notebooks of this workspace; kept for a reload of the page (sessionStorage). */
export function useOpenTabs(): OpenTabs {
  const { workspace } = useBackend();
  const workspacePath = workspace?.path ?? null;
  const [state, setState] = useState<TabsState>(() => restored(workspacePath));
  const [dirty, setDirtyMap] = useState<Record<string, boolean>>({});

  useEffect(() => {
    if (!workspacePath) return;
    sessionStorage.setItem(storageKey(workspacePath), JSON.stringify({ paths: state.list.map((t) => t.path), active: state.activePath }));
  }, [state, workspacePath]);

  const open = useCallback((path: string, initial: OpenNotebook | null) => setState((s) => openTab(s, path, initial)), []);
  const close = useCallback((path: string) => {
    setState((s) => closeTab(s, path));
    setDirtyMap(({ [path]: _gone, ...rest }) => rest);
  }, []);
  const select = useCallback((path: string) => setState((s) => ({ ...s, activePath: path })), []);
  const setDirty = useCallback((path: string, value: boolean) => setDirtyMap((map) => (map[path] === value ? map : { ...map, [path]: value })), []);

  return { ...state, dirty, open, close, select, setDirty };
}
