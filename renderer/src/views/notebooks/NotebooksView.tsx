import { useCallback, useEffect, useRef, useState } from 'react';
import { isWorkbenchError, type OpenNotebook } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';
import { onNotebookCellRequest, takeNotebookCellRequest, type NotebookCellRequest } from '../../app/notebook-handoff';
import { useNotices } from '../../app/notices';
import { CloseDialog } from './CloseDialog';
import { ConnectionPanel } from './connections/ConnectionPanel';
import { useJupyter } from './connections/use-jupyter';
import type { NotebookHandle } from './editor/NotebookDocumentView';
import { NotebookEditor } from './editor/NotebookEditor';
import { useKernelSpecs } from './kernel/use-kernel-specs';
import { NotebookList } from './NotebookList';
import { datasetNotebookPath, useOpenTabs } from './open-tabs';
import { useNotebookFiles } from './use-notebook-files';
import './notebooks.css';

/**
 * The Notebooks stage: Jupyter connections and the workspace's notebooks on
 * the left, open notebooks as tabs on the right. It stays mounted while other
 * views show (App hides it), so running cells keep their outputs coming.
 */
export function NotebooksView({ active }: { active: boolean }) {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const jupyter = useJupyter();
  const specs = useKernelSpecs(jupyter.status);
  const files = useNotebookFiles();
  const tabs = useOpenTabs();
  const { open, close, select } = tabs;
  const handles = useRef(new Map<string, NotebookHandle>());
  const waiting = useRef(new Map<string, string[]>());
  const [closing, setClosing] = useState<string | null>(null);
  const activeRef = useRef(tabs.activePath);
  useEffect(() => {
    activeRef.current = tabs.activePath;
  }, [tabs.activePath]);

  const register = useCallback((path: string, handle: NotebookHandle | null) => {
    if (!handle) return void handles.current.delete(path);
    handles.current.set(path, handle);
    for (const code of waiting.current.get(path) ?? []) handle.append(code);
    waiting.current.delete(path);
  }, []);

  const append = useCallback((path: string, code: string) => {
    const handle = handles.current.get(path);
    if (handle) handle.append(code);
    else waiting.current.set(path, [...(waiting.current.get(path) ?? []), code]);
  }, []);

  const create = useCallback(
    async (path: string): Promise<boolean> => {
      try {
        const kernelName = specs.status === 'ready' ? (specs.defaultName ?? undefined) : undefined;
        const created = await client.call('notebooks.create', { path, ...(kernelName ? { kernelName } : {}) });
        open(created.path, created);
        files.reload();
        return true;
      } catch (error) {
        reportError(error);
        return false;
      }
    },
    [client, files, open, reportError, specs],
  );

  // "Open in notebook" from the Data view: into the open notebook, or a new one named after the dataset.
  const takeRequest = useCallback(
    async (request: NotebookCellRequest) => {
      const current = activeRef.current;
      if (current) return append(current, request.code);
      const path = datasetNotebookPath(request.name);
      let created: OpenNotebook | null = null;
      try {
        created = await client.call('notebooks.create', { path });
        files.reload();
      } catch (error) {
        // It exists already: open it and add the cell there.
        if (!isWorkbenchError(error) || error.code !== 'conflict') return reportError(error);
      }
      open(path, created);
      append(path, request.code);
    },
    [append, client, files, open, reportError],
  );

  useEffect(() => {
    const take = (): void => {
      const request = takeNotebookCellRequest();
      if (request) void takeRequest(request);
    };
    take();
    return onNotebookCellRequest(take);
  }, [takeRequest]);

  const finishClose = useCallback(
    (path: string) => {
      setClosing(null);
      close(path);
      client.call('notebooks.close', { path }).catch(() => undefined); // only stops watching the file
    },
    [client, close],
  );

  const askClose = useCallback(
    (path: string) => {
      if (handles.current.get(path)?.isDirty()) setClosing(path);
      else finishClose(path);
    },
    [finishClose],
  );

  const saveAndClose = async (path: string): Promise<void> => {
    const saved = (await handles.current.get(path)?.save()) ?? true;
    if (saved) finishClose(path);
    else setClosing(null); // the editor shows why (conflict banner or error)
  };

  return (
    <section className="view view-wide nbv-view" aria-labelledby="view-notebooks" data-testid="view-notebooks" hidden={!active}>
      <h1 id="view-notebooks">Notebooks</h1>
      <div className="nbv-layout">
        <aside className="nbv-side">
          <ConnectionPanel jupyter={jupyter} />
          <NotebookList files={files} openPaths={tabs.list.map((t) => t.path)} activePath={tabs.activePath} onOpen={(path) => open(path, null)} onCreate={create} />
        </aside>
        <div className="nbv-main">
          {tabs.list.length > 0 && (
            <div className="nbv-tabs" role="tablist" aria-label="Open notebooks">
              {tabs.list.map((tab) => {
                const name = tab.path.split('/').at(-1) ?? tab.path;
                const selected = tab.path === tabs.activePath;
                return (
                  <div key={tab.path} className={selected ? 'nbv-tab nbv-tab-active' : 'nbv-tab'}>
                    <button type="button" role="tab" aria-selected={selected} title={tab.path} onClick={() => select(tab.path)}>
                      {name}
                      {tabs.dirty[tab.path] && <span className="nbv-dirty" aria-label="unsaved changes"> ●</span>}
                    </button>
                    <button type="button" className="nbv-tab-close" aria-label={`Close ${name}`} onClick={() => askClose(tab.path)}>
                      ×
                    </button>
                  </div>
                );
              })}
            </div>
          )}
          {tabs.list.length === 0 ? (
            <div className="nbv-empty">
              <p>
                <strong>No notebook open.</strong> Open one from the list, or create one.
              </p>
              <p className="nbv-soft">Cells run on the Jupyter server in use; with none, start one for this workspace or connect to a remote one.</p>
            </div>
          ) : (
            tabs.list.map((tab) => (
              <NotebookEditor key={tab.path} path={tab.path} initial={tab.initial} specs={specs} active={tab.path === tabs.activePath} onDirtyChange={tabs.setDirty} register={register} />
            ))
          )}
        </div>
      </div>
      {closing && <CloseDialog path={closing} onSave={() => void saveAndClose(closing)} onDiscard={() => finishClose(closing)} onCancel={() => setClosing(null)} />}
    </section>
  );
}
