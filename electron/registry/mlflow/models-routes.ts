import type { MlflowInput, MlflowRoute } from '../../tracking';
import type { LocalRegistry } from '../types';
import { parseFilter, parseOrderBy, passes } from './filter';
import { aliasOf, nameOf, optionalString, page, stringList, tagKey, tagList, tagValue, versionOf } from './input';
import { latestPerStage, modelVersionJson, registeredModelJson } from './shapes';

const MODEL_ATTRIBUTES = ['name'] as const;
const MODEL_ORDER_KEYS = ['name', 'last_updated_timestamp', 'timestamp', 'creation_timestamp'] as const;

export function modelJson(registry: LocalRegistry, name: string): Record<string, unknown> {
  const { model, versions } = registry.model(name);
  return registeredModelJson(model, versions);
}

function search(registry: LocalRegistry, input: MlflowInput): unknown {
  const clauses = parseFilter(optionalString(input, 'filter'), MODEL_ATTRIBUTES);
  const order = parseOrderBy(stringList(input, 'order_by'), MODEL_ORDER_KEYS);
  const models = registry
    .models('')
    .filter((model) => passes(clauses, (key, tag) => (tag ? model.tags[key] : model.name)))
    .map((model) => {
      const sortable: Record<string, string | number> = { name: model.name, last_updated_timestamp: model.updatedAt, creation_timestamp: model.createdAt };
      return { model, sortable };
    });
  models.sort((a, b) => {
    for (const term of [...order, { key: 'name', descending: false }]) {
      const [x, y] = [a.sortable[term.key] ?? '', b.sortable[term.key] ?? ''];
      if (x !== y) return (x < y ? -1 : 1) * (term.descending ? -1 : 1);
    }
    return 0;
  });
  const { items, next } = page(models, input, 100, 1000);
  return { registered_models: items.map(({ model }) => modelJson(registry, model.name)), ...(next ? { next_page_token: next } : {}) };
}

/** `registered-models/*`: MLflow's registered models, their tags and aliases. */
export function registeredModelRoutes(registry: () => LocalRegistry): MlflowRoute[] {
  return [
    {
      method: 'POST',
      path: 'registered-models/create',
      handle: ({ input }) => {
        const model = registry().createModel(nameOf(input), optionalString(input, 'description') ?? '', tagList(input));
        return { registered_model: modelJson(registry(), model.name) };
      },
    },
    { method: 'GET', path: 'registered-models/get', handle: ({ input }) => ({ registered_model: modelJson(registry(), nameOf(input)) }) },
    { method: 'GET', path: 'registered-models/search', handle: ({ input }) => search(registry(), input) },
    {
      method: 'PATCH',
      path: 'registered-models/update',
      handle: ({ input }) => {
        const name = nameOf(input);
        registry().updateModel({ name, description: optionalString(input, 'description') });
        return { registered_model: modelJson(registry(), name) };
      },
    },
    {
      method: 'POST',
      path: 'registered-models/rename',
      handle: ({ input }) => {
        const model = registry().renameModel(nameOf(input), nameOf(input, 'new_name'));
        return { registered_model: modelJson(registry(), model.name) };
      },
    },
    {
      method: 'DELETE',
      path: 'registered-models/delete',
      handle: ({ input }) => {
        registry().deleteModel(nameOf(input));
        return {};
      },
    },
    {
      method: 'POST',
      path: 'registered-models/set-tag',
      handle: ({ input }) => {
        registry().updateModel({ name: nameOf(input), tags: { [tagKey(input)]: tagValue(input) } });
        return {};
      },
    },
    {
      method: 'DELETE',
      path: 'registered-models/delete-tag',
      handle: ({ input }) => {
        // As MLflow's store: removing a tag that is not there is no error.
        registry().updateModel({ name: nameOf(input), tags: { [tagKey(input)]: null } });
        return {};
      },
    },
    {
      method: 'POST',
      path: 'registered-models/alias',
      handle: ({ input }) => {
        registry().setAlias(nameOf(input), aliasOf(input), versionOf(input));
        return {};
      },
    },
    {
      method: 'DELETE',
      path: 'registered-models/alias',
      handle: ({ input }) => {
        registry().deleteAlias(nameOf(input), aliasOf(input));
        return {};
      },
    },
    {
      method: 'GET',
      path: 'registered-models/alias',
      handle: ({ input }) => {
        const name = nameOf(input);
        const resolved = registry().aliasVersion(name, aliasOf(input));
        return { model_version: modelVersionJson(registry().version(name, resolved)) };
      },
    },
    ...(['POST', 'GET'] as const).map(
      (method): MlflowRoute => ({
        method,
        path: 'registered-models/get-latest-versions',
        handle: ({ input }) => ({ model_versions: latestPerStage(registry().model(nameOf(input)).versions, stringList(input, 'stages')).map(modelVersionJson) }),
      }),
    ),
  ];
}
