import type { MetricRecord } from '../metrics';
import type { InputRecord } from '../runs';
import { checkInteger, checkKey, checkMetricValue, checkParamValue, checkTagValue, invalid, LIMITS } from '../validation';
import {
  keyValues,
  list,
  maxResults,
  pageToken,
  readPageToken,
  required,
  requiredString,
  runIdOf,
  type Call,
  type Input,
  type Route,
} from './request';
import { metricJson } from './shapes';

function metricOf(input: Input, field: string): MetricRecord {
  const key = checkKey(`${field}key`, required(input, 'key', `${field}key`));
  const value = checkMetricValue(`${field}value`, required(input, 'value', `${field}value`));
  const timestamp = checkInteger(`${field}timestamp`, required(input, 'timestamp', `${field}timestamp`));
  const step = input.step === undefined || input.step === null ? 0 : checkInteger(`${field}step`, input.step);
  return { key, value, timestamp, step };
}

/** log-batch's limits, checked before anything is written; each message names the field, as MLflow's do. */
function checkBatchLimits(input: Input): void {
  const counts = { metrics: list(input, 'metrics').length, params: list(input, 'params').length, tags: list(input, 'tags').length };
  const limits = { metrics: LIMITS.batchMetrics, params: LIMITS.batchParams, tags: LIMITS.batchTags };
  for (const name of ['metrics', 'params', 'tags'] as const) {
    if (counts[name] > limits[name]) {
      throw invalid(name, `A batch logging request can contain at most ${limits[name]} ${name}. Got ${counts[name]} ${name}. Please split up ${name} across multiple requests and try again.`);
    }
  }
  const total = counts.metrics + counts.params + counts.tags;
  if (total > LIMITS.batchTotal) {
    throw invalid('metrics', `A batch logging request can contain at most ${LIMITS.batchTotal} metrics, params and tags in total. Got ${total}. Please split up the request and try again.`);
  }
}

function logBatch({ input, store }: Call): unknown {
  const runId = runIdOf(input);
  checkBatchLimits(input);
  const metrics = list(input, 'metrics').map((item, index) => {
    if (typeof item !== 'object' || item === null) throw invalid(`metrics[${index}]`, 'expected an object with key, value, timestamp and step.');
    return metricOf(item as Input, `metrics[${index}].`);
  });
  const params = keyValues(input, 'params', true);
  const tags = keyValues(input, 'tags');
  for (const [key, value] of Object.entries(params)) checkParamValue(`params.${key}.value`, value);
  for (const [key, value] of Object.entries(tags)) checkTagValue(`tags.${key}.value`, value);
  store.logBatch(runId, { metrics, params, tags });
  return {};
}

function datasetInputs(input: Input): InputRecord[] {
  return list(input, 'datasets').map((item, index) => {
    const field = `datasets[${index}]`;
    const dataset = (item as { dataset?: unknown } | null)?.dataset;
    if (typeof dataset !== 'object' || dataset === null) throw invalid(`${field}.dataset`, "Missing value for required parameter 'dataset'.");
    const fields = dataset as Input;
    const text = (name: string): string => requiredString(fields, name, `${field}.dataset.${name}`);
    const optional = (name: string): string | null => {
      const value = fields[name];
      return typeof value === 'string' ? value : null;
    };
    const tags = keyValues(item as Input, 'tags');
    return {
      name: text('name'),
      digest: text('digest'),
      sourceType: text('source_type'),
      source: text('source'),
      schema: optional('schema'),
      profile: optional('profile'),
      context: tags['mlflow.data.context'] ?? '',
      tags,
    };
  });
}

function modelIds(input: Input, name: string): { modelId: string; step: number }[] {
  return list(input, name).map((item, index) => {
    const fields = (item ?? {}) as Input;
    const step = fields.step === undefined || fields.step === null ? 0 : checkInteger(`${name}[${index}].step`, fields.step);
    return { modelId: requiredString(fields, 'model_id', `${name}[${index}].model_id`), step };
  });
}

function metricHistory({ input, store }: Call): unknown {
  const runId = runIdOf(input);
  const key = requiredString(input, 'metric_key');
  store.runs.get(runId);
  // Without max_results MLflow answers the whole history at once.
  const limit = input.max_results === undefined ? -1 : maxResults(input, 25_000, 1_000_000);
  const offset = readPageToken(input);
  const page = store.metrics.history(runId, key, offset, limit < 0 ? -1 : limit + 1);
  const more = limit >= 0 && page.length > limit;
  const points = more ? page.slice(0, limit) : page;
  return {
    ...(points.length > 0 ? { metrics: points.map(metricJson) } : {}),
    ...(more ? { next_page_token: pageToken(offset + limit) } : {}),
  };
}

export const loggingRoutes: Route[] = [
  {
    method: 'POST',
    path: 'runs/log-metric',
    // model_id, dataset_name and dataset_digest (MLflow 3) are accepted and not kept.
    handle: ({ input, store }) => {
      store.logBatch(runIdOf(input), { metrics: [metricOf(input, '')] });
      return {};
    },
  },
  {
    method: 'POST',
    path: 'runs/log-parameter',
    handle: ({ input, store }) => {
      const key = checkKey('key', required(input, 'key'));
      store.logBatch(runIdOf(input), { params: { [key]: checkParamValue('value', input.value ?? required(input, 'value')) } });
      return {};
    },
  },
  {
    method: 'POST',
    path: 'runs/set-tag',
    handle: ({ input, store }) => {
      const key = checkKey('key', required(input, 'key'));
      store.logBatch(runIdOf(input), { tags: { [key]: checkTagValue('value', input.value ?? '') } });
      return {};
    },
  },
  {
    method: 'POST',
    path: 'runs/delete-tag',
    handle: ({ input, store }) => {
      store.deleteTag(runIdOf(input), requiredString(input, 'key'));
      return {};
    },
  },
  { method: 'POST', path: 'runs/log-batch', handle: logBatch, maxBodyBytes: LIMITS.batchBytes },
  {
    method: 'POST',
    path: 'runs/log-inputs',
    handle: ({ input, store }) => {
      store.logInputs(runIdOf(input), datasetInputs(input), modelIds(input, 'models').map((model) => model.modelId));
      return {};
    },
  },
  {
    method: 'POST',
    path: 'runs/outputs',
    handle: ({ input, store }) => {
      store.logOutputs(runIdOf(input), modelIds(input, 'models'));
      return {};
    },
  },
  { method: 'GET', path: 'metrics/get-history', handle: metricHistory },
];
