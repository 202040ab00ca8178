import type Database from 'better-sqlite3';
import {
  datasetInputSchema,
  modelSignatureSchema,
  parityCheckSchema,
  WorkbenchError,
  type ModelVersion,
  type RegisteredModel,
  type versionStatuses,
} from '../../shared/contract';

/** A version as the registry keeps it: the contract's shape, plus MLflow's `run_link`. */
export type VersionRecord = ModelVersion & { runLink: string | null };

export interface ModelRow {
  name: string;
  description: string;
  last_version: number;
  created_at: number;
  updated_at: number;
}

export interface VersionRow {
  name: string;
  version: number;
  description: string;
  status: (typeof versionStatuses)[number];
  stage: string;
  archived: number;
  source: string;
  run_id: string | null;
  run_link: string | null;
  experiment_id: string | null;
  git_commit: string | null;
  git_dirty: number | null;
  datasets: string;
  metrics: string;
  signature: string;
  parity: string | null;
  created_at: number;
  updated_at: number;
}

export function modelNotFound(name: string): WorkbenchError {
  return new WorkbenchError('not_found', `Registered model "${name}" does not exist.`, { name });
}

export function versionNotFound(name: string, version: number): WorkbenchError {
  return new WorkbenchError('not_found', `Model "${name}" has no version ${version}.`, { name, version });
}

function parseJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

function keyValues(rows: { key: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(rows.map((row) => [row.key, row.value]));
}

/** Reads models and versions out of the store into the contract's shapes. */
export class RegistryReader {
  constructor(protected readonly db: Database.Database) {}

  modelRow(name: string): ModelRow {
    const row = this.db.prepare('SELECT * FROM registered_models WHERE name = ?').get(name) as ModelRow | undefined;
    if (!row) throw modelNotFound(name);
    return row;
  }

  hasModel(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM registered_models WHERE name = ?').get(name) !== undefined;
  }

  versionRow(name: string, version: number): VersionRow {
    const row = this.db.prepare('SELECT * FROM model_versions WHERE name = ? AND version = ?').get(name, version) as VersionRow | undefined;
    if (!row) {
      this.modelRow(name);
      throw versionNotFound(name, version);
    }
    return row;
  }

  modelNames(): string[] {
    return (this.db.prepare('SELECT name FROM registered_models ORDER BY name').all() as { name: string }[]).map((row) => row.name);
  }

  model(name: string): RegisteredModel {
    const row = this.modelRow(name);
    const aliases = this.db.prepare('SELECT alias, version FROM model_aliases WHERE name = ? ORDER BY alias').all(name) as { alias: string; version: number }[];
    const counts = this.db.prepare('SELECT count(*) AS n, max(version) AS latest FROM model_versions WHERE name = ?').get(name) as { n: number; latest: number | null };
    return {
      name: row.name,
      description: row.description,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      tags: keyValues(this.db.prepare('SELECT key, value FROM registered_model_tags WHERE name = ? ORDER BY key').all(name) as { key: string; value: string }[]),
      aliases: Object.fromEntries(aliases.map((alias) => [alias.alias, alias.version])),
      latestVersion: counts.latest,
      versionCount: counts.n,
    };
  }

  /** Newest first. */
  versions(name: string): VersionRecord[] {
    this.modelRow(name);
    const rows = this.db.prepare('SELECT * FROM model_versions WHERE name = ? ORDER BY version DESC').all(name) as VersionRow[];
    return rows.map((row) => this.toVersion(row));
  }

  version(name: string, version: number): VersionRecord {
    return this.toVersion(this.versionRow(name, version));
  }

  /** Every version, for searches across models. */
  allVersions(): VersionRecord[] {
    const rows = this.db.prepare('SELECT * FROM model_versions ORDER BY name, version DESC').all() as VersionRow[];
    return rows.map((row) => this.toVersion(row));
  }

  aliasVersion(name: string, alias: string): number {
    const row = this.db.prepare('SELECT version FROM model_aliases WHERE name = ? AND alias = ?').get(name, alias) as { version: number } | undefined;
    if (!row) {
      this.modelRow(name);
      throw new WorkbenchError('not_found', `Model "${name}" has no alias "${alias}".`, { name, alias });
    }
    return row.version;
  }

  files(name: string, version: number): { path: string; size: number; sha256: string }[] {
    return this.db.prepare('SELECT path, size, sha256 FROM model_files WHERE name = ? AND version = ? ORDER BY path').all(name, version) as {
      path: string;
      size: number;
      sha256: string;
    }[];
  }

  /** How many version files use this blob. */
  references(sha256: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM model_files WHERE sha256 = ?').get(sha256) as { n: number }).n;
  }

  private toVersion(row: VersionRow): VersionRecord {
    const { name, version } = row;
    const aliases = this.db.prepare('SELECT alias FROM model_aliases WHERE name = ? AND version = ? ORDER BY alias').all(name, version) as { alias: string }[];
    const tags = this.db.prepare('SELECT key, value FROM model_version_tags WHERE name = ? AND version = ? ORDER BY key').all(name, version) as { key: string; value: string }[];
    const pushes = this.db
      .prepare('SELECT remote, remote_name, remote_version, at FROM model_version_pushes WHERE name = ? AND version = ? ORDER BY at DESC, id DESC')
      .all(name, version) as { remote: string; remote_name: string; remote_version: string; at: number }[];
    const parity = parseJson(row.parity);
    return {
      name,
      version,
      description: row.description,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      status: row.status,
      stage: row.stage,
      archived: row.archived === 1,
      aliases: aliases.map((alias) => alias.alias),
      tags: keyValues(tags),
      source: row.source,
      runLink: row.run_link,
      lineage: {
        runId: row.run_id,
        experimentId: row.experiment_id,
        datasets: datasetInputSchema.array().parse(parseJson(row.datasets)),
        gitCommit: row.git_commit,
        gitDirty: row.git_dirty === null ? null : row.git_dirty === 1,
        metrics: parseJson(row.metrics) as Record<string, number>,
      },
      signature: modelSignatureSchema.parse(parseJson(row.signature)),
      files: this.files(name, version),
      parity: parity === null ? null : parityCheckSchema.parse(parity),
      pushes: pushes.map((push) => ({ remote: push.remote, remoteName: push.remote_name, remoteVersion: push.remote_version, at: push.at })),
    };
  }
}
