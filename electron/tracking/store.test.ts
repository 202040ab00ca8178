import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchRunsInput, WorkbenchError } from '../../shared/contract';
import { openTracking, type OpenTracking } from './testing/open';

const codeOf = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    if (error instanceof WorkbenchError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a failure');
};
const asyncCodeOf = async (work: () => Promise<unknown>): Promise<string> => {
  try {
    await work();
  } catch (error) {
    if (error instanceof WorkbenchError) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a failure');
};

describe('tracking store', () => {
  let open: OpenTracking;
  beforeEach(() => {
    open = openTracking();
  });
  afterEach(() => open.close());

  it('starts with the Default experiment "0", keeps names unique and deletes softly', () => {
    const { tracking } = open;
    expect(tracking.experiments(false)).toEqual([expect.objectContaining({ id: '0', name: 'Default', lifecycleStage: 'active', runCount: 0 })]);
    const churn = tracking.createExperiment('churn');
    expect(churn.id).toBe('1');
    expect(codeOf(() => tracking.createExperiment('churn'))).toMatch(/^conflict: .*"churn" already exists/);
    const run = tracking.createRun({ experimentId: churn.id, name: 'first', status: 'RUNNING' });
    expect(tracking.experiments(false).find((e) => e.id === churn.id)?.runCount).toBe(1);

    tracking.deleteExperiment(churn.id);
    expect(tracking.experiments(false).map((e) => e.id)).toEqual(['0']);
    expect(tracking.experiments(true).map((e) => [e.id, e.lifecycleStage])).toEqual([['0', 'active'], ['1', 'deleted']]);
    // Its runs went with it, and a deleted experiment's name stays taken.
    expect(tracking.searchRuns(searchRunsInput.parse({})).total).toBe(0);
    expect(codeOf(() => tracking.createExperiment('churn'))).toMatch(/deleted/);
    expect(codeOf(() => tracking.createRun({ experimentId: churn.id, name: 'x', status: 'RUNNING' }))).toMatch(/^invalid_input: .*deleted/);
    expect(codeOf(() => tracking.deleteExperiment('0'))).toMatch(/Default experiment/);

    open.tracking.store().experiments.setLifecycle(churn.id, 'active');
    expect(tracking.run(run.id).status).toBe('RUNNING');
    expect(tracking.renameExperiment(churn.id, 'churn v2').name).toBe('churn v2');
    expect(tracking.experimentByName('churn v2', false).id).toBe(churn.id);
    expect(codeOf(() => tracking.experimentByName('nope', false))).toMatch(/^not_found/);
    expect(tracking.experimentByName('made on demand', true).id).toBe('2');
  });

  it('keeps params immutable, as MLflow does, and writes a failed batch not at all', () => {
    const { tracking } = open;
    const run = tracking.createRun({ experimentId: '0', name: 'p', status: 'RUNNING' });
    tracking.logParams(run.id, { lr: '0.01', optimizer: 'adam' });
    tracking.logParams(run.id, { lr: '0.01' }); // the same value again is fine
    const refused = codeOf(() => tracking.store().logBatch(run.id, { params: { lr: '0.1', epochs: '3' }, metrics: [{ key: 'loss', value: 1, step: 0, timestamp: 1 }] }));
    expect(refused).toMatch(/^invalid_input: params\.lr: already logged as "0\.01"/);
    const detail = tracking.run(run.id);
    expect(detail.params).toEqual({ lr: '0.01', optimizer: 'adam' });
    expect(detail.metrics).toEqual({});
    expect(codeOf(() => tracking.logParams(run.id, { 'bad/../key': '1' }))).toMatch(/params\.bad\/\.\.\/key/);
    expect(codeOf(() => tracking.logParams(run.id, { long: 'x'.repeat(6001) }))).toMatch(/6001 characters long; the limit is 6000/);
  });

  it('keeps every metric step and the latest point per key', () => {
    const { tracking } = open;
    const run = tracking.createRun({ experimentId: '0', name: 'm', status: 'RUNNING' });
    tracking.logMetrics(run.id, [
      { key: 'loss', value: 0.5, step: 2, timestamp: 30 },
      { key: 'loss', value: 0.9, step: 0, timestamp: 10 },
      { key: 'loss', value: 0.7, step: 1, timestamp: 20 },
      { key: 'loss', value: 0.7, step: 1, timestamp: 20 }, // an exact duplicate is one point
      { key: 'auc', value: 0.6, step: 5, timestamp: 50 },
    ]);
    // An older step logged later does not become the latest; at the same step a later timestamp does, then the larger value.
    tracking.logMetrics(run.id, [{ key: 'loss', value: 0.1, step: 1, timestamp: 99 }]);
    tracking.logMetrics(run.id, [{ key: 'auc', value: 0.65, step: 5, timestamp: 60 }]);
    tracking.logMetrics(run.id, [{ key: 'auc', value: 0.64, step: 5, timestamp: 60 }]);
    tracking.logMetrics(run.id, [{ key: 'auc', value: Number.NaN, step: 5, timestamp: 60 }]);
    const history = tracking.metricHistory(run.id, ['loss']);
    expect(history).toEqual({
      loss: [
        { step: 0, value: 0.9, timestamp: 10 },
        { step: 1, value: 0.7, timestamp: 20 },
        { step: 1, value: 0.1, timestamp: 99 },
        { step: 2, value: 0.5, timestamp: 30 },
      ],
    });
    expect(tracking.run(run.id).metrics).toEqual({ loss: 0.5, auc: 0.65 });
    // NaN stays in the history (MLflow's API shows it) but not in the workbench's JSON.
    expect(tracking.store().metrics.history(run.id, 'auc').map((point) => point.value)).toEqual([0.6, Number.NaN, 0.64, 0.65]);
    expect(Object.keys(tracking.metricHistory(run.id, []))).toEqual(['auc', 'loss']);
    expect(codeOf(() => tracking.metricHistory('f'.repeat(32), ['loss']))).toMatch(/^not_found/);
  });

  it('overwrites tags, keeps the run name and its tag together, and links child runs', () => {
    const { tracking } = open;
    const parent = tracking.createRun({ experimentId: '0', name: 'search', status: 'RUNNING', tags: { kind: 'search' } });
    expect(parent.tags).toEqual({ kind: 'search', 'mlflow.runName': 'search' });
    tracking.setTag(parent.id, 'kind', 'hyperparameter search');
    tracking.setTags(parent.id, { 'mlflow.runName': 'renamed' });
    const child = tracking.createRun({ experimentId: '0', name: 'trial 1', status: 'RUNNING', parentRunId: parent.id });
    tracking.createRun({ experimentId: '0', name: 'trial 2', status: 'RUNNING', parentRunId: parent.id });
    const detail = tracking.run(parent.id);
    expect(detail).toMatchObject({ name: 'renamed', tags: { kind: 'hyperparameter search', 'mlflow.runName': 'renamed' }, childCount: 2, parentRunId: null });
    expect(tracking.run(child.id).parentRunId).toBe(parent.id);
    const topLevel = tracking.searchRuns(searchRunsInput.parse({ includeChildren: false }));
    expect(topLevel.runs.map((run) => run.id)).toEqual([parent.id]);
    expect(codeOf(() => tracking.createRun({ experimentId: '0', name: 'orphan', status: 'RUNNING', parentRunId: 'f'.repeat(32) }))).toMatch(/^not_found/);
  });

  it('ends runs with a status and an end time, and marks deleted runs', () => {
    const { tracking, changes } = open;
    const run = tracking.createRun({ experimentId: '0', name: 's', status: 'SCHEDULED', startTime: 1000 });
    tracking.setStatus(run.id, 'RUNNING');
    expect(tracking.run(run.id)).toMatchObject({ status: 'RUNNING', startTime: 1000, endTime: null });
    tracking.setStatus(run.id, 'FINISHED', 5000);
    expect(tracking.run(run.id)).toMatchObject({ status: 'FINISHED', endTime: 5000 });
    tracking.deleteRun(run.id);
    expect(tracking.searchRuns(searchRunsInput.parse({})).total).toBe(0);
    expect(codeOf(() => tracking.logMetrics(run.id, [{ key: 'x', value: 1, step: 0, timestamp: 0 }]))).toMatch(/must be in the 'active' state/);
    expect(changes.map((change) => [change.kind, change.status])).toEqual([['created', 'SCHEDULED'], ['updated', 'RUNNING'], ['updated', 'FINISHED'], ['deleted', 'FINISHED']]);
  });

  it('gathers metric points into a few events a second per run', async () => {
    const { tracking, changes } = open;
    const run = tracking.createRun({ experimentId: '0', name: 'live', status: 'RUNNING' });
    const began = Date.now();
    let step = 0;
    while (Date.now() - began < 1000) {
      tracking.logMetrics(run.id, [{ key: 'loss', value: 1 / (step + 1), step, timestamp: Date.now() }]);
      step++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    const updates = changes.filter((change) => change.kind === 'updated');
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates.length).toBeLessThanOrEqual(6);
    // Every point arrives once, in order.
    expect(updates.flatMap((change) => change.metrics.map((point) => point.step))).toEqual(Array.from({ length: step }, (_, i) => i));
  });

  it('writes artifacts whole under the run folder, lists and reads them, and refuses paths that leave it', async () => {
    const { tracking, workspacePath } = open;
    const run = tracking.createRun({ experimentId: '0', name: 'a', status: 'RUNNING' });
    await tracking.writeArtifact(run.id, 'model/spec.json', '{"a":1}');
    await tracking.writeArtifact(run.id, 'plots/roc.json', new TextEncoder().encode('[1,2]'));
    await tracking.writeArtifact(run.id, 'model/spec.json', '{"a":2}');
    const folder = join(workspacePath, '.workbench', 'artifacts', 'mlruns', '0', run.id, 'artifacts');
    expect(tracking.artifactDirectory(run.id)).toBe(folder);
    expect(readFileSync(join(folder, 'model', 'spec.json'), 'utf8')).toBe('{"a":2}');
    expect(readdirSync(join(folder, 'model'))).toEqual(['spec.json']); // no temporary file left behind
    expect(tracking.artifacts(run.id, '')).toEqual([
      { path: 'model', isDir: true, size: null },
      { path: 'plots', isDir: true, size: null },
    ]);
    expect(tracking.artifacts(run.id, 'model')).toEqual([{ path: 'model/spec.json', isDir: false, size: 7 }]);
    expect(tracking.readArtifact(run.id, 'plots/roc.json')).toEqual({ path: 'plots/roc.json', text: '[1,2]' });
    expect(tracking.run(run.id).artifacts.map((entry) => entry.path)).toEqual(['model', 'model/spec.json', 'plots', 'plots/roc.json']);
    expect(codeOf(() => tracking.readArtifact(run.id, '../../../../workbench.sqlite'))).toMatch(/^invalid_input: path: .*climbs out/);
    expect(codeOf(() => tracking.artifacts(run.id, '/etc'))).toMatch(/^invalid_input: path: .*absolute/);
    expect(await asyncCodeOf(() => tracking.writeArtifact(run.id, 'x/../../escape.txt', 'no'))).toMatch(/climbs out/);
    expect(existsSync(join(folder, '..', 'escape.txt'))).toBe(false);
    expect(codeOf(() => tracking.readArtifact(run.id, 'model/missing.json'))).toMatch(/^not_found/);
  });

  it('marks RUNNING training runs KILLED at workspace open, unless their process still lives', () => {
    const { tracking } = open;
    const training = { 'workbench.source': 'training' };
    const orphan = tracking.createRun({ experimentId: '0', name: 'orphan', status: 'RUNNING', tags: training });
    const alive = tracking.createRun({ experimentId: '0', name: 'alive', status: 'RUNNING', tags: { ...training, 'workbench.pid': String(process.pid) } });
    const gone = tracking.createRun({ experimentId: '0', name: 'gone', status: 'RUNNING', tags: { ...training, 'workbench.pid': '999999999' } });
    const notebook = tracking.createRun({ experimentId: '0', name: 'from python', status: 'RUNNING' });
    const done = tracking.createRun({ experimentId: '0', name: 'done', status: 'RUNNING', tags: training });
    tracking.setStatus(done.id, 'FINISHED', 10);
    expect(tracking.markInterrupted()).toBe(2);
    expect(tracking.run(orphan.id)).toMatchObject({ status: 'KILLED', endTime: expect.any(Number) });
    expect(tracking.run(gone.id).status).toBe('KILLED');
    expect(tracking.run(alive.id).status).toBe('RUNNING');
    expect(tracking.run(notebook.id).status).toBe('RUNNING');
    expect(tracking.run(done.id)).toMatchObject({ status: 'FINISHED', endTime: 10 });
    expect(tracking.markInterrupted()).toBe(0);
  });

  it('records datasets read, once per name, digest and context', () => {
    const { tracking } = open;
    const run = tracking.createRun({ experimentId: '0', name: 'd', status: 'RUNNING' });
    const input = { name: 'churn', digest: 'abc123', source: '/data/churn.csv', context: 'training' };
    tracking.logInputs(run.id, [input, { ...input, context: 'test' }]);
    tracking.logInputs(run.id, [input]);
    expect(tracking.run(run.id).inputs).toEqual([input, { ...input, context: 'test' }]);
  });

  it('survives a reopen: the store is a real SQLite file that passes its integrity check', () => {
    const run = open.tracking.createRun({ experimentId: '0', name: 'kept', status: 'RUNNING' });
    open.tracking.logMetrics(run.id, [{ key: 'loss', value: 0.25, step: 3, timestamp: 7 }]);
    const file = join(open.workspacePath, '.workbench', 'workbench.sqlite');
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT step, value FROM tracking_latest_metrics WHERE run_id = ?').get(run.id)).toEqual({ step: 3, value: 0.25 });
    db.close();
  });
});
