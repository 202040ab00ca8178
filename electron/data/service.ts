import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  profileSchema,
  WorkbenchError,
  type Dataset,
  type Profile,
  type QueryResult,
  type ResultColumn,
  type ResultFilter,
  type ResultSort,
} from '../../shared/contract';
import type { JobContext } from '../jobs';
import type { Logger } from '../log';
import type { WorkspaceService } from '../workspace';
import { addDatasets, datasetBytes, datasetSelect, defineView, dropView, freshFingerprint, isText, register, unparsed } from './datasets';
import { createEngine, type Engine } from './engine';
import { fingerprintFiles, fingerprintText } from './files';
import { profileRelation } from './profile';
import { QueryResults, type View } from './query';
import { DatasetRegistry, publicDataset } from './registry';
import { quoteIdent } from './sql';
import { CACHE_MAX_BYTES, TableCache } from './table-cache';

/** What a profile or chart reads: a dataset or a query result, as SQL. */
export interface Relation {
  relation: string;
  source: string;
  fingerprint: string;
  columns: ResultColumn[];
  materialize: boolean;
}

export interface DataService {
  list(): Dataset[];
  add(input: { path: string; name?: string; format?: Exclude<Dataset['format'], 'sql'> }, context: JobContext): Promise<{ datasets: Dataset[] }>;
  rename(id: string, name: string): Promise<Dataset>;
  describe(id: string, description: string): Dataset;
  remove(id: string): Promise<void>;
  unparsed(id: string, column: string, limit: number): Promise<{ column: string; type: string; count: number; values: { row: number; value: string }[] }>;
  query(sql: string, context: JobContext): Promise<QueryResult>;
  page(resultId: string, offset: number, limit: number, view: View): Promise<unknown[][]>;
  count(resultId: string, filters: ResultFilter[], signal: AbortSignal): Promise<number>;
  closeResult(resultId: string): void;
  exportResult(input: { resultId: string; format: 'csv' | 'parquet'; path: string; sort: ResultSort[]; filters: ResultFilter[] }, context: JobContext): Promise<{ path: string }>;
  saveResult(input: { resultId: string; name: string; mode: 'view' | 'parquet' }, context: JobContext): Promise<Dataset>;
  profile(input: { dataset?: string; resultId?: string; targetColumn?: string; refresh: boolean }, context: JobContext): Promise<Profile>;
  /** For charts: the relation to aggregate, and the engine to run on. */
  relation(target: { dataset?: string; resultId?: string }): Promise<{ engine: Engine; relation: Relation }>;
  /** The open workspace's engine, for reading files that are not datasets (batch scoring). */
  engine(): Promise<Engine>;
  close(): void;
}

export function createDataService({ workspace, log }: { workspace: WorkspaceService; log: Logger }): DataService {
  const results = new QueryResults();
  let current: { path: string; engine: Promise<Engine>; cache: TableCache } | null = null;

  const registry = (): DatasetRegistry => new DatasetRegistry(workspace.active().store.db);

  /** One engine per open workspace, with a view for every dataset. */
  const engine = (): Promise<Engine> => {
    const { info } = workspace.active();
    if (current?.path === info.path) return current.engine;
    const previous = current;
    const tempDirectory = join(info.path, '.workbench', 'tmp');
    mkdirSync(tempDirectory, { recursive: true });
    const created = createEngine({ tempDirectory }).then(async (fresh) => {
      for (const dataset of registry().list()) {
        await defineView(fresh, dataset).catch((error: unknown) =>
          log.warn('a dataset could not be opened; queries on it will say why', { dataset: dataset.name, error: String(error) }),
        );
      }
      return fresh;
    });
    current = { path: info.path, engine: created, cache: new TableCache() };
    void previous?.engine.then((old) => old.close(), () => undefined);
    return created;
  };

  const cache = (): TableCache => {
    if (!current) throw new Error('no engine yet');
    return current.cache;
  };

  const relationOf = async (target: { dataset?: string; resultId?: string }): Promise<Relation> => {
    if (target.dataset !== undefined) {
      const stored = registry().get(target.dataset);
      const dataset = freshFingerprint(registry(), stored);
      const columns = dataset.columns.map(({ name, type }) => ({ name, type }));
      const db = await engine();
      const cached = isText(dataset.format) && datasetBytes(dataset) <= CACHE_MAX_BYTES;
      const relation: Relation = cached
        ? { relation: await cache().table(db, `${dataset.id}:${dataset.fingerprint}`, datasetSelect(dataset)), source: dataset.name, fingerprint: dataset.fingerprint, columns, materialize: false }
        : // Large text files and views are read per use; a profile copies them once.
          { relation: quoteIdent(dataset.name), source: dataset.name, fingerprint: dataset.fingerprint, columns, materialize: isText(dataset.format) || dataset.format === 'sql' };
      if (dataset.fingerprint !== stored.fingerprint) {
        registry().setRowCount(dataset.id, Number((await db.query(`SELECT count(*) FROM ${relation.relation}`)).rows[0]?.[0] ?? 0));
      }
      return relation;
    }
    const resultId = target.resultId ?? '';
    const sql = results.select(resultId);
    await engine();
    return { relation: `(${sql})`, source: 'query', fingerprint: fingerprintText(sql), columns: results.columns(resultId), materialize: true };
  };

  return {
    list: () => registry().list().map(publicDataset),
    async add(input, context) {
      const db = await engine();
      const datasets = await addDatasets(db, registry(), {
        ...input,
        signal: context.signal,
        progress: context.progress,
        keepTable: (dataset, table) => cache().put(db, `${dataset.id}:${dataset.fingerprint}`, table),
      });
      return { datasets };
    },
    async rename(id, name) {
      const before = registry().get(id);
      const after = registry().update(before.id, { name });
      const db = await engine();
      await dropView(db, before.name);
      await defineView(db, after);
      return publicDataset(after);
    },
    describe: (id, description) => publicDataset(registry().update(registry().get(id).id, { description })),
    async remove(id) {
      const dataset = registry().get(id);
      registry().remove(dataset.id);
      const db = await engine();
      await dropView(db, dataset.name);
      await cache().forget(db, dataset.id);
    },
    unparsed: async (id, column, limit) => unparsed(await engine(), registry().get(id), column, limit),
    query: async (sql, context) => results.run(await engine(), sql, { signal: context.signal, onProgress: (f) => context.progress(f, 'Running') }),
    page: async (resultId, offset, limit, view) => results.page(await engine(), resultId, offset, limit, view),
    count: async (resultId, filters, signal) => results.count(await engine(), resultId, { filters }, { signal }),
    closeResult: (resultId) => results.close(resultId),
    async exportResult(input, context) {
      await results.export(await engine(), input.resultId, input.format, input.path, input, {
        signal: context.signal,
        onProgress: (f) => context.progress(f, `Writing ${input.path}`),
      });
      return { path: input.path };
    },
    async saveResult(input, context) {
      const db = await engine();
      const sql = results.select(input.resultId);
      const columns = results.columns(input.resultId).map((c) => ({ ...c, unparsed: 0 }));
      if (input.mode === 'view') {
        return register(db, registry(), { name: input.name, format: 'sql', location: sql, readSpec: { kind: 'view', sql }, fingerprint: fingerprintText(sql), columns }, context.signal);
      }
      if (registry().nameTaken(input.name)) throw new WorkbenchError('dataset_exists', `A dataset named "${input.name}" exists already; choose another name.`, { name: input.name });
      const dataDir = join(workspace.active().info.path, 'data');
      mkdirSync(dataDir, { recursive: true });
      const path = join(dataDir, `${input.name}.parquet`);
      await results.export(db, input.resultId, 'parquet', path, {}, { signal: context.signal, onProgress: (f) => context.progress(f, `Writing ${path}`) });
      return register(db, registry(), { name: input.name, format: 'parquet', location: path, readSpec: { kind: 'files', coercions: [] }, fingerprint: fingerprintFiles([path]), columns }, context.signal);
    },
    async profile(input, context) {
      const relation = await relationOf(input);
      const store = workspace.active().store.db;
      const key = input.targetColumn ?? '';
      const cacheable = input.dataset !== undefined;
      if (cacheable && !input.refresh) {
        const row = store.prepare('SELECT profile FROM profiles WHERE fingerprint = ? AND target = ?').get(relation.fingerprint, key) as { profile: string } | undefined;
        const cached = row ? profileSchema.safeParse({ ...(JSON.parse(row.profile) as object), cached: true }) : undefined;
        if (cached?.success) return cached.data;
      }
      const computed = await profileRelation(await engine(), {
        ...relation,
        targetColumn: input.targetColumn,
        signal: context.signal,
        progress: (fraction, message) => context.progress(fraction, message),
      });
      if (cacheable) {
        store
          .prepare('INSERT OR REPLACE INTO profiles (fingerprint, target, profile, created_at) VALUES (?, ?, ?, ?)')
          .run(relation.fingerprint, key, JSON.stringify(computed), computed.computedAt);
      }
      return { ...computed, cached: false };
    },
    relation: async (target) => ({ engine: await engine(), relation: await relationOf(target) }),
    engine,
    close() {
      void current?.engine.then((db) => db.close(), () => undefined);
      current = null;
    },
  };
}
