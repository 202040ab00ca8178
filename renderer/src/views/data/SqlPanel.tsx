import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useBackend } from '../../app/backend';
import { useDataView } from './data-view-context';
import { loadMonaco } from './sql/monaco-loader';
import { QueryStatus } from './sql/QueryStatus';
import { ResultPane } from './sql/ResultPane';
import { SqlEditor, type EditorMarker, type SqlEditorHandle } from './sql/SqlEditor';
import { errorHeadline } from './sql/sql-text';
import { SqlTabs } from './sql/SqlTabs';
import { closeTab, newTab, parseTabs, renameTab, serializeTabs, TABS_STORAGE_KEY, type TabsState } from './sql/tabs-store';
import { useQueryRuns } from './sql/use-query-runs';
import './sql/sql.css';

function storedTabs(): TabsState {
  try {
    return parseTabs(localStorage.getItem(TABS_STORAGE_KEY));
  } catch {
    return parseTabs(null);
  }
}

/**
 * The SQL editor of the Data view: tabs of DuckDB SQL (kept across reloads),
 * run whole or by selection, cancellable, each with its own paged result.
 */
export function SqlPanel({ active }: { active: boolean }) {
  const { client, workspace } = useBackend();
  const { pendingSql, takePendingSql } = useDataView();
  const [tabs, setTabs] = useState<TabsState>(storedTabs);
  const editor = useRef<SqlEditorHandle>(null);
  const { runs, start, cancel, forget } = useQueryRuns(client);
  const activeId = tabs.activeId;
  const activeRun = runs[activeId];
  const running = useMemo(() => new Set(Object.entries(runs).filter(([, r]) => r.run.state === 'running').map(([id]) => id)), [runs]);

  useEffect(() => {
    try {
      localStorage.setItem(TABS_STORAGE_KEY, serializeTabs(tabs));
    } catch {
      // Storage full or denied: the tabs still work for this session.
    }
  }, [tabs]);

  // Completion knows the workspace's datasets and their columns; refreshed whenever the panel is shown.
  const refreshCatalog = useCallback(() => {
    Promise.all([client.call('data.list', {}), loadMonaco()]).then(
      ([datasets, setup]) => setup.setCatalog(datasets.map(({ name, rowCount, columns }) => ({ name, rowCount, columns }))),
      () => undefined, // No workspace, or no editor: completion offers keywords only.
    );
  }, [client]);
  useEffect(() => {
    if (active) refreshCatalog();
  }, [active, refreshCatalog, workspace?.path]);

  // SQL opened from another panel (openSql) goes to a new tab, once: adopted
  // while rendering, then taken from the Data view so it is not adopted again.
  const [adopted, setAdopted] = useState<string | null>(null);
  if (pendingSql !== adopted) {
    setAdopted(pendingSql);
    if (pendingSql !== null) {
      setTabs((state) => {
        const tab = newTab(state.tabs, pendingSql);
        return { tabs: [...state.tabs, tab], activeId: tab.id };
      });
    }
  }
  useEffect(() => {
    if (pendingSql !== null) takePendingSql();
  }, [pendingSql, takePendingSql]);

  const runActive = useCallback(() => {
    const runnable = editor.current?.runnable();
    if (runnable) void start(activeId, runnable);
  }, [activeId, start]);

  const onChange = useCallback((tabId: string, sql: string) => {
    setTabs((state) => ({ ...state, tabs: state.tabs.map((t) => (t.id === tabId ? { ...t, sql } : t)) }));
  }, []);

  const marker = useMemo<EditorMarker | null>(() => {
    const run = activeRun?.run;
    return run?.state === 'failed' && run.range ? { range: run.range, message: errorHeadline(run.message) } : null;
  }, [activeRun?.run]);

  // Monaco (a few MB) loads when the SQL tab is first shown, not when the Data view opens.
  const [shown, setShown] = useState(active);
  if (active && !shown) setShown(true);

  const isRunning = running.has(activeId);
  return (
    <div className="sql-panel">
      <SqlTabs
        tabs={tabs.tabs}
        activeId={activeId}
        running={running}
        onSelect={(id) => setTabs((state) => ({ ...state, activeId: id }))}
        onAdd={() =>
          setTabs((state) => {
            const tab = newTab(state.tabs);
            return { tabs: [...state.tabs, tab], activeId: tab.id };
          })
        }
        onClose={(id) => {
          forget(id);
          setTabs((state) => closeTab(state, id));
        }}
        onRename={(id, title) => setTabs((state) => renameTab(state, id, title))}
      />
      {shown && <SqlEditor tabs={tabs.tabs} activeId={activeId} marker={marker} onChange={onChange} onRun={runActive} handleRef={editor} />}
      <div className="sql-toolbar">
        <button type="button" className="sql-run" onClick={runActive} disabled={isRunning} title="Run the selection, or everything (Ctrl/Cmd+Enter)">
          Run
        </button>
        <button type="button" onClick={() => cancel(activeId)} disabled={!isRunning}>
          Cancel
        </button>
        <span className="sql-note">Ctrl/Cmd+Enter runs the selection, or everything when nothing is selected.</span>
      </div>
      <QueryStatus run={activeRun?.run} />
      {tabs.tabs.map((tab) => {
        const result = runs[tab.id]?.result;
        if (!result) return null;
        return (
          <div key={tab.id} hidden={tab.id !== activeId}>
            <ResultPane key={result.resultId} result={result} title={tab.title} stale={runs[tab.id]?.stale ?? false} onSaved={refreshCatalog} />
          </div>
        );
      })}
    </div>
  );
}
