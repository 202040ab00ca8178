import { useEffect, useState } from 'react';
import type { WorkbenchClient } from '../../../../shared/client';
import type { ModelSignature, ModelVersion, RegisteredModel } from '../../../../shared/contract';
import { useBackend } from '../../app/backend';
import { useBackendValue, type BackendValue } from '../../app/use-backend-value';

const readModels = (client: WorkbenchClient): Promise<RegisteredModel[]> => client.call('registry.models', {});
const followRegistry = (client: WorkbenchClient, set: (models: RegisteredModel[]) => void): (() => void) =>
  client.on('registry.changed', () => void readModels(client).then(set, () => undefined));

/** The registered models, read again whenever the registry changes (a new version, a moved alias). */
export function useRegisteredModels(): BackendValue<RegisteredModel[]> {
  return useBackendValue(readModels, followRegistry);
}

/** One model's versions (newest first), or null while they load or when no model is chosen. */
export function useModelVersions(name: string | null): ModelVersion[] | null {
  const { client } = useBackend();
  const [state, setState] = useState<{ name: string; versions: ModelVersion[] } | null>(null);
  useEffect(() => {
    if (name === null) return;
    let live = true;
    const load = (): void => {
      client.call('registry.model', { name }).then((answer) => live && setState({ name, versions: answer.versions }), () => live && setState({ name, versions: [] }));
    };
    load();
    const stop = client.on('registry.changed', (change) => change.name === name && load());
    return () => {
      live = false;
      stop();
    };
  }, [client, name]);
  return state !== null && state.name === name ? state.versions : null;
}

export interface SignatureState {
  signature: ModelSignature | null;
  failure: string | null;
}

/**
 * The signature of one registered version: what the try-it form asks for.
 * While another version of the same model loads (an alias moved), the last
 * one stays, so the form keeps what was typed when the columns are the same.
 */
export function useVersionSignature(name: string | null, version: number | null): SignatureState {
  const { client } = useBackend();
  const [state, setState] = useState<{ name: string; version: number } & SignatureState>({ name: '', version: 0, signature: null, failure: null });
  useEffect(() => {
    if (name === null || version === null) return;
    let live = true;
    client.call('registry.version', { name, version }).then(
      (answer) => live && setState({ name, version, signature: answer.signature, failure: null }),
      (error: unknown) => live && setState({ name, version, signature: null, failure: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [client, name, version]);
  if (state.name !== name) return { signature: null, failure: null };
  return state.version === version ? state : { signature: state.signature, failure: null };
}
