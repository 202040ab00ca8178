import type { RegisteredModel } from '../../shared/contract';
import type { Logger } from '../log';
import type { SecretBox } from '../secrets';
import type { TrackingService } from '../tracking';
import type { WorkspaceService } from '../workspace';
import type { BlobStore } from './blobs';
import type { Lineage } from './lineage';
import type { PackageFolders } from './packages';
import type { VersionRecord } from './rows';
import type { RegistryStore, TagChanges } from './store';

export interface RegistryServiceOptions {
  workspace: WorkspaceService;
  tracking: TrackingService;
  log: Logger;
  emit: (change: { name: string }) => void;
  /** For the remote (helper S's part): encrypts the shared registry's credentials. */
  secrets?: SecretBox;
}

export interface JobProgress {
  signal?: AbortSignal;
  progress?: (fraction: number | null, message?: string) => void;
}

export type AliasListener = (name: string, alias: string, version: number | null) => void;

/** A version made from a package folder: by an import, the MLflow API, or a pull from a shared registry. */
export interface AddVersionInput {
  name: string;
  packageDir: string;
  source: string;
  description?: string;
  tags?: Record<string, string>;
  /** MLflow's deprecated stage, kept read-only (a pull); 'None' otherwise. */
  stage?: string;
  runLink?: string | null;
  /** The run it came from: its lineage is read from the tracking store when the run is there. */
  runId?: string;
  /** Lineage given outright (a pull); otherwise read from `runId`. */
  lineage?: Lineage;
  /** Create the registered model when it does not exist (MLflow's API wants it created first). */
  createModel?: boolean;
}

/** The workspace's registry: where its files are, and its tables. */
export interface RegistryContext {
  root: string;
  store: RegistryStore;
  blobs: BlobStore;
  packages: PackageFolders;
}

export interface LocalRegistry {
  models(query: string): RegisteredModel[];
  model(name: string): { model: RegisteredModel; versions: VersionRecord[] };
  version(name: string, version: number): VersionRecord;
  createModel(name: string, description?: string, tags?: Record<string, string>): RegisteredModel;
  updateModel(input: { name: string; description?: string | undefined; tags?: TagChanges | undefined }): RegisteredModel;
  renameModel(name: string, newName: string): RegisteredModel;
  deleteModel(name: string): void;
  registerRun(input: { runId: string; name: string; description?: string }, job?: JobProgress): Promise<VersionRecord>;
  importModel(input: { path: string; name: string; description?: string }, job?: JobProgress): Promise<VersionRecord>;
  addVersion(input: AddVersionInput, job?: JobProgress): Promise<VersionRecord>;
  updateVersion(input: { name: string; version: number; description?: string | undefined; tags?: TagChanges | undefined; archived?: boolean | undefined }): VersionRecord;
  deleteVersion(name: string, version: number): void;
  setAlias(name: string, alias: string, version: number): RegisteredModel;
  deleteAlias(name: string, alias: string): RegisteredModel;
  /** The version an alias points at; `not_found` naming the model or the alias. */
  aliasVersion(name: string, alias: string): number;
  /** `models:/NAME/VERSION` or `models:/NAME@ALIAS`, with the version's package as a folder. */
  resolve(uri: string): { name: string; version: number; packageDir: string };
  onAliasChange(listener: AliasListener): () => void;
  /** For pushes: a push of a version to a shared registry, recorded on the version. */
  recordPush(name: string, version: number, push: { remote: string; remoteName: string; remoteVersion: string; at: number }): void;
  /** The open workspace's registry (tables, blobs, package folders). */
  context(): RegistryContext;
}
