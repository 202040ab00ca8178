import type { ModelSlot } from './swap';

/**
 * The routes of a model server. `/invocations` scores with the first model;
 * every model also answers MLflow's protocol at `/models/{name}/invocations`
 * and the Open Inference Protocol v2 at `/v2/models/{name}[/versions/{v}]/...`.
 */
export type RouteKind =
  | 'ping'
  | 'version'
  | 'metrics'
  | 'invocations'
  | 'v2-server'
  | 'v2-live'
  | 'v2-ready'
  | 'v2-model'
  | 'v2-model-ready'
  | 'v2-infer'
  | 'not-found';

export interface Route {
  readonly kind: RouteKind;
  /** The path as a template, for metrics labels: `/v2/models/{name}/infer`. */
  readonly template: string;
  readonly method: 'GET' | 'POST';
  /** The model a model route names, when this server has it. */
  readonly slot: ModelSlot | null;
  /** A model route's name as given (for the 404 when there is no such model). */
  readonly modelName: string | null;
  /** `/versions/{v}` when given. */
  readonly version: string | null;
  /** Health checks answer without the token: they tell nothing about the models. */
  readonly open: boolean;
}

const fixed = (kind: RouteKind, template: string, method: 'GET' | 'POST' = 'GET', open = false, slot: ModelSlot | null = null): Route => ({
  kind,
  template,
  method,
  slot,
  modelName: slot?.name ?? null,
  version: null,
  open,
});

export const NOT_FOUND: Route = fixed('not-found', '(unknown)');

export interface Router {
  route(path: string): Route;
}

export function createRoutes(slots: readonly ModelSlot[]): Router {
  const byName = new Map(slots.map((slot) => [slot.name, slot]));
  const first = slots[0] ?? null;
  const table = new Map<string, Route>([
    ['/ping', fixed('ping', '/ping', 'GET', true)],
    ['/health', fixed('ping', '/health', 'GET', true)],
    ['/version', fixed('version', '/version')],
    ['/metrics', fixed('metrics', '/metrics')],
    ['/invocations', fixed('invocations', '/invocations', 'POST', false, first)],
    ['/v2', fixed('v2-server', '/v2')],
    ['/v2/health/live', fixed('v2-live', '/v2/health/live', 'GET', true)],
    ['/v2/health/ready', fixed('v2-ready', '/v2/health/ready', 'GET', true)],
  ]);
  // Model routes are built once per model and version-less path, so the hot path allocates nothing.
  const modelRoutes = new Map<string, Route>();
  const modelRoute = (kind: RouteKind, template: string, method: 'GET' | 'POST', name: string, version: string | null): Route => {
    const key = `${kind}\u0000${name}\u0000${version ?? ''}`;
    let route = modelRoutes.get(key);
    if (!route) {
      route = { kind, template, method, slot: byName.get(name) ?? null, modelName: name, version, open: false };
      if (route.slot || modelRoutes.size < 1000) modelRoutes.set(key, route);
    }
    return route;
  };

  return {
    route(path) {
      const known = table.get(path);
      if (known) return known;
      const parts = path.split('/');
      // ['', 'models', name, 'invocations']
      if (parts[1] === 'models' && parts.length === 4 && parts[3] === 'invocations') {
        return modelRoute('invocations', '/models/{name}/invocations', 'POST', decode(parts[2] as string), null);
      }
      if (parts[1] !== 'v2' || parts[2] !== 'models' || parts.length < 4) return NOT_FOUND;
      const name = decode(parts[3] as string);
      let rest = parts.slice(4);
      let version: string | null = null;
      if (rest[0] === 'versions' && rest.length >= 2) {
        version = decode(rest[1] as string);
        rest = rest.slice(2);
      }
      const base = version === null ? '/v2/models/{name}' : '/v2/models/{name}/versions/{version}';
      if (rest.length === 0) return modelRoute('v2-model', base, 'GET', name, version);
      if (rest.length === 1 && rest[0] === 'ready') return modelRoute('v2-model-ready', `${base}/ready`, 'GET', name, version);
      if (rest.length === 1 && rest[0] === 'infer') return modelRoute('v2-infer', `${base}/infer`, 'POST', name, version);
      return NOT_FOUND;
    },
  };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
