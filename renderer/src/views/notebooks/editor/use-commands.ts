import { useCallback, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import type { CellType } from '../document/cells';
import type { DocAction, DocState, Mode } from '../document/notebook-doc';
import { newCell } from '../document/use-notebook';
import type { KernelControls } from '../kernel/use-kernel';
import type { Runner } from '../kernel/use-runner';
import type { NotebookCommand } from './keys';

/** What a cell may ask of its notebook; one stable object, so that memoised cells never re-render for it. */
export interface CellActions {
  select: (key: string, mode?: Mode) => void;
  setSource: (key: string, source: string) => void;
  /** Where the cursor is in the cell being edited, for Split. */
  setCursor: (key: string, offset: number) => void;
  /** Where the cursor was last (or where the highlighted text was clicked), for the editor that opens. */
  cursorOf: (key: string) => number | null;
  perform: (command: NotebookCommand) => void;
}

export type RunScope = 'cell' | 'all' | 'above' | 'below';

interface Deps {
  docRef: RefObject<DocState>;
  dispatch: (action: DocAction) => void;
  runner: Runner;
  kernel: Pick<KernelControls, 'interrupt' | 'restart'>;
  save: () => Promise<boolean>;
}

const toType: Partial<Record<NotebookCommand, CellType>> = { 'to-code': 'code', 'to-markdown': 'markdown', 'to-raw': 'raw' };

/** Every notebook command (keys, toolbar, cells) as one dispatcher over the document, the runner and the kernel. */
export function useCommands({ docRef, dispatch, runner, kernel, save }: Deps): { actions: CellActions; perform: (command: NotebookCommand) => void; runScope: (scope: RunScope) => void } {
  const cursors = useRef(new Map<string, number>());
  const latest = useRef({ runner, kernel, save });
  useLayoutEffect(() => {
    latest.current = { runner, kernel, save };
  });

  const runScope = useCallback(
    (scope: RunScope) => {
      const { cells, selected } = docRef.current;
      const at = cells.findIndex((c) => c.key === selected);
      const chosen = scope === 'all' ? cells : scope === 'above' ? cells.slice(0, Math.max(0, at)) : scope === 'below' ? cells.slice(Math.max(0, at)) : cells.slice(at, at + 1);
      void latest.current.runner.run(chosen.map((c) => c.key));
    },
    [docRef],
  );

  const perform = useCallback(
    (command: NotebookCommand) => {
      const state = docRef.current;
      const at = state.cells.findIndex((c) => c.key === state.selected);
      const current = state.cells[at];
      const type = toType[command];
      if (type) return dispatch({ type: 'changeType', cellType: type });
      switch (command) {
        case 'edit':
          return current && dispatch({ type: 'select', key: current.key, mode: 'edit' });
        case 'command':
          return dispatch({ type: 'mode', mode: 'command' });
        case 'run':
        case 'run-advance':
        case 'run-insert': {
          if (!current) return;
          void latest.current.runner.run([current.key]);
          dispatch({ type: 'mode', mode: 'command' });
          if (command === 'run-insert' || (command === 'run-advance' && at === state.cells.length - 1)) {
            dispatch({ type: 'insert', where: 'below', cellType: 'code', source: '', edit: true, cell: newCell() });
          } else if (command === 'run-advance') dispatch({ type: 'step', delta: 1 });
          return;
        }
        case 'insert-above':
        case 'insert-below':
          return dispatch({ type: 'insert', where: command === 'insert-above' ? 'above' : 'below', cellType: 'code', source: '', edit: false, cell: newCell() });
        case 'delete':
          return dispatch({ type: 'delete', blank: newCell() });
        case 'split':
          if (!current) return;
          return dispatch({ type: 'split', key: current.key, offset: cursors.current.get(current.key) ?? current.cell.source.length, cell: newCell() });
        case 'merge':
          return current && dispatch({ type: 'merge', key: current.key });
        case 'undo':
        case 'redo':
          return dispatch({ type: command });
        case 'select-up':
        case 'select-down':
          return dispatch({ type: 'step', delta: command === 'select-up' ? -1 : 1 });
        case 'move-up':
        case 'move-down':
          return dispatch({ type: 'move', delta: command === 'move-up' ? -1 : 1 });
        case 'save':
          return void latest.current.save();
        case 'interrupt':
          return latest.current.kernel.interrupt();
        case 'restart':
          return latest.current.kernel.restart();
      }
    },
    [dispatch, docRef],
  );

  const actions = useMemo<CellActions>(
    () => ({
      select: (key, mode) => dispatch({ type: 'select', key, ...(mode ? { mode } : {}) }),
      setSource: (key, source) => dispatch({ type: 'source', key, source }),
      setCursor: (key, offset) => cursors.current.set(key, offset),
      cursorOf: (key) => cursors.current.get(key) ?? null,
      perform,
    }),
    [dispatch, perform],
  );

  return { actions, perform, runScope };
}
