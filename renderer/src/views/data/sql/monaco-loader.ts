import { loadOnce } from '../../../app/load-once';

/** Monaco and the SQL setup, as loaded on first use. */
export type MonacoSetup = typeof import('./monaco-setup');

export const loadMonaco = loadOnce<MonacoSetup>(() => import('./monaco-setup'));
