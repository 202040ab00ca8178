import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isWorkbenchError, modelUri, WorkbenchError, type RegisteredModel } from '../../shared/contract';
import { packageOnnxFile } from '../packaging';
import { STATE_DIR } from '../workspace';
import { BlobStore } from './blobs';
import { checkPackage, ingest, type CheckedPackage } from './ingest';
import { lineageOf, NO_LINEAGE, type Lineage } from './lineage';
import { PackageFolders } from './packages';
import type { VersionRecord } from './rows';
import { RegistryStore } from './store';
import type { AddVersionInput, AliasListener, JobProgress, LocalRegistry, RegistryContext, RegistryServiceOptions } from './types';

export const REGISTRY_DIR = 'registry';

function matchesQuery(model: RegisteredModel, query: string): boolean {
  if (query === '') return true;
  const needle = query.toLowerCase();
  const haystack = [model.name, model.description, ...Object.entries(model.tags).flat()];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}

export function parseModelUri(uri: string): { name: string; version: number } | { name: string; alias: string } {
  if (!modelUri.safeParse(uri).success) throw new WorkbenchError('invalid_input', `"${uri}" is not a model URI: use models:/NAME/VERSION or models:/NAME@ALIAS.`, { field: 'uri' });
  const rest = uri.slice('models:/'.length);
  const at = rest.indexOf('@');
  if (at >= 0) return { name: rest.slice(0, at), alias: rest.slice(at + 1) };
  const slash = rest.lastIndexOf('/');
  return { name: rest.slice(0, slash), version: Number(rest.slice(slash + 1)) };
}

export function createLocalRegistry(options: RegistryServiceOptions): LocalRegistry {
  const { workspace, tracking, log } = options;
  const listeners = new Set<AliasListener>();
  let current: RegistryContext | null = null;
  // One ingest at a time: a failed one removes the blobs it created, which must not be blobs another is about to use.
  let queue: Promise<unknown> = Promise.resolve();

  const context = (): RegistryContext => {
    const { info, store } = workspace.active();
    if (current?.store.database === store.db) return current;
    const root = join(info.path, STATE_DIR, REGISTRY_DIR);
    const blobs = new BlobStore(join(root, 'blobs'));
    current = { root, store: new RegistryStore(store.db), blobs, packages: new PackageFolders(join(root, 'packages'), blobs) };
    return current;
  };

  const changed = (name: string): void => options.emit({ name });
  const aliasMoved = (name: string, alias: string, version: number | null): void => {
    for (const listener of listeners) {
      try {
        listener(name, alias, version);
      } catch (error) {
        log.error('an alias listener failed', error, { name, alias });
      }
    }
  };
  const removeBlobs = (ctx: RegistryContext, hashes: string[]): void => {
    for (const hash of hashes) if (!ctx.blobs.held.has(hash)) ctx.blobs.remove(hash);
  };

  const serialised = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  /** The run's lineage, when the run is in this workspace's tracking store. */
  const runLineage = (runId: unknown): Lineage | undefined => {
    if (typeof runId !== 'string' || runId === '') return undefined;
    try {
      return lineageOf(tracking.run(runId));
    } catch (error) {
      if (isWorkbenchError(error) && error.code === 'not_found') return undefined;
      throw error;
    }
  };

  const addChecked = (input: AddVersionInput, pkg: CheckedPackage, job: JobProgress = {}): Promise<VersionRecord> =>
    serialised(async () => {
      const ctx = context();
      const lineage = input.lineage ?? runLineage(input.runId) ?? { ...NO_LINEAGE, runId: input.runId ?? null };
      const version = await ingest({
        store: ctx.store,
        blobs: ctx.blobs,
        pkg,
        createModel: input.createModel ?? true,
        record: {
          name: input.name,
          description: input.description ?? '',
          status: 'READY',
          stage: input.stage ?? 'None',
          source: input.source,
          runLink: input.runLink ?? null,
          tags: input.tags ?? {},
          ...lineage,
        },
        ...(job.signal ? { signal: job.signal } : {}),
        ...(job.progress ? { progress: job.progress } : {}),
      });
      log.info('registered a model version', { name: input.name, version, source: input.source });
      changed(input.name);
      return ctx.store.version(input.name, version);
    });

  const registry: LocalRegistry = {
    context,
    models: (query) => {
      const { store } = context();
      return store.modelNames().map((name) => store.model(name)).filter((model) => matchesQuery(model, query.trim()));
    },
    model: (name) => {
      const { store } = context();
      return { model: store.model(name), versions: store.versions(name) };
    },
    version: (name, version) => context().store.version(name, version),

    createModel(name, description = '', tags = {}) {
      const { store } = context();
      store.write(() => store.createModel(name, description, tags));
      changed(name);
      return store.model(name);
    },

    updateModel({ name, description, tags }) {
      const { store } = context();
      store.write(() => {
        store.modelRow(name);
        if (description !== undefined) store.setModelDescription(name, description);
        if (tags !== undefined) store.setModelTags(name, tags);
      });
      changed(name);
      return store.model(name);
    },

    renameModel(name, newName) {
      const ctx = context();
      const aliases = ctx.store.write(() => {
        const before = ctx.store.aliasesOf(name);
        ctx.store.renameModel(name, newName);
        return before;
      });
      ctx.packages.remove(name);
      for (const alias of aliases) aliasMoved(name, alias, null);
      changed(name);
      changed(newName);
      return ctx.store.model(newName);
    },

    deleteModel(name) {
      const ctx = context();
      const { aliases, orphans } = ctx.store.write(() => ({ aliases: ctx.store.aliasesOf(name), orphans: ctx.store.deleteModel(name) }));
      ctx.packages.remove(name);
      removeBlobs(ctx, orphans);
      for (const alias of aliases) aliasMoved(name, alias, null);
      changed(name);
    },

    async registerRun({ runId, name, description = '' }, job) {
      const run = tracking.run(runId);
      const dir = join(tracking.artifactDirectory(runId), 'model');
      if (!existsSync(join(dir, 'MLmodel'))) {
        const why = run.tags['workbench.onnx.error'] ? ` Its ONNX export failed: ${run.tags['workbench.onnx.error']}` : ' Train it again to export one (model/MLmodel with an onnx flavour).';
        throw new WorkbenchError('model_invalid', `Run ${runId} has no model package to register: model/MLmodel is missing from its artifacts.${why}`, { runId, missing: 'model/MLmodel' });
      }
      const pkg = await checkPackage(dir, `The model of run ${runId}`);
      return addChecked({ name, packageDir: dir, source: `runs:/${runId}/model`, description, lineage: lineageOf(run) }, pkg, job);
    },

    async importModel({ path, name, description = '' }, job) {
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat) throw new WorkbenchError('not_found', `${path} does not exist.`, { path });
      if (stat.isDirectory()) {
        const pkg = await checkPackage(path, path);
        return addChecked({ name, packageDir: path, source: path, description, lineage: runLineage(pkg.mlmodel.run_id) ?? NO_LINEAGE }, pkg, job);
      }
      const staging = join(context().root, 'tmp', `import-${randomBytes(6).toString('hex')}`);
      mkdirSync(staging, { recursive: true });
      try {
        try {
          await packageOnnxFile(path, staging);
        } catch (error) {
          if (isWorkbenchError(error)) throw error;
          throw new WorkbenchError('model_invalid', `${path} is not a readable ONNX model: ${error instanceof Error ? error.message : String(error)}`, { path });
        }
        const pkg = await checkPackage(staging, path);
        return await addChecked({ name, packageDir: staging, source: path, description }, pkg, job);
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    },

    async addVersion(input, job) {
      const pkg = await checkPackage(input.packageDir, input.source);
      return addChecked(input, pkg, job);
    },

    updateVersion({ name, version, description, tags, archived }) {
      const { store } = context();
      store.write(() => {
        store.versionRow(name, version);
        if (description !== undefined || archived !== undefined) {
          store.updateVersion(name, version, { ...(description === undefined ? {} : { description }), ...(archived === undefined ? {} : { archived }) });
        }
        if (tags !== undefined) store.setVersionTags(name, version, tags);
      });
      changed(name);
      return store.version(name, version);
    },

    deleteVersion(name, version) {
      const ctx = context();
      const { aliases, orphans } = ctx.store.write(() => ctx.store.deleteVersion(name, version));
      ctx.packages.remove(name, version);
      removeBlobs(ctx, orphans);
      for (const alias of aliases) aliasMoved(name, alias, null);
      changed(name);
    },

    setAlias(name, alias, version) {
      // Reserved as in MLflow: they would read as `models:/name/latest` or a version number.
      if (/^latest$/i.test(alias) || /^v\d+$/i.test(alias)) {
        throw new WorkbenchError('invalid_input', `The alias "${alias}" is reserved (latest and v<number> name versions); choose another.`, { field: 'alias' });
      }
      const { store } = context();
      const before = store.write(() => store.setAlias(name, alias, version));
      if (before !== version) aliasMoved(name, alias, version);
      changed(name);
      return store.model(name);
    },

    deleteAlias(name, alias) {
      const { store } = context();
      store.write(() => store.deleteAlias(name, alias));
      aliasMoved(name, alias, null);
      changed(name);
      return store.model(name);
    },

    aliasVersion: (name, alias) => context().store.aliasVersion(name, alias),

    resolve(uri) {
      const ref = parseModelUri(uri);
      const { store, packages } = context();
      const version = 'alias' in ref ? store.aliasVersion(ref.name, ref.alias) : ref.version;
      store.versionRow(ref.name, version);
      const files = store.files(ref.name, version);
      return { name: ref.name, version, packageDir: packages.materialise(ref.name, version, files) };
    },

    onAliasChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    recordPush(name, version, push) {
      const { store } = context();
      store.write(() => store.recordPush(name, version, push));
      changed(name);
    },
  };
  return registry;
}
