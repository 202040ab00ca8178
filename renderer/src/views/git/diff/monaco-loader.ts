import { loadOnce } from '../../../app/load-once';

/** Monaco with the diff editor's languages, as loaded on first use. */
export type DiffMonaco = typeof import('./monaco-diff');

export const loadDiffMonaco = loadOnce<DiffMonaco>(() => import('./monaco-diff'));
