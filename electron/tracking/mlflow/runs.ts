import { runStatuses, type RunStatus } from '../../../shared/contract';
import { DEFAULT_EXPERIMENT_ID } from '../experiments';
import { parseFilter, parseOrderBy } from '../search-filter';
import { invalid } from '../validation';
import {
  keyValues,
  maxResults,
  optionalInteger,
  optionalString,
  pageToken,
  readPageToken,
  runIdOf,
  stringList,
  viewType,
  type Call,
  type Input,
  type Route,
} from './request';
import { runInfoJson, runJson } from './shapes';

/** RunStatus by name, or by its proto number (RUNNING = 1 ... KILLED = 5). */
function statusOf(input: Input): RunStatus | undefined {
  const value = input.status;
  if (value === undefined || value === null || value === '') return undefined;
  const byNumber: Record<string, RunStatus> = { 1: 'RUNNING', 2: 'SCHEDULED', 3: 'FINISHED', 4: 'FAILED', 5: 'KILLED' };
  const name = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  const status = byNumber[name] ?? name;
  if (!(runStatuses as readonly string[]).includes(status)) throw invalid('status', `expected one of ${runStatuses.join(', ')}; got ${JSON.stringify(value)}.`);
  return status as RunStatus;
}

function create({ input, store }: Call): unknown {
  const experimentId = optionalString(input, 'experiment_id') ?? DEFAULT_EXPERIMENT_ID;
  const userId = optionalString(input, 'user_id');
  const run = store.createRun({
    experimentId,
    name: optionalString(input, 'run_name') ?? null,
    ...(userId === undefined ? {} : { userId }),
    status: 'RUNNING',
    startTime: optionalInteger(input, 'start_time') ?? Date.now(),
    tags: keyValues(input, 'tags'),
  });
  return { run: runJson(store.view(run.id)) };
}

function update({ input, store }: Call): unknown {
  const runId = runIdOf(input);
  store.runs.get(runId);
  const status = statusOf(input);
  const endTime = optionalInteger(input, 'end_time');
  const name = optionalString(input, 'run_name');
  const info = store.updateRun(runId, {
    ...(status === undefined ? {} : { status }),
    ...(endTime === undefined ? {} : { endTime }),
    ...(name === undefined || name === '' ? {} : { name }),
  });
  return { run_info: runInfoJson(info) };
}

function search({ input, store }: Call): unknown {
  const limit = maxResults(input, 1000, 50_000);
  const offset = readPageToken(input);
  const page = store.search({
    experimentIds: stringList(input, 'experiment_ids'),
    view: viewType(input, 'run_view_type'),
    clauses: parseFilter(optionalString(input, 'filter') ?? ''),
    order: stringList(input, 'order_by').map((term, index) => parseOrderBy(term, undefined, `order_by[${index}]`)),
    includeChildren: true,
    offset,
    limit,
  });
  return {
    ...(page.runs.length > 0 ? { runs: page.runs.map(runJson) } : {}),
    ...(offset + limit < page.total ? { next_page_token: pageToken(offset + limit) } : {}),
  };
}

export const runRoutes: Route[] = [
  { method: 'POST', path: 'runs/create', handle: create },
  { method: 'GET', path: 'runs/get', handle: ({ input, store }) => ({ run: runJson(store.view(runIdOf(input))) }) },
  { method: 'POST', path: 'runs/update', handle: update },
  {
    method: 'POST',
    path: 'runs/delete',
    handle: ({ input, store }) => {
      store.setRunLifecycle(runIdOf(input), 'deleted');
      return {};
    },
  },
  {
    method: 'POST',
    path: 'runs/restore',
    handle: ({ input, store }) => {
      store.setRunLifecycle(runIdOf(input), 'active');
      return {};
    },
  },
  { method: 'POST', path: 'runs/search', handle: search },
];
