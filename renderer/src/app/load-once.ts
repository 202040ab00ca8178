import { useEffect, useState } from 'react';

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

/**
 * What a `loadOnce` loader gives, for a component: null until loaded, or the
 * reason it could not load (the component then shows a plain fallback).
 */
export function useLoaded<T>(load: () => Promise<T>): { value: T | null; failure: string | null } {
  const [state, setState] = useState<{ value: T | null; failure: string | null }>({ value: null, failure: null });
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setState({ value, failure: null }),
      (error: unknown) => live && setState({ value: null, failure: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return state;
}
