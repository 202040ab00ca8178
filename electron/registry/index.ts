import { createLocalRegistry } from './service';
import type { LocalRegistry, RegistryServiceOptions } from './types';
import { createRemoteRegistry, type RemoteRegistry } from './remote';

export { BlobStore } from './blobs';
export { PackageFolders } from './packages';
export { RegistryStore } from './store';
export type { NewVersionRecord, TagChanges } from './store';
export type { VersionRecord } from './rows';
export { createLocalRegistry, parseModelUri, REGISTRY_DIR } from './service';
export type { AddVersionInput, AliasListener, JobProgress, LocalRegistry, RegistryContext, RegistryServiceOptions } from './types';
export { createRegistryMlflowRoutes } from './mlflow/routes';

/**
 * The registry service: the local registry, and (helper S) the shared
 * registry's procedures (registry.remote, setRemote, forgetRemote,
 * remoteModels, push, pull, auditLog).
 */
export type RegistryService = LocalRegistry & RemoteRegistry;

export function createRegistryService(options: RegistryServiceOptions): RegistryService {
  const local = createLocalRegistry(options);
  // The shared registry's procedures (electron/registry/remote/): push, pull, settings, audit.
  const remote = createRemoteRegistry({ workspace: options.workspace, log: options.log, local, ...(options.secrets ? { secrets: options.secrets } : {}) });
  return Object.assign(local, remote);
}
