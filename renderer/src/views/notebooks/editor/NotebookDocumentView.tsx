import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OpenNotebook } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import type { CellType } from '../document/cells';
import { isDirty } from '../document/notebook-doc';
import { newCell, useNotebook } from '../document/use-notebook';
import { useSave } from '../document/use-save';
import { clearOutputs } from '../kernel/cell-updates';
import { kernelBridge } from '../kernel/kernel-bridge';
import { chooseKernel, kernelspecOf, savedKernelName, type SpecsState } from '../kernel/kernel-specs';
import { useKernel } from '../kernel/use-kernel';
import { useRunner } from '../kernel/use-runner';
import { useNotebookMonaco } from '../monaco/use-monaco';
import { CellList } from './CellList';
import { KernelBar } from './KernelBar';
import { NotebookToolbar } from './NotebookToolbar';
import { DiskBanner, SaveStatus } from './SaveStatus';
import { useCommands } from './use-commands';

/** What the view can ask of an open notebook (closing, the dataset handoff). */
export interface NotebookHandle {
  save: () => Promise<boolean>;
  isDirty: () => boolean;
  /** Adds a code cell with this text at the end, selected. */
  append: (code: string) => void;
}

export interface DocumentViewProps {
  path: string;
  opened: OpenNotebook;
  specs: SpecsState;
  active: boolean;
  onDirtyChange: (path: string, dirty: boolean) => void;
  register: (path: string, handle: NotebookHandle | null) => void;
}

/** One open notebook: its kernel, saving, toolbar and cells. */
export function NotebookDocumentView({ path, opened, specs, active, onDirtyChange, register }: DocumentViewProps) {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const { doc, docRef, dispatch } = useNotebook(opened.notebook);
  const kernel = useKernel(path);
  const [picked, setPicked] = useState<string | null>(null);
  const choice = chooseKernel(picked, savedKernelName(doc.head.metadata), specs);
  const runner = useRunner(docRef, dispatch, kernel, choice.name, specs.status === 'loading');
  const saver = useSave(path, opened.mtimeMs, docRef, doc, dispatch);
  const { actions, perform, runScope } = useCommands({ docRef, dispatch, runner, kernel, save: saver.save });
  const { sessionRef, currentSession, ensure, shutdown } = kernel;
  const bridge = useMemo(() => kernelBridge(client, currentSession), [client, currentSession]);
  const { api, theme } = useNotebookMonaco();
  const rootRef = useRef<HTMLDivElement>(null);
  const dirty = isDirty(doc);

  useEffect(() => onDirtyChange(path, dirty), [dirty, onDirtyChange, path]);

  const { save } = saver;
  useEffect(() => {
    register(path, {
      save,
      isDirty: () => isDirty(docRef.current),
      append: (code) => {
        // A new notebook's one empty cell takes the code, rather than staying above it.
        const { cells } = docRef.current;
        const only = cells.length === 1 ? cells[0] : undefined;
        if (only && only.cell.cell_type === 'code' && only.cell.source === '' && (only.cell.outputs ?? []).length === 0) {
          dispatch({ type: 'source', key: only.key, source: code });
          dispatch({ type: 'select', key: only.key, mode: 'command' });
        } else dispatch({ type: 'insert', where: 'end', cellType: 'code', source: code, edit: false, cell: newCell() });
      },
    });
    return () => register(path, null);
  }, [dispatch, docRef, path, register, save]);

  // Command mode keeps the keyboard on the selected cell, and the selection in view.
  useEffect(() => {
    const root = rootRef.current;
    const cell = root?.querySelector<HTMLElement>(`[data-cell-key="${doc.selected ?? ''}"]`);
    if (!active || !root || !cell) return;
    cell.scrollIntoView({ block: 'nearest' });
    if (doc.mode !== 'command') return;
    const focused = document.activeElement;
    const ours = focused === null || focused === document.body || root.contains(focused);
    if (ours && !(focused instanceof Element && focused.closest('select, input, .nbv-shortcuts'))) cell.focus({ preventScroll: true });
  }, [active, doc.mode, doc.selected]);

  const pick = useCallback(
    async (name: string) => {
      setPicked(name);
      const spec = specs.status === 'ready' ? specs.specs.find((s) => s.name === name) : undefined;
      if (spec) dispatch({ type: 'setKernelspec', kernelspec: kernelspecOf(spec) });
      const session = sessionRef.current;
      if (session && session.kernelName !== name) {
        await shutdown();
        await ensure(name).catch(reportError);
      }
    },
    [dispatch, ensure, reportError, sessionRef, shutdown, specs],
  );

  const clear = useCallback(
    (all: boolean) => {
      if (all) dispatch({ type: 'updateAll', update: clearOutputs, dirty: true });
      else if (docRef.current.selected) dispatch({ type: 'update', key: docRef.current.selected, update: clearOutputs, dirty: true });
    },
    [dispatch, docRef],
  );
  const add = useCallback((type: CellType) => dispatch({ type: 'insert', where: 'end', cellType: type, source: '', edit: true, cell: newCell() }), [dispatch]);

  const selectedType = doc.cells.find((c) => c.key === doc.selected)?.cell.cell_type ?? null;
  const name = path.split('/').at(-1) ?? path;
  return (
    <div className="nbv-editor" ref={rootRef} hidden={!active} data-testid="notebook-editor" data-path={path}>
      <header className="nbv-editor-head">
        <h2 className="nbv-title" title={path}>
          {name}
          {dirty && (
            <span className="nbv-dirty" aria-label="unsaved changes" title="Unsaved changes">
              {' '}
              ●
            </span>
          )}
        </h2>
        <SaveStatus dirty={dirty} saving={saver.saving} savedAt={saver.savedAt} error={saver.error} paused={saver.conflict !== null} onSave={() => void save()} />
      </header>
      <KernelBar
        specs={specs}
        kernelName={choice.name}
        warning={choice.warning}
        session={kernel.session}
        pending={kernel.pending}
        onPick={(next) => void pick(next)}
        onStart={() => choice.name && void ensure(choice.name).catch(reportError)}
        onInterrupt={kernel.interrupt}
        onRestart={kernel.restart}
        onShutdown={() => void shutdown()}
        onReconnect={kernel.reconnect}
      />
      {saver.conflict && <DiskBanner conflict={saver.conflict} onReload={() => void saver.reload()} onOverwrite={() => void save(true)} />}
      <NotebookToolbar perform={perform} runScope={runScope} onClear={clear} selectedType={selectedType} canUndo={doc.undo.length > 0} canRedo={doc.redo.length > 0} />
      <CellList doc={doc} api={api} theme={theme} bridge={bridge} actions={actions} onAdd={add} />
    </div>
  );
}
