import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchRunsInput, WorkbenchError, type SearchRunsInput } from '../../shared/contract';
import { parseFilter } from './search-filter';
import { searchKeys } from './search-sql';
import { openTracking, type OpenTracking } from './testing/open';

/** The runs, as plain data: every expectation below is computed from this table, not from the store. */
const BASE = 1_700_000_000_000;
const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'];
const STATUSES = ['FINISHED', 'FAILED', 'RUNNING', 'KILLED'] as const;
const specs = Array.from({ length: 40 }, (_, i) => ({
  name: i % 5 === 0 ? `baseline-${i}` : `trial-${i}`,
  optimizer: OPTIMIZERS[i % 3] ?? 'adam',
  lr: ['0.1', '0.01', '0.001', '0.0001'][i % 4] ?? '0.1',
  kind: i % 4 === 0 ? 'Trial' : i % 4 === 1 ? 'trial' : 'base',
  auc: i % 7 === 3 ? undefined : 0.5 + ((i * 37) % 50) / 100,
  loss: 2 - i / 20,
  status: STATUSES[i % 4] ?? 'FINISHED',
  startTime: BASE + ((i * 13) % 40) * 1000,
  training: i % 2 === 0,
}));
type Spec = (typeof specs)[number];

describe('searchRuns: MLflow filters and order_by, as SQL', () => {
  let open: OpenTracking;
  let experimentId: string;
  const idOf = new Map<string, string>();

  beforeAll(() => {
    open = openTracking();
    const { tracking } = open;
    experimentId = tracking.createExperiment('search').id;
    tracking.createRun({ experimentId: '0', name: 'elsewhere', status: 'RUNNING' });
    for (const spec of specs) {
      const run = tracking.createRun({ experimentId, name: spec.name, status: 'RUNNING', startTime: spec.startTime, tags: { kind: spec.kind } });
      idOf.set(spec.name, run.id);
      tracking.logParams(run.id, { optimizer: spec.optimizer, 'learning rate': spec.lr });
      tracking.logMetrics(run.id, [
        { key: 'loss', value: spec.loss + 1, step: 0, timestamp: spec.startTime },
        { key: 'loss', value: spec.loss, step: 1, timestamp: spec.startTime + 1 },
        ...(spec.auc === undefined ? [] : [{ key: 'auc', value: spec.auc, step: 1, timestamp: spec.startTime + 1 }]),
      ]);
      if (spec.training) tracking.logInputs(run.id, [{ name: 'churn', digest: 'd1', source: '/data/churn.csv', context: 'training' }]);
      if (spec.status !== 'RUNNING') tracking.setStatus(run.id, spec.status, spec.startTime + 5000);
    }
  });
  afterAll(() => open.close());

  const search = (input: SearchRunsInput) => open.tracking.searchRuns(searchRunsInput.parse({ experimentIds: [experimentId], limit: 1000, ...input }));
  const names = (filter: string): string[] => search({ filter }).runs.map((run) => run.name).sort();
  const expected = (keep: (spec: Spec) => boolean): string[] => specs.filter(keep).map((spec) => spec.name).sort();
  const refused = (filter: string): string => {
    try {
      search({ filter });
    } catch (error) {
      if (error instanceof WorkbenchError) return `${error.code}: ${error.message}`;
      throw error;
    }
    throw new Error(`"${filter}" was accepted`);
  };

  it.each([
    ['metrics.auc > 0.8', (s: Spec) => s.auc !== undefined && s.auc > 0.8],
    ['metrics.auc <= 0.6', (s: Spec) => s.auc !== undefined && s.auc <= 0.6],
    ['metrics.loss != 1', (s: Spec) => s.loss !== 1],
    ['metrics.loss >= 1.5 and metrics.auc < 0.7', (s: Spec) => s.loss >= 1.5 && s.auc !== undefined && s.auc < 0.7],
    ["params.optimizer = 'adam'", (s: Spec) => s.optimizer === 'adam'],
    ['params.optimizer = "sgd"', (s: Spec) => s.optimizer === 'sgd'],
    ["params.optimizer != 'adam'", (s: Spec) => s.optimizer !== 'adam'],
    ["params.optimizer IN ('adam', 'rmsprop')", (s: Spec) => s.optimizer === 'adam' || s.optimizer === 'rmsprop'],
    ["params.optimizer NOT IN ('adam')", (s: Spec) => s.optimizer !== 'adam'],
    ["params.`learning rate` = '0.01'", (s: Spec) => s.lr === '0.01'],
    ['params."learning rate" < 0.005', (s: Spec) => Number(s.lr) < 0.005],
    ["tags.kind LIKE 'tri%'", (s: Spec) => s.kind === 'trial'],
    ["tags.kind ILIKE 'TRI%'", (s: Spec) => s.kind === 'trial' || s.kind === 'Trial'],
    ["tags.kind LIKE '_ase'", (s: Spec) => s.kind === 'base'],
    ["attributes.status = 'FINISHED'", (s: Spec) => s.status === 'FINISHED'],
    ["attributes.status IN ('FAILED', 'KILLED')", (s: Spec) => s.status === 'FAILED' || s.status === 'KILLED'],
    ["status != 'RUNNING'", (s: Spec) => s.status !== 'RUNNING'],
    ["attributes.run_name LIKE 'baseline-%'", (s: Spec) => s.name.startsWith('baseline-')],
    [`attributes.start_time >= ${BASE + 30_000}`, (s: Spec) => s.startTime >= BASE + 30_000],
    ['attributes.end_time IS NULL', (s: Spec) => s.status === 'RUNNING'],
    ["datasets.context = 'training'", (s: Spec) => s.training],
    ['metrics.auc IS NULL', (s: Spec) => s.auc === undefined],
    ["params.optimizer = 'sgd' AND tags.kind = 'base' and metrics.loss < 1.5", (s: Spec) => s.optimizer === 'sgd' && s.kind === 'base' && s.loss < 1.5],
  ])('%s', (filter, keep) => {
    const want = expected(keep);
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(specs.length);
    expect(names(filter)).toEqual(want);
  });

  it('finds runs by id with run_id IN, and by an escaped quote', () => {
    const ids = [idOf.get('trial-1'), idOf.get('trial-2')];
    expect(names(`attributes.run_id IN ('${ids.join("', '")}')`)).toEqual(['trial-1', 'trial-2']);
    open.tracking.setTag(idOf.get('trial-3') ?? '', 'note', "it's fine");
    expect(names("tags.note = 'it''s fine'")).toEqual(['trial-3']);
    open.tracking.store().deleteTag(idOf.get('trial-3') ?? '', 'note');
  });

  it('refuses what MLflow refuses, naming the problem', () => {
    expect(refused("metrics.auc > 0.8 OR params.optimizer = 'adam'")).toMatch(/^invalid_input: filter: OR is not supported/);
    expect(refused("metrics.auc = 'high'")).toMatch(/metrics\.auc is a number/);
    expect(refused('params.optimizer LIKE 3')).toMatch(/needs a quoted pattern/);
    expect(refused("attributes.colour = 'red'")).toMatch(/"colour" is not a searchable attribute/);
    expect(refused('metrics.auc >')).toMatch(/expected a quoted string or a number at character 14/);
    expect(refused("tags.kind = 'unterminated")).toMatch(/expected a closing '/);
    expect(refused("attributes.status = 'FINISHED' extra")).toMatch(/expected AND or the end of the filter/);
  });

  it('orders by a metric with missing values last, either way', () => {
    const withAuc = specs.filter((s) => s.auc !== undefined);
    const missing = specs.filter((s) => s.auc === undefined).map((s) => s.name);
    const desc = search({ orderBy: ['metrics.auc DESC'] }).runs;
    expect(desc.slice(0, withAuc.length).map((run) => run.metrics.auc)).toEqual(withAuc.map((s) => s.auc).sort((a, b) => (b ?? 0) - (a ?? 0)));
    expect(desc.slice(withAuc.length).map((run) => run.name).sort()).toEqual([...missing].sort());
    const asc = search({ orderBy: ['metrics.auc ASC'] }).runs;
    expect(asc.slice(0, withAuc.length).map((run) => run.metrics.auc)).toEqual(withAuc.map((s) => s.auc).sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  it('orders by attributes and params, breaking ties by start time (newest first)', () => {
    const byStart = [...specs].sort((a, b) => a.startTime - b.startTime).map((s) => s.name);
    expect(search({ orderBy: ['attributes.start_time'] }).runs.map((run) => run.name)).toEqual(byStart);
    expect(search({}).runs.map((run) => run.name)).toEqual([...byStart].reverse());
    const byParam = [...specs].sort((a, b) => (a.optimizer < b.optimizer ? -1 : a.optimizer > b.optimizer ? 1 : b.startTime - a.startTime)).map((s) => s.name);
    expect(search({ orderBy: ['params.optimizer'] }).runs.map((run) => run.name)).toEqual(byParam);
    const byStatusThenName = [...specs].sort((a, b) => (a.status < b.status ? 1 : a.status > b.status ? -1 : a.name < b.name ? -1 : 1)).map((s) => s.name);
    expect(search({ orderBy: ['status DESC', 'attributes.run_name ASC'] }).runs.map((run) => run.name)).toEqual(byStatusThenName);
  });

  it('pages through the same order, with the total of all pages and every key of the matches', () => {
    const all = search({ orderBy: ['metrics.loss'] }).runs.map((run) => run.id);
    const pages = [0, 15, 30].map((offset) => search({ orderBy: ['metrics.loss'], offset, limit: 15 }));
    expect(pages.flatMap((page) => page.runs.map((run) => run.id))).toEqual(all);
    expect(pages.map((page) => page.runs.length)).toEqual([15, 15, 10]);
    expect(pages.every((page) => page.total === specs.length)).toBe(true);
    expect(pages[0]?.keys).toEqual({ params: ['learning rate', 'optimizer'], metrics: ['auc', 'loss'], tags: ['kind', 'mlflow.runName'] });
    // Keys come from the matching runs only.
    expect(search({ filter: 'metrics.auc IS NULL' }).keys.metrics).toEqual(['loss']);
  });

  it('gathers the same keys by probing each key as by reading the matching rows (the way taken past 2,000 matches)', () => {
    const store = open.tracking.store();
    for (const filter of ['', 'metrics.auc IS NULL', "tags.kind = 'base'", "params.optimizer = 'nothing'"]) {
      const query = { experimentIds: [experimentId], view: 'active' as const, clauses: parseFilter(filter), order: [], includeChildren: true, offset: 0, limit: 10 };
      const total = search({ filter }).total;
      expect(searchKeys(store.db, query, total, 0)).toEqual(searchKeys(store.db, query, total, Number.MAX_SAFE_INTEGER));
    }
    expect(searchKeys(store.db, { experimentIds: [experimentId], view: 'active', clauses: parseFilter('metrics.auc IS NULL'), order: [], includeChildren: true, offset: 0, limit: 10 }, 1, 0).metrics).toEqual(['loss']);
  });

  it('searches every active experiment when none is named', () => {
    const everything = open.tracking.searchRuns(searchRunsInput.parse({ limit: 1000 }));
    expect(everything.total).toBe(specs.length + 1);
    expect(everything.runs.some((run) => run.name === 'elsewhere')).toBe(true);
  });
});
