import { WorkbenchError } from '../../../shared/contract';
import type { ExperimentRecord } from '../experiments';
import { parseFilter, parseOrderBy, type Vocabulary } from '../search-filter';
import { matches, sortBy, type Lookup } from '../search-memory';
import { keyValues, maxResults, optionalString, pageToken, readPageToken, requiredString, stringList, viewType, type Call, type Route } from './request';
import { experimentJson } from './shapes';

const EXPERIMENT_VOCABULARY: Vocabulary = {
  entities: ['attribute', 'tag'],
  attributes: { name: 'string', experiment_id: 'string', creation_time: 'number', last_update_time: 'number' },
};

const lookup =
  (experiment: ExperimentRecord): Lookup =>
  (entity, key) => {
    if (entity === 'tag') return experiment.tags[key];
    switch (key) {
      case 'name':
        return experiment.name;
      case 'experiment_id':
        return experiment.id;
      case 'creation_time':
        return experiment.creationTime;
      case 'last_update_time':
        return experiment.lastUpdateTime;
      default:
        return undefined;
    }
  };

function experimentIdOf(call: Call): string {
  return requiredString(call.input, 'experiment_id');
}

function search(call: Call): unknown {
  const { input } = call;
  const limit = maxResults(input, 1000, 50_000);
  const offset = readPageToken(input);
  const clauses = parseFilter(optionalString(input, 'filter') ?? '', EXPERIMENT_VOCABULARY);
  const order = stringList(input, 'order_by').map((term, index) => parseOrderBy(term, EXPERIMENT_VOCABULARY, `order_by[${index}]`));
  const found = call.store.experiments.list(viewType(input, 'view_type')).filter((experiment) => clauses.every((clause) => matches(clause, lookup(experiment))));
  const defaults = order.length > 0 ? order : [{ entity: 'attribute' as const, key: 'creation_time', ascending: false }];
  // MLflow breaks ties by experiment id, descending.
  sortBy(found, defaults, lookup, (a, b) => Number(b.id) - Number(a.id));
  const page = found.slice(offset, offset + limit);
  return {
    ...(page.length > 0 ? { experiments: page.map(experimentJson) } : {}),
    ...(offset + limit < found.length ? { next_page_token: pageToken(offset + limit) } : {}),
  };
}

export const experimentRoutes: Route[] = [
  {
    method: 'POST',
    path: 'experiments/create',
    // artifact_location is not honoured: a workspace keeps its artifacts in its own folder.
    handle: ({ input, store }) => ({ experiment_id: store.experiments.create(requiredString(input, 'name'), keyValues(input, 'tags')).id }),
  },
  { method: 'GET', path: 'experiments/get', handle: (call) => ({ experiment: experimentJson(call.store.experiments.get(experimentIdOf(call))) }) },
  {
    method: 'GET',
    path: 'experiments/get-by-name',
    handle: ({ input, store }) => {
      const name = requiredString(input, 'experiment_name');
      const found = store.experiments.byName(name);
      // Clients create the experiment on exactly this answer: 404 RESOURCE_DOES_NOT_EXIST.
      if (!found) throw new WorkbenchError('not_found', `Could not find experiment with name '${name}'.`, { name });
      return { experiment: experimentJson(found) };
    },
  },
  { method: 'POST', path: 'experiments/search', handle: search },
  { method: 'GET', path: 'experiments/search', handle: search },
  {
    method: 'POST',
    path: 'experiments/update',
    handle: (call) => {
      const name = optionalString(call.input, 'new_name');
      if (name !== undefined) call.store.experiments.rename(experimentIdOf(call), name);
      else call.store.experiments.get(experimentIdOf(call));
      return {};
    },
  },
  {
    method: 'POST',
    path: 'experiments/delete',
    handle: (call) => {
      call.store.experiments.setLifecycle(experimentIdOf(call), 'deleted');
      return {};
    },
  },
  {
    method: 'POST',
    path: 'experiments/restore',
    handle: (call) => {
      call.store.experiments.setLifecycle(experimentIdOf(call), 'active');
      return {};
    },
  },
  {
    method: 'POST',
    path: 'experiments/set-experiment-tag',
    handle: (call) => {
      call.store.experiments.setTag(experimentIdOf(call), requiredString(call.input, 'key'), requiredString(call.input, 'value'));
      return {};
    },
  },
  {
    method: 'POST',
    path: 'experiments/delete-experiment-tag',
    handle: (call) => {
      call.store.experiments.deleteTag(experimentIdOf(call), requiredString(call.input, 'key'));
      return {};
    },
  },
];
