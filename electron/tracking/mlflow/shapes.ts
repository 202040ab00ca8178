/**
 * Records as MLflow's protos serialise them to JSON (service.proto): snake_case
 * names, int64 times as numbers, NaN and infinities as "NaN" / "Infinity",
 * and, as protobuf does, unset fields and empty lists left out.
 */
import type { ArtifactEntry } from '../../../shared/contract';
import type { ExperimentRecord } from '../experiments';
import type { MetricRecord } from '../metrics';
import type { LoggedModelRecord } from '../models';
import type { RunInfo } from '../runs';
import type { RunView } from '../store';

type Json = Record<string, unknown>;

const keyValueList = (record: Record<string, string>): { key: string; value: string }[] =>
  Object.entries(record)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => ({ key, value }));

/** Leaves out empty lists, as protobuf's JSON does. */
function withLists(target: Json, lists: Record<string, unknown[]>): Json {
  for (const [name, items] of Object.entries(lists)) if (items.length > 0) target[name] = items;
  return target;
}

export function doubleJson(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

export function experimentJson(experiment: ExperimentRecord): Json {
  return withLists(
    {
      experiment_id: experiment.id,
      name: experiment.name,
      artifact_location: experiment.artifactLocation,
      lifecycle_stage: experiment.lifecycleStage,
      last_update_time: experiment.lastUpdateTime,
      creation_time: experiment.creationTime,
    },
    { tags: keyValueList(experiment.tags) },
  );
}

export function runInfoJson(info: RunInfo): Json {
  return {
    run_id: info.id,
    run_uuid: info.id,
    run_name: info.name,
    experiment_id: info.experimentId,
    user_id: info.userId,
    status: info.status,
    start_time: info.startTime,
    ...(info.endTime === null ? {} : { end_time: info.endTime }),
    artifact_uri: info.artifactUri,
    lifecycle_stage: info.lifecycleStage,
  };
}

export function metricJson(metric: MetricRecord): Json {
  return { key: metric.key, value: doubleJson(metric.value), timestamp: metric.timestamp, step: metric.step };
}

export function runJson(view: RunView): Json {
  const run: Json = {
    info: runInfoJson(view.info),
    data: withLists({}, { metrics: view.metrics.map(metricJson), params: keyValueList(view.params), tags: keyValueList(view.tags) }),
    inputs: withLists(
      {},
      {
        dataset_inputs: view.inputs.map((input) => ({
          ...withLists({}, { tags: keyValueList(input.tags) }),
          dataset: {
            name: input.name,
            digest: input.digest,
            source_type: input.sourceType,
            source: input.source,
            ...(input.schema === null ? {} : { schema: input.schema }),
            ...(input.profile === null ? {} : { profile: input.profile }),
          },
        })),
      },
    ),
  };
  if (view.outputs.length > 0) run.outputs = { model_outputs: view.outputs.map((output) => ({ model_id: output.modelId, step: output.step })) };
  return run;
}

export function loggedModelJson(model: LoggedModelRecord): Json {
  const info: Json = {
    model_id: model.id,
    experiment_id: model.experimentId,
    name: model.name,
    creation_timestamp_ms: model.creationTime,
    last_updated_timestamp_ms: model.lastUpdateTime,
    artifact_uri: model.artifactUri,
    status: model.status,
    ...(model.modelType === null ? {} : { model_type: model.modelType }),
    ...(model.sourceRunId === null ? {} : { source_run_id: model.sourceRunId }),
    ...(model.statusMessage === null ? {} : { status_message: model.statusMessage }),
  };
  return { info: withLists(info, { tags: keyValueList(model.tags) }), data: withLists({}, { params: keyValueList(model.params) }) };
}

export function fileInfoJson(entry: ArtifactEntry): Json {
  return { path: entry.path, is_dir: entry.isDir, ...(entry.size === null ? {} : { file_size: entry.size }) };
}
