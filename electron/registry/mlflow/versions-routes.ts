import { pathToFileURL } from 'node:url';
import type { MlflowInput, MlflowRoute, TrackingService } from '../../tracking';
import type { VersionRecord } from '../rows';
import type { LocalRegistry } from '../types';
import { parseFilter, parseOrderBy, passes } from './filter';
import { invalid, nameOf, optionalString, page, requiredString, stringList, tagKey, tagList, tagValue, versionOf } from './input';
import { modelVersionJson } from './shapes';
import { sourceFolder } from './sources';

const VERSION_ATTRIBUTES = ['name', 'run_id', 'source_path', 'version_number', 'current_stage'] as const;
const VERSION_ORDER_KEYS = ['name', 'version_number', 'creation_timestamp', 'last_updated_timestamp', 'timestamp'] as const;
/** MLflow's default order: most recently updated first, then by name, then newest version. */
const DEFAULT_ORDER = [
  { key: 'last_updated_timestamp', descending: true },
  { key: 'name', descending: false },
  { key: 'version_number', descending: true },
];

function attribute(version: VersionRecord, key: string): string | number | undefined {
  const values: Record<string, string | number | null> = {
    name: version.name,
    run_id: version.lineage.runId,
    source_path: version.source,
    version_number: version.version,
    current_stage: version.stage,
    creation_timestamp: version.createdAt,
    last_updated_timestamp: version.updatedAt,
  };
  return values[key] ?? undefined;
}

function search(registry: LocalRegistry, input: MlflowInput): unknown {
  const clauses = parseFilter(optionalString(input, 'filter'), VERSION_ATTRIBUTES);
  const order = [...parseOrderBy(stringList(input, 'order_by'), VERSION_ORDER_KEYS), ...DEFAULT_ORDER];
  const { store } = registry.context();
  const versions = store.allVersions().filter((version) => passes(clauses, (key, tag) => (tag ? version.tags[key] : attribute(version, key))));
  versions.sort((a, b) => {
    for (const term of order) {
      const [x, y] = [attribute(a, term.key) ?? '', attribute(b, term.key) ?? ''];
      if (x !== y) return (x < y ? -1 : 1) * (term.descending ? -1 : 1);
    }
    return 0;
  });
  const { items, next } = page(versions, input, 10_000, 200_000);
  return { model_versions: items.map(modelVersionJson), ...(next ? { next_page_token: next } : {}) };
}

async function create(registry: LocalRegistry, tracking: TrackingService, input: MlflowInput): Promise<unknown> {
  const name = nameOf(input);
  const source = requiredString(input, 'source');
  registry.model(name); // MLflow wants the registered model made first: RESOURCE_DOES_NOT_EXIST otherwise.
  const located = sourceFolder(tracking, source);
  const runId = optionalString(input, 'run_id') ?? optionalString(input, 'run_uuid') ?? located.runId;
  const runLink = optionalString(input, 'run_link');
  const version = await registry.addVersion({
    name,
    packageDir: located.dir,
    source,
    description: optionalString(input, 'description') ?? '',
    tags: tagList(input),
    createModel: false,
    ...(runId ? { runId } : {}),
    ...(runLink ? { runLink } : {}),
  });
  return { model_version: modelVersionJson(version) };
}

/**
 * Where a client downloads a version from: a version registered from a run
 * of this workbench, through the artifact proxy (`mlflow-artifacts:/`, which
 * works from any machine); any other, its package folder (`file://`, for
 * clients on this machine).
 */
function downloadUri(registry: LocalRegistry, tracking: TrackingService, name: string, version: number): string {
  const record = registry.version(name, version);
  const runSource = /^runs:\/([^/]+)\/(.+)$/.exec(record.source);
  if (runSource?.[1] && runSource[2]) {
    const run = tracking.run(runSource[1]);
    if (run.artifactUri.startsWith('mlflow-artifacts:')) return `${run.artifactUri}/${runSource[2]}`;
  }
  if (record.source.startsWith('mlflow-artifacts:')) return record.source;
  return pathToFileURL(registry.resolve(`models:/${name}/${version}`).packageDir).href;
}

/** `model-versions/*`: versions, their tags, downloads; stages are refused (deprecated: use aliases). */
export function modelVersionRoutes(registry: () => LocalRegistry, tracking: () => TrackingService): MlflowRoute[] {
  return [
    { method: 'POST', path: 'model-versions/create', handle: ({ input }) => create(registry(), tracking(), input) },
    { method: 'GET', path: 'model-versions/get', handle: ({ input }) => ({ model_version: modelVersionJson(registry().version(nameOf(input), versionOf(input))) }) },
    { method: 'GET', path: 'model-versions/search', handle: ({ input }) => search(registry(), input) },
    {
      method: 'PATCH',
      path: 'model-versions/update',
      handle: ({ input }) => ({ model_version: modelVersionJson(registry().updateVersion({ name: nameOf(input), version: versionOf(input), description: optionalString(input, 'description') })) }),
    },
    {
      method: 'DELETE',
      path: 'model-versions/delete',
      handle: ({ input }) => {
        registry().deleteVersion(nameOf(input), versionOf(input));
        return {};
      },
    },
    {
      method: 'POST',
      path: 'model-versions/set-tag',
      handle: ({ input }) => {
        registry().updateVersion({ name: nameOf(input), version: versionOf(input), tags: { [tagKey(input)]: tagValue(input) } });
        return {};
      },
    },
    {
      method: 'DELETE',
      path: 'model-versions/delete-tag',
      handle: ({ input }) => {
        registry().updateVersion({ name: nameOf(input), version: versionOf(input), tags: { [tagKey(input)]: null } });
        return {};
      },
    },
    {
      method: 'GET',
      path: 'model-versions/get-download-uri',
      handle: ({ input }) => ({ artifact_uri: downloadUri(registry(), tracking(), nameOf(input), versionOf(input)) }),
    },
    {
      method: 'POST',
      path: 'model-versions/transition-stage',
      handle: ({ input }) => {
        registry().version(nameOf(input), versionOf(input));
        throw invalid(
          'stage',
          `Model stages are deprecated (MLflow 2.9) and this registry keeps them read-only: instead of moving version ${requiredString(input, 'version')} to "${requiredString(input, 'stage')}", set an alias (POST registered-models/alias, e.g. "champion").`,
        );
      },
    },
  ];
}
