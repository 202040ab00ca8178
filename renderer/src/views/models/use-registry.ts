import { useCallback, useEffect, useState } from 'react';
import type { WorkbenchClient } from '../../../../shared/client';
import type { ModelVersion, RegisteredModel } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';

export interface RegistryValue<T> {
  /** The latest answer, kept on screen while a newer one is read; null until the first. */
  value: T | null;
  failure: string | null;
  reload: () => void;
}

/** Bursts of `registry.changed` (a registration sends several) are read once. */
const CHANGE_SETTLE_MS = 150;

/**
 * A registry read, done again for another workspace, after a reconnect, on
 * `reload`, and when `registry.changed` names a model it `affects`.
 * `read` and `affects` should be memoised: a new one reads again.
 */
function useRegistryValue<T>(read: ((client: WorkbenchClient) => Promise<T>) | null, affects: (name: string) => boolean): RegistryValue<T> {
  const { client, workspace } = useBackend();
  const [answer, setAnswer] = useState<{ value: T | null; failure: string | null }>({ value: null, failure: null });
  const [attempt, setAttempt] = useState(0);
  const workspacePath = workspace?.path ?? null;

  useEffect(() => {
    if (read === null) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      read(client).then(
        (value) => live && setAnswer({ value, failure: null }),
        (error: unknown) => live && setAnswer((previous) => ({ value: previous.value, failure: error instanceof Error ? error.message : String(error) })),
      );
    };
    load();
    const stopEvents = client.on('registry.changed', ({ name }) => {
      if (!affects(name)) return;
      clearTimeout(timer);
      timer = setTimeout(load, CHANGE_SETTLE_MS);
    });
    const stopConnection = client.onConnectionChange((state) => state === 'connected' && load());
    return () => {
      live = false;
      clearTimeout(timer);
      stopEvents();
      stopConnection();
    };
  }, [client, read, affects, attempt, workspacePath]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { value: answer.value, failure: answer.failure, reload };
}

const anyModel = (): boolean => true;

/** Registered models matching `query` (name, description or tags), kept current. */
export function useModels(query: string): RegistryValue<RegisteredModel[]> {
  const read = useCallback((client: WorkbenchClient) => client.call('registry.models', { query }), [query]);
  return useRegistryValue(read, anyModel);
}

export interface ModelWithVersions {
  model: RegisteredModel;
  /** Newest first. */
  versions: ModelVersion[];
}

/** One model and its versions, kept current; nothing is read while `name` is null. */
export function useModel(name: string | null): RegistryValue<ModelWithVersions> {
  const read = useCallback((client: WorkbenchClient) => client.call('registry.model', { name: name ?? '' }), [name]);
  // An empty name in the event means "something changed": read again to be safe.
  const affects = useCallback((changed: string) => changed === name || changed === '', [name]);
  return useRegistryValue(name === null ? null : read, affects);
}

/** `value` once it has stayed the same for `ms`: a search box asks once the typing pauses. */
export function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
