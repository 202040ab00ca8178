import type { EditorCell } from './cells';

/**
 * Structural undo (add, delete, move, split, merge, change type), as Jupyter's
 * command-mode Z does; typing is undone inside the cell's editor. An entry keeps
 * the cells as they were and which cells the change itself rewrote: undoing
 * brings those back as they were, and keeps every other cell as it is now, so
 * text typed since a structural change survives undoing it.
 */
export interface HistoryEntry {
  cells: EditorCell[];
  selected: string | null;
  touched: string[];
}

interface Undoable {
  cells: EditorCell[];
  selected: string | null;
  version: number;
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

const LIMIT = 100;

/** `after`, recorded as undoable back to `before`. */
export function withHistory<S extends Undoable>(before: S, after: S, touched: string[]): S {
  const entry: HistoryEntry = { cells: before.cells, selected: before.selected, touched };
  return { ...after, version: before.version + 1, undo: [...before.undo.slice(1 - LIMIT), entry], redo: [] };
}

function rebuild(entry: HistoryEntry, current: readonly EditorCell[]): EditorCell[] {
  const now = new Map(current.map((c) => [c.key, c]));
  const touched = new Set(entry.touched);
  return entry.cells.map((old) => {
    const live = now.get(old.key);
    if (live && !touched.has(old.key)) return live;
    // Run state belongs to the present: a cell running now still is, an old one is not.
    return { ...old, run: live?.run ?? null, clearOnNext: live?.clearOnNext ?? false };
  });
}

export function restore<S extends Undoable>(state: S, direction: 'undo' | 'redo'): S {
  const from = direction === 'undo' ? state.undo : state.redo;
  const entry = from.at(-1);
  if (!entry) return state;
  const cells = rebuild(entry, state.cells);
  const back: HistoryEntry = { cells: state.cells, selected: state.selected, touched: entry.touched };
  const selected = cells.some((c) => c.key === entry.selected) ? entry.selected : (cells[0]?.key ?? null);
  const rest = from.slice(0, -1);
  return {
    ...state,
    cells,
    selected,
    version: state.version + 1,
    undo: direction === 'undo' ? rest : [...state.undo, back],
    redo: direction === 'undo' ? [...state.redo, back] : rest,
  };
}
