import { PUSH_EXPERIMENT, WorkbenchError } from '../../../shared/contract';

export { PUSH_EXPERIMENT };

/**
 * The `run_link` of a pushed version: the local run by id, as
 * `workbench://runs/<id>`. The local tracking URL would name a port that
 * changes at every start and a host nobody else can reach; the id is what a
 * colleague can ask for.
 */
export function pushRunLink(runId: string): string {
  return `workbench://runs/${encodeURIComponent(runId)}`;
}

/** The parts of MLflow's Run (service.proto) that a push reads. */
export interface MlflowRun {
  info: { run_id: string; experiment_id: string; artifact_uri: string; status?: string };
}

/** MLflow's ModelVersion (model_registry.proto), as its REST API answers it. */
export interface MlflowVersion {
  name: string;
  version: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  current_stage?: string;
  description?: string;
  source?: string;
  run_id?: string;
  run_link?: string;
  status?: string;
  status_message?: string;
  tags?: { key: string; value: string }[];
  aliases?: string[];
}

/** MLflow's RegisteredModel. */
export interface MlflowModel {
  name: string;
  description?: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  latest_versions?: MlflowVersion[];
  tags?: { key: string; value: string }[];
  aliases?: { alias: string; version: string }[];
}

/**
 * The path below `/api/2.0/mlflow-artifacts/artifacts/` that an
 * `mlflow-artifacts:` URI names (`mlflow-artifacts:/1/<run>/artifacts` →
 * `1/<run>/artifacts`; the `mlflow-artifacts://host/...` form too, through the
 * server we talk to). Anything else (s3://, file:/, dbfs:/) is where the server
 * does not proxy artifacts, so the workbench cannot reach it.
 */
export function artifactPathOf(uri: string, server: string): string {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(uri);
  if (!match) {
    throw new WorkbenchError(
      'registry_rejected',
      `MLflow at ${server} keeps this model's files at ${uri}, outside its artifact proxy: the workbench moves files only through mlflow-artifacts (start the server with --serve-artifacts, MLflow's default since 2.0).`,
      { uri },
    );
  }
  const path = (match[1] ?? '').replace(/\/+$/, '');
  if (path.split('/').some((part) => part === '..' || part === '.')) {
    throw new WorkbenchError('registry_rejected', `MLflow at ${server} answered an artifact location with "..": ${uri}`, { uri });
  }
  return path;
}
