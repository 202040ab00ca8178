import type Database from 'better-sqlite3';
import { WorkbenchError } from '../../shared/contract';
import { newModelId } from './names';
import { checkKey, checkParamValue, checkTagValue, invalid } from './validation';

export const MODEL_STATUSES = ['LOGGED_MODEL_PENDING', 'LOGGED_MODEL_READY', 'LOGGED_MODEL_UPLOAD_FAILED'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** MLflow 3's LoggedModel: what `log_model` creates, fills through the artifact API, then finalizes. */
export interface LoggedModelRecord {
  id: string;
  experimentId: string;
  name: string;
  modelType: string | null;
  sourceRunId: string | null;
  status: ModelStatus;
  statusMessage: string | null;
  artifactUri: string;
  creationTime: number;
  lastUpdateTime: number;
  tags: Record<string, string>;
  params: Record<string, string>;
}

interface Row {
  model_id: string;
  experiment_id: number;
  name: string;
  model_type: string | null;
  source_run_id: string | null;
  status: ModelStatus;
  status_message: string | null;
  artifact_uri: string;
  creation_time: number;
  last_update_time: number;
}

export class LoggedModelStore {
  constructor(private readonly db: Database.Database) {}

  create(input: { experimentId: string; name: string; modelType: string | null; sourceRunId: string | null; tags: Record<string, string>; params: Record<string, string> }): LoggedModelRecord {
    const id = newModelId();
    const now = Date.now();
    this.db
      .prepare(`INSERT INTO tracking_logged_models (model_id, experiment_id, name, model_type, source_run_id, status, artifact_uri, creation_time, last_update_time)
        VALUES (?, ?, ?, ?, ?, 'LOGGED_MODEL_PENDING', ?, ?, ?)`)
      .run(id, Number(input.experimentId), input.name, input.modelType, input.sourceRunId, `mlflow-artifacts:/${input.experimentId}/models/${id}/artifacts`, now, now);
    this.setTags(id, input.tags);
    this.logParams(id, input.params);
    return this.get(id);
  }

  find(id: string): LoggedModelRecord | undefined {
    const row = this.db.prepare(`SELECT * FROM tracking_logged_models WHERE model_id = ? AND lifecycle_stage = 'active'`).get(id) as Row | undefined;
    return row ? this.hydrate([row])[0] : undefined;
  }

  get(id: string): LoggedModelRecord {
    const found = this.find(id);
    if (!found) throw new WorkbenchError('not_found', `Logged model with id=${JSON.stringify(id)} not found.`, { modelId: id });
    return found;
  }

  finalize(id: string, status: ModelStatus): LoggedModelRecord {
    this.get(id);
    this.db.prepare('UPDATE tracking_logged_models SET status = ?, last_update_time = ? WHERE model_id = ?').run(status, Date.now(), id);
    return this.get(id);
  }

  delete(id: string): void {
    this.get(id);
    this.db.prepare(`UPDATE tracking_logged_models SET lifecycle_stage = 'deleted', last_update_time = ? WHERE model_id = ?`).run(Date.now(), id);
  }

  setTags(id: string, tags: Record<string, string>): void {
    const upsert = this.db.prepare('INSERT INTO tracking_logged_model_tags (model_id, key, value) VALUES (?, ?, ?) ON CONFLICT (model_id, key) DO UPDATE SET value = excluded.value');
    for (const [key, value] of Object.entries(tags)) upsert.run(id, checkKey(`tags.${key}`, key), checkTagValue(`tags.${key}`, value));
  }

  deleteTag(id: string, key: string): void {
    this.get(id);
    this.db.prepare('DELETE FROM tracking_logged_model_tags WHERE model_id = ? AND key = ?').run(id, key);
  }

  /** Like a run's params, a model's are written once. */
  logParams(id: string, params: Record<string, string>): void {
    const existing = this.db.prepare('SELECT value FROM tracking_logged_model_params WHERE model_id = ? AND key = ?');
    const insert = this.db.prepare('INSERT OR IGNORE INTO tracking_logged_model_params (model_id, key, value) VALUES (?, ?, ?)');
    for (const [key, value] of Object.entries(params)) {
      const old = existing.get(id, key) as { value: string } | undefined;
      if (old && old.value !== value) throw invalid(`params.${key}`, `already logged as ${JSON.stringify(old.value)} for model ${id}; params cannot change.`);
      insert.run(id, checkKey(`params.${key}`, key), checkParamValue(`params.${key}`, value));
    }
  }

  /** Every active model of the given experiments, newest first (a few per run: searched in memory). */
  inExperiments(experimentIds: readonly string[]): LoggedModelRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM tracking_logged_models WHERE lifecycle_stage = 'active' AND experiment_id IN (SELECT value FROM json_each(?))
        ORDER BY creation_time DESC, model_id`)
      .all(JSON.stringify(experimentIds.filter((id) => /^\d{1,15}$/.test(id)).map(Number))) as Row[];
    return this.hydrate(rows);
  }

  private hydrate(rows: Row[]): LoggedModelRecord[] {
    const ids = JSON.stringify(rows.map((row) => row.model_id));
    const group = (table: string): Map<string, Record<string, string>> => {
      const map = new Map<string, Record<string, string>>();
      const all = this.db.prepare(`SELECT model_id, key, value FROM ${table} WHERE model_id IN (SELECT value FROM json_each(?))`).all(ids) as { model_id: string; key: string; value: string }[];
      for (const entry of all) map.set(entry.model_id, { ...map.get(entry.model_id), [entry.key]: entry.value });
      return map;
    };
    const tags = group('tracking_logged_model_tags');
    const params = group('tracking_logged_model_params');
    return rows.map((row) => ({
      id: row.model_id,
      experimentId: String(row.experiment_id),
      name: row.name,
      modelType: row.model_type,
      sourceRunId: row.source_run_id,
      status: row.status,
      statusMessage: row.status_message,
      artifactUri: row.artifact_uri,
      creationTime: row.creation_time,
      lastUpdateTime: row.last_update_time,
      tags: tags.get(row.model_id) ?? {},
      params: params.get(row.model_id) ?? {},
    }));
  }
}
