import type Database from 'better-sqlite3';
import { WorkbenchError, type DatasetInput, type ModelSignature, type ParityCheck, type versionStatuses } from '../../shared/contract';
import { RegistryReader, modelNotFound } from './rows';

export type TagChanges = Record<string, string | null>;

/** What a new version records; the number is given by the store. */
export interface NewVersionRecord {
  name: string;
  description: string;
  status: (typeof versionStatuses)[number];
  stage: string;
  source: string;
  runId: string | null;
  runLink: string | null;
  experimentId: string | null;
  gitCommit: string | null;
  gitDirty: boolean | null;
  datasets: DatasetInput[];
  metrics: Record<string, number>;
  signature: ModelSignature;
  parity: ParityCheck | null;
  tags: Record<string, string>;
  files: { path: string; size: number; sha256: string }[];
}

/**
 * The registry's tables (migration 8). Every method that writes is meant to
 * run inside {@link write}, one SQLite transaction, so a failure leaves nothing
 * half-done; methods that drop files answer the hashes no version uses any more.
 */
export class RegistryStore extends RegistryReader {
  get database(): Database.Database {
    return this.db;
  }

  /** Runs `fn` in one IMMEDIATE transaction (several processes may write the store). */
  write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /**
   * Names differ by more than case: a version's package is a folder named after
   * its model, and macOS and Windows folders cannot tell `Churn` from `churn`.
   */
  private checkNameFree(name: string): void {
    const taken = this.db.prepare('SELECT name FROM registered_models WHERE name = ? COLLATE NOCASE').get(name) as { name: string } | undefined;
    if (!taken) return;
    const how = taken.name === name ? '' : ` (as "${taken.name}": names must differ by more than case)`;
    throw new WorkbenchError('conflict', `Registered model "${name}" already exists${how}.`, { name });
  }

  createModel(name: string, description: string, tags: Record<string, string>, now = Date.now()): void {
    this.checkNameFree(name);
    this.db.prepare('INSERT INTO registered_models (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)').run(name, description, now, now);
    this.setModelTags(name, tags);
  }

  touchModel(name: string, now = Date.now()): void {
    const result = this.db.prepare('UPDATE registered_models SET updated_at = max(updated_at, ?) WHERE name = ?').run(now, name);
    if (result.changes === 0) throw modelNotFound(name);
  }

  setModelDescription(name: string, description: string): void {
    this.modelRow(name);
    this.db.prepare('UPDATE registered_models SET description = ? WHERE name = ?').run(description, name);
    this.touchModel(name);
  }

  setModelTags(name: string, tags: TagChanges): void {
    this.modelRow(name);
    const set = this.db.prepare('INSERT INTO registered_model_tags (name, key, value) VALUES (?, ?, ?) ON CONFLICT (name, key) DO UPDATE SET value = excluded.value');
    const remove = this.db.prepare('DELETE FROM registered_model_tags WHERE name = ? AND key = ?');
    for (const [key, value] of Object.entries(tags)) {
      if (value === null) remove.run(name, key);
      else set.run(name, key, value);
    }
    this.touchModel(name);
  }

  renameModel(name: string, newName: string): void {
    this.modelRow(name);
    if (name === newName) return;
    if (name.toLowerCase() !== newName.toLowerCase()) this.checkNameFree(newName);
    // Versions, tags, aliases, files and pushes follow through ON UPDATE CASCADE.
    this.db.prepare('UPDATE registered_models SET name = ?, updated_at = ? WHERE name = ?').run(newName, Date.now(), name);
  }

  /** Answers the blob hashes that no version uses any more. */
  deleteModel(name: string): string[] {
    this.modelRow(name);
    const hashes = this.hashesOf('SELECT DISTINCT sha256 FROM model_files WHERE name = ?', name);
    this.db.prepare('DELETE FROM registered_models WHERE name = ?').run(name);
    return hashes.filter((hash) => this.references(hash) === 0);
  }

  insertVersion(record: NewVersionRecord, now = Date.now()): number {
    const model = this.modelRow(record.name);
    const version = model.last_version + 1;
    this.db.prepare('UPDATE registered_models SET last_version = ?, updated_at = ? WHERE name = ?').run(version, now, record.name);
    this.db
      .prepare(`INSERT INTO model_versions (name, version, description, status, stage, archived, source, run_id, run_link, experiment_id,
          git_commit, git_dirty, datasets, metrics, signature, parity, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        record.name,
        version,
        record.description,
        record.status,
        record.stage,
        record.source,
        record.runId,
        record.runLink,
        record.experimentId,
        record.gitCommit,
        record.gitDirty === null ? null : Number(record.gitDirty),
        JSON.stringify(record.datasets),
        JSON.stringify(record.metrics),
        JSON.stringify(record.signature),
        record.parity === null ? null : JSON.stringify(record.parity),
        now,
        now,
      );
    const insertFile = this.db.prepare('INSERT INTO model_files (name, version, path, size, sha256) VALUES (?, ?, ?, ?, ?)');
    for (const file of record.files) insertFile.run(record.name, version, file.path, file.size, file.sha256);
    this.setVersionTags(record.name, version, record.tags);
    return version;
  }

  private touchVersion(name: string, version: number): void {
    const now = Date.now();
    this.db.prepare('UPDATE model_versions SET updated_at = ? WHERE name = ? AND version = ?').run(now, name, version);
    this.touchModel(name, now);
  }

  updateVersion(name: string, version: number, changes: { description?: string; archived?: boolean; status?: (typeof versionStatuses)[number] }): void {
    this.versionRow(name, version);
    if (changes.description !== undefined) this.db.prepare('UPDATE model_versions SET description = ? WHERE name = ? AND version = ?').run(changes.description, name, version);
    if (changes.archived !== undefined) this.db.prepare('UPDATE model_versions SET archived = ? WHERE name = ? AND version = ?').run(Number(changes.archived), name, version);
    if (changes.status !== undefined) this.db.prepare('UPDATE model_versions SET status = ? WHERE name = ? AND version = ?').run(changes.status, name, version);
    this.touchVersion(name, version);
  }

  setVersionTags(name: string, version: number, tags: TagChanges): void {
    this.versionRow(name, version);
    const set = this.db.prepare(
      'INSERT INTO model_version_tags (name, version, key, value) VALUES (?, ?, ?, ?) ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value',
    );
    const remove = this.db.prepare('DELETE FROM model_version_tags WHERE name = ? AND version = ? AND key = ?');
    for (const [key, value] of Object.entries(tags)) {
      if (value === null) remove.run(name, version, key);
      else set.run(name, version, key, value);
    }
    this.touchVersion(name, version);
  }

  /** Answers the aliases it removed and the blob hashes that no version uses any more. */
  deleteVersion(name: string, version: number): { aliases: string[]; orphans: string[] } {
    this.versionRow(name, version);
    const aliases = (this.db.prepare('SELECT alias FROM model_aliases WHERE name = ? AND version = ?').all(name, version) as { alias: string }[]).map((row) => row.alias);
    const hashes = this.hashesOf('SELECT DISTINCT sha256 FROM model_files WHERE name = ? AND version = ?', name, version);
    this.db.prepare('DELETE FROM model_versions WHERE name = ? AND version = ?').run(name, version);
    this.touchModel(name);
    return { aliases, orphans: hashes.filter((hash) => this.references(hash) === 0) };
  }

  /** Answers the version the alias pointed at before, if any. */
  setAlias(name: string, alias: string, version: number): number | null {
    this.versionRow(name, version);
    const before = this.db.prepare('SELECT version FROM model_aliases WHERE name = ? AND alias = ?').get(name, alias) as { version: number } | undefined;
    this.db.prepare('INSERT INTO model_aliases (name, alias, version) VALUES (?, ?, ?) ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version').run(name, alias, version);
    this.touchModel(name);
    return before?.version ?? null;
  }

  deleteAlias(name: string, alias: string): void {
    this.aliasVersion(name, alias);
    this.db.prepare('DELETE FROM model_aliases WHERE name = ? AND alias = ?').run(name, alias);
    this.touchModel(name);
  }

  aliasesOf(name: string): string[] {
    return (this.db.prepare('SELECT alias FROM model_aliases WHERE name = ? ORDER BY alias').all(name) as { alias: string }[]).map((row) => row.alias);
  }

  recordPush(name: string, version: number, push: { remote: string; remoteName: string; remoteVersion: string; at: number }): void {
    this.versionRow(name, version);
    this.db
      .prepare('INSERT INTO model_version_pushes (name, version, remote, remote_name, remote_version, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(name, version, push.remote, push.remoteName, push.remoteVersion, push.at);
  }

  private hashesOf(sql: string, ...params: unknown[]): string[] {
    return (this.db.prepare(sql).all(...params) as { sha256: string }[]).map((row) => row.sha256);
  }
}
