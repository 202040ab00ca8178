import { useCallback, useEffect, useRef } from 'react';

/**
 * The kernel a run should start, once it is known. Just after Jupyter starts,
 * the server's kernel list is still loading and a new notebook names no
 * kernel: a cell run then waits for the list instead of failing with
 * "no kernel". Waiting runs get null if the notebook closes first.
 */
export function useKernelName(name: string | null, loading: boolean): () => Promise<string | null> {
  const latest = useRef({ name, loading });
  const waiting = useRef<((name: string | null) => void)[]>([]);
  useEffect(() => {
    latest.current = { name, loading };
    if (name !== null || !loading) for (const resolve of waiting.current.splice(0)) resolve(name);
  }, [name, loading]);
  useEffect(
    () => () => {
      for (const resolve of waiting.current.splice(0)) resolve(null);
    },
    [],
  );
  return useCallback(() => {
    const now = latest.current;
    return now.name !== null || !now.loading ? Promise.resolve(now.name) : new Promise<string | null>((resolve) => waiting.current.push(resolve));
  }, []);
}
