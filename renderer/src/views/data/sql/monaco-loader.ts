/** Monaco and the SQL setup, as loaded on first use. */
export type MonacoSetup = typeof import('./monaco-setup');

let loading: Promise<MonacoSetup> | null = null;

/** Loads Monaco once (a separate chunk, a few MB); a failed load may be retried. */
export function loadMonaco(): Promise<MonacoSetup> {
  loading ??= import('./monaco-setup').catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
