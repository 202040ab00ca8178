import { MODEL_STATUSES, type LoggedModelRecord, type ModelStatus } from '../models';
import { randomRunName } from '../names';
import { parseFilter, type OrderTerm, type Vocabulary } from '../search-filter';
import { matches, sortBy, type Lookup } from '../search-memory';
import { invalid } from '../validation';
import { keyValues, list, maxResults, optionalString, pageToken, readPageToken, requiredString, stringList, type Call, type Input, type Route } from './request';
import { loggedModelJson } from './shapes';

/**
 * MLflow 3's logged models, as `log_model` uses them: create (PENDING, with an
 * artifact_uri under `mlflow-artifacts:/<experiment>/models/<id>/artifacts`),
 * upload the files there, then PATCH the status to LOGGED_MODEL_READY.
 */
const MODEL_VOCABULARY: Vocabulary = {
  entities: ['attribute', 'tag', 'param'],
  attributes: { name: 'string', model_id: 'string', source_run_id: 'string', status: 'string', model_type: 'string', creation_timestamp: 'number', last_updated_timestamp: 'number' },
  aliases: { creation_time: 'creation_timestamp', creation_timestamp_ms: 'creation_timestamp', last_updated_timestamp_ms: 'last_updated_timestamp', run_id: 'source_run_id' },
};

const lookup =
  (model: LoggedModelRecord): Lookup =>
  (entity, key) => {
    if (entity === 'tag') return model.tags[key];
    if (entity === 'param') return model.params[key];
    const attributes: Record<string, string | number | null> = {
      name: model.name,
      model_id: model.id,
      source_run_id: model.sourceRunId,
      status: model.status,
      model_type: model.modelType,
      creation_timestamp: model.creationTime,
      last_updated_timestamp: model.lastUpdateTime,
    };
    return attributes[key] ?? undefined;
  };

function statusOf(input: Input): ModelStatus {
  const value = input.status;
  const byNumber: Record<string, ModelStatus> = { 1: 'LOGGED_MODEL_PENDING', 2: 'LOGGED_MODEL_READY', 3: 'LOGGED_MODEL_UPLOAD_FAILED' };
  const status = byNumber[String(value)] ?? value;
  if (typeof status !== 'string' || !(MODEL_STATUSES as readonly string[]).includes(status)) {
    throw invalid('status', `expected one of ${MODEL_STATUSES.join(', ')}; got ${JSON.stringify(value) ?? 'nothing'}.`);
  }
  return status as ModelStatus;
}

function create({ input, store }: Call): unknown {
  const experimentId = requiredString(input, 'experiment_id');
  const sourceRunId = optionalString(input, 'source_run_id') ?? null;
  const model = store.write(() => {
    store.experiments.requireActive(experimentId);
    if (sourceRunId !== null) store.runs.get(sourceRunId);
    return store.models.create({
      experimentId,
      name: optionalString(input, 'name') || randomRunName(),
      modelType: optionalString(input, 'model_type') ?? null,
      sourceRunId,
      tags: keyValues(input, 'tags'),
      params: keyValues(input, 'params', true),
    });
  });
  return { model: loggedModelJson(model) };
}

/** order_by here is a list of {field_name, ascending}, not strings. */
function orderTerms(input: Input): OrderTerm[] {
  return list(input, 'order_by').map((item, index) => {
    const { field_name: field, ascending } = (item ?? {}) as { field_name?: unknown; ascending?: unknown };
    if (typeof field !== 'string' || field === '') throw invalid(`order_by[${index}].field_name`, "Missing value for required parameter 'field_name'.");
    const [prefix, ...rest] = field.split('.');
    const entity = prefix === 'tags' ? 'tag' : prefix === 'params' ? 'param' : prefix === 'metrics' ? 'metric' : 'attribute';
    const key = entity === 'attribute' ? (MODEL_VOCABULARY.aliases?.[field] ?? field) : rest.join('.');
    return { entity, key, ascending: ascending !== false };
  });
}

function search({ input, store }: Call): unknown {
  const limit = maxResults(input, 50, 1000);
  const offset = readPageToken(input);
  const clauses = parseFilter(optionalString(input, 'filter') ?? '', MODEL_VOCABULARY);
  const found = store.models.inExperiments(stringList(input, 'experiment_ids')).filter((model) => clauses.every((clause) => matches(clause, lookup(model))));
  sortBy(found, orderTerms(input), lookup, (a, b) => b.creationTime - a.creationTime || (a.id < b.id ? -1 : 1));
  const page = found.slice(offset, offset + limit);
  return {
    ...(page.length > 0 ? { models: page.map(loggedModelJson) } : {}),
    ...(offset + limit < found.length ? { next_page_token: pageToken(offset + limit) } : {}),
  };
}

export const modelRoutes: Route[] = [
  { method: 'POST', path: 'logged-models', handle: create },
  { method: 'POST', path: 'logged-models/search', handle: search },
  { method: 'GET', path: 'logged-models/:model_id', handle: ({ params, store }) => ({ model: loggedModelJson(store.models.get(params.model_id ?? '')) }) },
  {
    method: 'PATCH',
    path: 'logged-models/:model_id',
    handle: ({ params, input, store }) => ({ model: loggedModelJson(store.write(() => store.models.finalize(params.model_id ?? '', statusOf(input)))) }),
  },
  {
    method: 'DELETE',
    path: 'logged-models/:model_id',
    handle: ({ params, store }) => {
      store.write(() => store.models.delete(params.model_id ?? ''));
      return {};
    },
  },
  {
    method: 'PATCH',
    path: 'logged-models/:model_id/tags',
    handle: ({ params, input, store }) => {
      const id = params.model_id ?? '';
      const model = store.write(() => {
        store.models.get(id);
        store.models.setTags(id, keyValues(input, 'tags'));
        return store.models.get(id);
      });
      return { model: loggedModelJson(model) };
    },
  },
  {
    method: 'DELETE',
    path: 'logged-models/:model_id/tags/:tag_key',
    handle: ({ params, store }) => {
      store.write(() => store.models.deleteTag(params.model_id ?? '', params.tag_key ?? ''));
      return {};
    },
  },
  {
    method: 'POST',
    path: 'logged-models/:model_id/params',
    handle: ({ params, input, store }) => {
      const id = params.model_id ?? '';
      store.write(() => {
        store.models.get(id);
        store.models.logParams(id, keyValues(input, 'params', true));
      });
      return {};
    },
  },
];
