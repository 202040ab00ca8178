export { createRemoteRegistry } from './service';
export type { RemoteRegistry, RemoteRegistryOptions, RemoteModelSummary } from './service';
export type { LocalRegistryPort, PulledVersion, PushRecord } from './local';
export { LINEAGE_TAGS, PUSH_STATUS_TAG } from './tags';
export { PUSH_EXPERIMENT, pushRunLink } from './mlflow';
