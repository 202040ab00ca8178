import type { OpenNotebook } from '../../../../shared/contract';

/** An open notebook tab; `initial` is the notebook as just created, so it is not read again. */
export interface OpenTab {
  path: string;
  initial: OpenNotebook | null;
}

export interface TabsState {
  list: OpenTab[];
  activePath: string | null;
}

/** Opens a notebook (or shows it, when already open). */
export function openTab(state: TabsState, path: string, initial: OpenNotebook | null): TabsState {
  if (state.list.some((t) => t.path === path)) return { ...state, activePath: path };
  return { list: [...state.list, { path, initial }], activePath: path };
}

/** Closes a tab; closing the active one shows its right neighbour, else its left one. */
export function closeTab(state: TabsState, path: string): TabsState {
  const at = state.list.findIndex((t) => t.path === path);
  if (at < 0) return state;
  const list = state.list.filter((t) => t.path !== path);
  if (state.activePath !== path) return { ...state, list };
  return { list, activePath: (list[at] ?? list[at - 1])?.path ?? null };
}

/** Characters a file name may not have on some system, and the dots that would climb out of the folder. */
export function safeFileName(name: string): string {
  const cleaned = Array.from(name.trim(), (ch) => (ch < ' ' || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '');
  return cleaned || 'dataset';
}

/** The notebook "Open in notebook" creates for a dataset when no notebook is open. */
export function datasetNotebookPath(datasetName: string): string {
  return `notebooks/${safeFileName(datasetName)}.ipynb`;
}
