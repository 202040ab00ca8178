import type { NotebookDocument } from '../../../../../shared/contract';
import { blankCell, convertCell, toEditorCells, wantsIds, type CellType, type EditorCell, type NotebookHead } from './cells';
import { restore, withHistory, type HistoryEntry } from './history';

export type Mode = 'command' | 'edit';

/** One open notebook's document, selection and structural undo history. */
export interface DocState {
  head: NotebookHead;
  cells: EditorCell[];
  /** The selected cell's key. */
  selected: string | null;
  mode: Mode;
  /** Goes up with every change to what would be saved; dirty = version differs from the saved one. */
  version: number;
  /** The version last written to disk. */
  savedVersion: number;
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

/** What a new cell needs from outside the reducer (randomness stays out of it). */
export interface NewCell {
  key: string;
  id: string;
}

export type DocAction =
  | { type: 'load'; notebook: NotebookDocument; blank: NewCell }
  | { type: 'select'; key: string; mode?: Mode }
  | { type: 'mode'; mode: Mode }
  | { type: 'step'; delta: number }
  | { type: 'insert'; where: 'above' | 'below' | 'end'; cellType: CellType; source: string; edit: boolean; cell: NewCell }
  | { type: 'delete'; blank: NewCell }
  | { type: 'move'; delta: -1 | 1 }
  | { type: 'split'; key: string; offset: number; cell: NewCell }
  | { type: 'merge'; key: string }
  | { type: 'changeType'; cellType: CellType }
  | { type: 'source'; key: string; source: string }
  | { type: 'setKernelspec'; kernelspec: Record<string, unknown> }
  /** A change to one cell that is not structural (outputs, run state); `dirty` when it changes what is saved. */
  | { type: 'update'; key: string; update: (cell: EditorCell) => EditorCell; dirty: boolean }
  | { type: 'updateAll'; update: (cell: EditorCell) => EditorCell; dirty: boolean }
  | { type: 'saved'; version: number }
  | { type: 'undo' }
  | { type: 'redo' };

export function initialDoc(notebook: NotebookDocument, blank: NewCell): DocState {
  const { cells: _cells, ...head } = notebook;
  let cells = toEditorCells(notebook);
  // An empty notebook gets one cell to type in, as Jupyter does.
  if (cells.length === 0) cells = [{ key: blank.key, cell: blankCell('code', '', wantsIds(head) ? blank.id : null), run: null, clearOnNext: false }];
  return { head, cells, selected: cells[0]?.key ?? null, mode: 'command', version: 0, savedVersion: 0, undo: [], redo: [] };
}

export function isDirty(state: DocState): boolean {
  return state.version !== state.savedVersion;
}

function indexOf(state: DocState, key: string | null): number {
  return key === null ? -1 : state.cells.findIndex((c) => c.key === key);
}

function fresh(state: DocState, type: CellType, source: string, cell: NewCell): EditorCell {
  return { key: cell.key, cell: blankCell(type, source, wantsIds(state.head) ? cell.id : null), run: null, clearOnNext: false };
}

/** Text split as Jupyter does it: the break's newline belongs to neither side. */
export function splitSource(source: string, offset: number): [string, string] {
  const at = Math.max(0, Math.min(offset, source.length));
  return [source.slice(0, at).replace(/\r?\n$/, ''), source.slice(at).replace(/^\r?\n/, '')];
}

export function docReducer(state: DocState, action: DocAction): DocState {
  switch (action.type) {
    case 'load':
      return initialDoc(action.notebook, action.blank);
    case 'select':
      return indexOf(state, action.key) < 0 ? state : { ...state, selected: action.key, mode: action.mode ?? state.mode };
    case 'mode':
      return state.mode === action.mode ? state : { ...state, mode: action.mode };
    case 'step': {
      const at = indexOf(state, state.selected);
      const next = state.cells[Math.max(0, Math.min(state.cells.length - 1, at + action.delta))];
      return next && next.key !== state.selected ? { ...state, selected: next.key, mode: 'command' } : state;
    }
    case 'insert': {
      const at = indexOf(state, state.selected);
      const position = action.where === 'end' || at < 0 ? state.cells.length : action.where === 'above' ? at : at + 1;
      const added = fresh(state, action.cellType, action.source, action.cell);
      const cells = state.cells.toSpliced(position, 0, added);
      return withHistory(state, { ...state, cells, selected: added.key, mode: action.edit ? 'edit' : 'command' }, []);
    }
    case 'delete': {
      const at = indexOf(state, state.selected);
      const target = state.cells[at];
      if (!target) return state;
      let cells = state.cells.toSpliced(at, 1);
      if (cells.length === 0) cells = [fresh(state, 'code', '', action.blank)];
      const selected = (cells[Math.min(at, cells.length - 1)] ?? cells[0])?.key ?? null;
      return withHistory(state, { ...state, cells, selected, mode: 'command' }, [target.key]);
    }
    case 'move': {
      const at = indexOf(state, state.selected);
      const to = at + action.delta;
      const cell = state.cells[at];
      if (!cell || to < 0 || to >= state.cells.length) return state;
      const cells = state.cells.toSpliced(at, 1).toSpliced(to, 0, cell);
      return withHistory(state, { ...state, cells }, []);
    }
    case 'split': {
      const at = indexOf(state, action.key);
      const cell = state.cells[at];
      if (!cell) return state;
      const [first, second] = splitSource(cell.cell.source, action.offset);
      const head: EditorCell = { ...cell, cell: { ...cell.cell, source: first } };
      const tail = fresh(state, cell.cell.cell_type, second, action.cell);
      const cells = state.cells.toSpliced(at, 1, head, tail);
      return withHistory(state, { ...state, cells, selected: tail.key }, [cell.key]);
    }
    case 'merge': {
      const at = indexOf(state, action.key);
      const cell = state.cells[at];
      const below = state.cells[at + 1];
      if (!cell || !below) return state;
      const source = [cell.cell.source, below.cell.source].filter((s) => s.length > 0).join('\n');
      // The merged code has not run as one cell, so its old outputs would mislead.
      const merged = cell.cell.cell_type === 'code' ? { ...cell.cell, source, outputs: [], execution_count: null } : { ...cell.cell, source };
      const cells = state.cells.toSpliced(at, 2, { ...cell, cell: merged, run: null });
      return withHistory(state, { ...state, cells, selected: cell.key }, [cell.key, below.key]);
    }
    case 'changeType': {
      const at = indexOf(state, state.selected);
      const cell = state.cells[at];
      if (!cell || cell.cell.cell_type === action.cellType) return state;
      const cells = state.cells.toSpliced(at, 1, { ...cell, cell: convertCell(cell.cell, action.cellType), run: null });
      return withHistory(state, { ...state, cells }, [cell.key]);
    }
    case 'source': {
      const at = indexOf(state, action.key);
      const cell = state.cells[at];
      if (!cell || cell.cell.source === action.source) return state;
      const cells = state.cells.toSpliced(at, 1, { ...cell, cell: { ...cell.cell, source: action.source } });
      return { ...state, cells, version: state.version + 1 };
    }
    case 'setKernelspec':
      return { ...state, head: { ...state.head, metadata: { ...state.head.metadata, kernelspec: action.kernelspec } }, version: state.version + 1 };
    case 'update': {
      const at = indexOf(state, action.key);
      const cell = state.cells[at];
      if (!cell) return state;
      const next = action.update(cell);
      if (next === cell) return state;
      return { ...state, cells: state.cells.toSpliced(at, 1, next), version: state.version + (action.dirty ? 1 : 0) };
    }
    case 'updateAll': {
      let changed = false;
      const cells = state.cells.map((cell) => {
        const next = action.update(cell);
        if (next !== cell) changed = true;
        return next;
      });
      return changed ? { ...state, cells, version: state.version + (action.dirty ? 1 : 0) } : state;
    }
    case 'saved':
      return state.savedVersion === action.version ? state : { ...state, savedVersion: action.version };
    case 'undo':
    case 'redo': {
      const next = restore(state, action.type);
      return next === state ? state : { ...next, mode: 'command' };
    }
  }
}
