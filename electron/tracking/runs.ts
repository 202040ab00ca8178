import type Database from 'better-sqlite3';
import { WorkbenchError, type RunStatus } from '../../shared/contract';
import type { LifecycleStage } from './experiments';
import { checkKey, checkParamValue, checkTagValue, invalid } from './validation';

export const RUN_NAME_TAG = 'mlflow.runName';
export const PARENT_RUN_TAG = 'mlflow.parentRunId';
export const USER_TAG = 'mlflow.user';

export interface RunInfo {
  id: string;
  experimentId: string;
  name: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  lifecycleStage: LifecycleStage;
  artifactUri: string;
}

/** A dataset a run read, with MLflow's Dataset fields and the input's tags. */
export interface InputRecord {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema: string | null;
  profile: string | null;
  /** `mlflow.data.context`: training, validation, test... */
  context: string;
  tags: Record<string, string>;
}

interface RunRow {
  run_id: string;
  experiment_id: number;
  name: string;
  user_id: string;
  status: RunStatus;
  start_time: number;
  end_time: number | null;
  lifecycle_stage: LifecycleStage;
  artifact_uri: string;
}

export const RUN_COLUMNS = 'r.run_id, r.experiment_id, r.name, r.user_id, r.status, r.start_time, r.end_time, r.lifecycle_stage, r.artifact_uri';

export function runInfoFromRow(row: RunRow): RunInfo {
  return {
    id: row.run_id,
    experimentId: String(row.experiment_id),
    name: row.name,
    userId: row.user_id,
    status: row.status,
    startTime: row.start_time,
    endTime: row.end_time,
    lifecycleStage: row.lifecycle_stage,
    artifactUri: row.artifact_uri,
  };
}

/** Runs, their params (write-once) and tags (overwritable), datasets read and models made. */
export class RunStore {
  private readonly selectRun: Database.Statement<[string], RunRow>;
  private readonly upsertTag: Database.Statement<[string, string, string]>;
  private readonly insertParam: Database.Statement<[string, string, string]>;

  constructor(private readonly db: Database.Database) {
    this.selectRun = db.prepare(`SELECT ${RUN_COLUMNS} FROM tracking_runs r WHERE r.run_id = ?`);
    this.upsertTag = db.prepare('INSERT INTO tracking_tags (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value');
    this.insertParam = db.prepare('INSERT INTO tracking_params (run_id, key, value) VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO NOTHING');
  }

  insert(run: RunInfo, tags: Record<string, string>): void {
    this.db
      .prepare(`INSERT INTO tracking_runs (run_id, experiment_id, name, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri)
        VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?)`)
      .run(run.id, Number(run.experimentId), run.name, run.userId, run.status, run.startTime, run.endTime, run.artifactUri);
    this.setTags(run.id, { ...tags, [RUN_NAME_TAG]: run.name });
  }

  find(id: string): RunInfo | undefined {
    const row = this.selectRun.get(id);
    return row ? runInfoFromRow(row) : undefined;
  }

  get(id: string): RunInfo {
    const run = this.find(id);
    if (!run) throw new WorkbenchError('not_found', `Run with id=${JSON.stringify(id)} not found.`, { runId: id });
    return run;
  }

  /** Logging into a deleted run is refused, as MLflow does. */
  requireActive(id: string): RunInfo {
    const run = this.get(id);
    if (run.lifecycleStage !== 'active') throw invalid('run_id', `the run ${id} must be in the 'active' state to log into it; it is deleted.`);
    return run;
  }

  update(id: string, changes: { status?: RunStatus; endTime?: number | null; name?: string }): RunInfo {
    const run = this.get(id);
    const next = {
      status: changes.status ?? run.status,
      endTime: changes.endTime === undefined ? run.endTime : changes.endTime,
      name: changes.name ?? run.name,
    };
    this.db.prepare('UPDATE tracking_runs SET status = ?, end_time = ?, name = ? WHERE run_id = ?').run(next.status, next.endTime, next.name, id);
    if (changes.name !== undefined) this.upsertTag.run(id, RUN_NAME_TAG, changes.name);
    return { ...run, ...next };
  }

  setLifecycle(id: string, stage: LifecycleStage): RunInfo {
    const run = this.get(id);
    this.db.prepare('UPDATE tracking_runs SET lifecycle_stage = ? WHERE run_id = ?').run(stage, id);
    return { ...run, lifecycleStage: stage };
  }

  /** Params are immutable: the same value again is fine, another value is refused and nothing is written. */
  logParams(id: string, params: Record<string, string>): void {
    const keys = Object.keys(params);
    if (keys.length === 0) return;
    const existing = this.db
      .prepare('SELECT key, value FROM tracking_params WHERE run_id = ? AND key IN (SELECT value FROM json_each(?))')
      .all(id, JSON.stringify(keys)) as { key: string; value: string }[];
    for (const { key, value } of existing) {
      if (params[key] !== value) {
        throw invalid(`params.${key}`, `already logged as ${JSON.stringify(value)} for run ${id}; params cannot change, so ${JSON.stringify(params[key])} was refused.`);
      }
    }
    for (const [key, value] of Object.entries(params)) this.insertParam.run(id, checkKey(`params.${key}`, key), checkParamValue(`params.${key}`, value));
  }

  setTags(id: string, tags: Record<string, string>): void {
    for (const [key, value] of Object.entries(tags)) {
      this.upsertTag.run(id, checkKey(`tags.${key}`, key), checkTagValue(`tags.${key}`, value));
      // The run's name and its tag are one thing seen two ways, as in MLflow.
      if (key === RUN_NAME_TAG) this.db.prepare('UPDATE tracking_runs SET name = ? WHERE run_id = ?').run(value, id);
    }
  }

  deleteTag(id: string, key: string): void {
    const removed = this.db.prepare('DELETE FROM tracking_tags WHERE run_id = ? AND key = ?').run(id, key);
    if (removed.changes === 0) throw new WorkbenchError('not_found', `No tag with name: ${key} in run with id ${id}.`, { runId: id, key });
  }

  tags(id: string): Record<string, string> {
    const rows = this.db.prepare('SELECT key, value FROM tracking_tags WHERE run_id = ?').all(id) as { key: string; value: string }[];
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  }

  params(id: string): Record<string, string> {
    const rows = this.db.prepare('SELECT key, value FROM tracking_params WHERE run_id = ?').all(id) as { key: string; value: string }[];
    return Object.fromEntries(rows.map((row) => [row.key, row.value]));
  }

  /** The same dataset in the same context is recorded once. */
  logInputs(id: string, inputs: InputRecord[]): void {
    const insert = this.db.prepare(`INSERT INTO tracking_run_inputs (run_id, name, digest, source_type, source, schema, profile, context, tags)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, name, digest, context) DO NOTHING`);
    for (const input of inputs) {
      insert.run(id, input.name, input.digest, input.sourceType, input.source, input.schema, input.profile, input.context, JSON.stringify(input.tags));
    }
  }

  inputs(id: string): InputRecord[] {
    const rows = this.db.prepare('SELECT * FROM tracking_run_inputs WHERE run_id = ? ORDER BY rowid').all(id) as {
      name: string;
      digest: string;
      source_type: string;
      source: string;
      schema: string | null;
      profile: string | null;
      context: string;
      tags: string;
    }[];
    return rows.map((row) => ({
      name: row.name,
      digest: row.digest,
      sourceType: row.source_type,
      source: row.source,
      schema: row.schema,
      profile: row.profile,
      context: row.context,
      tags: JSON.parse(row.tags) as Record<string, string>,
    }));
  }

  logOutputs(id: string, models: { modelId: string; step: number }[]): void {
    const insert = this.db.prepare('INSERT INTO tracking_run_outputs (run_id, model_id, step) VALUES (?, ?, ?) ON CONFLICT (run_id, model_id) DO UPDATE SET step = excluded.step');
    for (const model of models) insert.run(id, model.modelId, model.step);
  }

  outputs(id: string): { modelId: string; step: number }[] {
    return (this.db.prepare('SELECT model_id, step FROM tracking_run_outputs WHERE run_id = ?').all(id) as { model_id: string; step: number }[]).map((row) => ({
      modelId: row.model_id,
      step: row.step,
    }));
  }

  childCount(id: string): number {
    return (this.db
      .prepare(`SELECT count(*) AS n FROM tracking_tags t JOIN tracking_runs r ON r.run_id = t.run_id
        WHERE t.key = ? AND t.value = ? AND r.lifecycle_stage = 'active'`)
      .get(PARENT_RUN_TAG, id) as { n: number }).n;
  }

  /** RUNNING runs carrying `tag` = `value`, with the process id they were tagged with, if any. */
  runningWithTag(tag: string, value: string, pidTag: string): { id: string; pid: number | null }[] {
    const rows = this.db
      .prepare(`SELECT r.run_id, p.value AS pid FROM tracking_runs r
        JOIN tracking_tags t ON t.run_id = r.run_id AND t.key = ? AND t.value = ?
        LEFT JOIN tracking_tags p ON p.run_id = r.run_id AND p.key = ?
        WHERE r.status = 'RUNNING'`)
      .all(tag, value, pidTag) as { run_id: string; pid: string | null }[];
    return rows.map((row) => ({ id: row.run_id, pid: row.pid !== null && /^\d+$/.test(row.pid) ? Number(row.pid) : null }));
  }
}
