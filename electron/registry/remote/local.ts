import type { DatasetInput, ModelVersion } from '../../../shared/contract';

/** A push as the local version records it (`model_version_pushes`). */
export interface PushRecord {
  remote: string;
  remoteName: string;
  remoteVersion: string;
  at: number;
}

/** A package downloaded from the shared registry, added as a new local version (the registry's `AddVersionInput`). */
export interface PulledVersion {
  name: string;
  /** A temporary MLflow model directory; the registry copies it in, the pull removes it afterwards. */
  packageDir: string;
  /** `models:/<remote name>/<version> @ <remote url>`. */
  source: string;
  description: string;
  /** The remote version's tags, as they were. */
  tags: Record<string, string>;
  /** MLflow's deprecated stage, kept read-only ('None' when unset). */
  stage: string;
  runLink: string | null;
  /** What the tags of a workbench push say of its origin; the run is on another machine, so no run id. */
  lineage: { runId: null; experimentId: null; gitCommit: string | null; gitDirty: boolean | null; datasets: DatasetInput[]; metrics: Record<string, number> };
  createModel: true;
}

/**
 * What push and pull use of the local registry: the registry service
 * (electron/registry/service.ts) has these methods, and is passed as it is.
 * Declared here, narrowly, so this folder does not import the registry's own
 * files (which import this folder).
 */
export interface LocalRegistryPort {
  version(name: string, version: number): ModelVersion;
  /** `models:/NAME/VERSION` → the version's package as a folder. */
  resolve(uri: string): { packageDir: string };
  recordPush(name: string, version: number, push: PushRecord): void;
  addVersion(input: PulledVersion, job?: { signal?: AbortSignal; progress?: (fraction: number | null, message?: string) => void }): Promise<ModelVersion>;
}
