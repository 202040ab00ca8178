import type Database from 'better-sqlite3';
import { WorkbenchError } from '../../shared/contract';
import { checkKey, checkTagValue, invalid } from './validation';

export type LifecycleStage = 'active' | 'deleted';
export type ViewType = 'active' | 'deleted' | 'all';

export interface ExperimentRecord {
  id: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  creationTime: number;
  lastUpdateTime: number;
  tags: Record<string, string>;
  /** Active runs. */
  runCount: number;
}

interface Row {
  experiment_id: number;
  name: string;
  artifact_location: string;
  lifecycle_stage: LifecycleStage;
  creation_time: number;
  last_update_time: number;
  run_count: number;
}

export const DEFAULT_EXPERIMENT_ID = '0';
const MAX_NAME = 500;

const SELECT = `SELECT e.*, (SELECT count(*) FROM tracking_runs r WHERE r.experiment_id = e.experiment_id AND r.lifecycle_stage = 'active') AS run_count
  FROM tracking_experiments e`;

/** Experiments in MLflow's model: unique names (deleted ones included), soft deletion, tags. */
export class ExperimentStore {
  constructor(private readonly db: Database.Database) {}

  list(view: ViewType): ExperimentRecord[] {
    const where = view === 'all' ? '' : 'WHERE e.lifecycle_stage = ?';
    const rows = this.db.prepare(`${SELECT} ${where} ORDER BY e.lifecycle_stage = 'deleted', e.creation_time DESC, e.experiment_id DESC`).all(...(view === 'all' ? [] : [view])) as Row[];
    return this.withTags(rows);
  }

  find(id: string): ExperimentRecord | undefined {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const row = this.db.prepare(`${SELECT} WHERE e.experiment_id = ?`).get(Number(id)) as Row | undefined;
    return row ? this.withTags([row])[0] : undefined;
  }

  get(id: string): ExperimentRecord {
    const found = this.find(id);
    if (!found) throw new WorkbenchError('not_found', `No experiment with id ${JSON.stringify(id)}.`, { experimentId: id });
    return found;
  }

  /** Active first, as MLflow's get-by-name prefers the active one. */
  byName(name: string): ExperimentRecord | undefined {
    const row = this.db.prepare(`${SELECT} WHERE e.name = ?`).get(name) as Row | undefined;
    return row ? this.withTags([row])[0] : undefined;
  }

  create(name: string, tags: Record<string, string> = {}, now = Date.now()): ExperimentRecord {
    const cleanName = checkName(name);
    // Checked and written under one write lock: another process may be creating the same name.
    const id = this.db.transaction(() => {
      const existing = this.byName(cleanName);
      if (existing) {
        const state = existing.lifecycleStage === 'deleted' ? ' (deleted; restore it or choose another name)' : '';
        throw new WorkbenchError('conflict', `An experiment named "${cleanName}" already exists${state}.`, { name: cleanName, experimentId: existing.id });
      }
      const next = (this.db.prepare('SELECT coalesce(max(experiment_id), 0) + 1 AS id FROM tracking_experiments').get() as { id: number }).id;
      this.db
        .prepare('INSERT INTO tracking_experiments (experiment_id, name, artifact_location, creation_time, last_update_time) VALUES (?, ?, ?, ?, ?)')
        .run(next, cleanName, `mlflow-artifacts:/${next}`, now, now);
      this.writeTags(String(next), tags);
      return String(next);
    }).immediate();
    return this.get(id);
  }

  rename(id: string, name: string): ExperimentRecord {
    const cleanName = checkName(name);
    return this.db.transaction(() => {
      const current = this.get(id);
      if (current.name === cleanName) return current;
      const clash = this.byName(cleanName);
      if (clash) throw new WorkbenchError('conflict', `An experiment named "${cleanName}" already exists.`, { name: cleanName, experimentId: clash.id });
      this.db.prepare('UPDATE tracking_experiments SET name = ?, last_update_time = ? WHERE experiment_id = ?').run(cleanName, Date.now(), Number(id));
      return this.get(id);
    }).immediate();
  }

  /** MLflow semantics: the experiment and its runs are marked deleted, and can be restored. */
  setLifecycle(id: string, stage: LifecycleStage): void {
    const current = this.get(id);
    if (stage === 'deleted' && current.id === DEFAULT_EXPERIMENT_ID) {
      throw new WorkbenchError('invalid_input', 'The Default experiment (id 0) cannot be deleted: clients log into it when no experiment is set.', { experimentId: id });
    }
    if (current.lifecycleStage === stage) {
      if (stage === 'active') throw invalid('experiment_id', `experiment ${id} is not deleted; there is nothing to restore.`);
      throw invalid('experiment_id', `experiment ${id} is already deleted.`);
    }
    this.db.transaction(() => {
      this.db.prepare('UPDATE tracking_experiments SET lifecycle_stage = ?, last_update_time = ? WHERE experiment_id = ?').run(stage, Date.now(), Number(id));
      this.db.prepare('UPDATE tracking_runs SET lifecycle_stage = ? WHERE experiment_id = ?').run(stage, Number(id));
    }).immediate();
  }

  requireActive(id: string): ExperimentRecord {
    const experiment = this.get(id);
    if (experiment.lifecycleStage !== 'active') {
      throw invalid('experiment_id', `experiment ${id} ("${experiment.name}") is deleted; restore it before logging into it.`);
    }
    return experiment;
  }

  setTag(id: string, key: string, value: string): void {
    this.get(id);
    this.writeTags(id, { [checkKey('key', key)]: checkTagValue('value', value) });
  }

  deleteTag(id: string, key: string): void {
    this.get(id);
    const removed = this.db.prepare('DELETE FROM tracking_experiment_tags WHERE experiment_id = ? AND key = ?').run(Number(id), key);
    if (removed.changes === 0) throw new WorkbenchError('not_found', `Experiment ${id} has no tag "${key}".`, { experimentId: id, key });
  }

  private writeTags(id: string, tags: Record<string, string>): void {
    const upsert = this.db.prepare('INSERT INTO tracking_experiment_tags (experiment_id, key, value) VALUES (?, ?, ?) ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value');
    for (const [key, value] of Object.entries(tags)) upsert.run(Number(id), checkKey('tags.key', key), checkTagValue(`tags.${key}`, value));
  }

  private withTags(rows: Row[]): ExperimentRecord[] {
    if (rows.length === 0) return [];
    const tagRows = this.db
      .prepare('SELECT experiment_id, key, value FROM tracking_experiment_tags WHERE experiment_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(rows.map((row) => row.experiment_id))) as { experiment_id: number; key: string; value: string }[];
    const tags = new Map<number, Record<string, string>>();
    for (const tag of tagRows) {
      const into = tags.get(tag.experiment_id) ?? {};
      into[tag.key] = tag.value;
      tags.set(tag.experiment_id, into);
    }
    return rows.map((row) => ({
      id: String(row.experiment_id),
      name: row.name,
      artifactLocation: row.artifact_location,
      lifecycleStage: row.lifecycle_stage,
      creationTime: row.creation_time,
      lastUpdateTime: row.last_update_time,
      tags: tags.get(row.experiment_id) ?? {},
      runCount: row.run_count,
    }));
  }
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw invalid('name', 'an experiment needs a non-empty name.');
  if (name.length > MAX_NAME) throw invalid('name', `the name is ${name.length} characters long; the limit is ${MAX_NAME}.`);
  return name;
}
