import { loadOnce } from '../../../app/load-once';

/** Monaco with Python, as loaded on first use. */
export type NotebookMonaco = typeof import('./monaco-python');

export const loadNotebookMonaco = loadOnce<NotebookMonaco>(() => import('./monaco-python'));
