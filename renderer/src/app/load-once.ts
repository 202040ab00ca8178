/**
 * A lazily imported module (a separate chunk, such as Monaco's few MB), loaded
 * on first use and shared after; a failed load is retried on the next call.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
}
