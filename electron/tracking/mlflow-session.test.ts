import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchRunsInput } from '../../shared/contract';
import { startMlflowServer, type MlflowServer } from './testing/mlflow-server';

/**
 * What an MLflow client does (mlflow.set_experiment, start_run, log_*, log_artifact, log_model, end_run),
 * with the request and response bodies of MLflow's REST API reference, over real HTTP through `workbench serve`.
 */
describe('MLflow REST API: a client session', () => {
  let mlflow: MlflowServer;
  const started = 1_750_000_000_000;
  let runId = '';
  let modelId = '';

  beforeAll(async () => {
    mlflow = await startMlflowServer();
  });
  afterAll(async () => mlflow.close());

  it('answers 404 RESOURCE_DOES_NOT_EXIST for an unknown experiment name, then creates it', async () => {
    const missing = await mlflow.get('experiments/get-by-name', { experiment_name: 'churn-py' });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining("'churn-py'") });

    const created = await mlflow.post('experiments/create', { name: 'churn-py', tags: [{ key: 'team', value: 'ml' }] });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ experiment_id: '1' });

    const byName = await mlflow.get('experiments/get-by-name', { experiment_name: 'churn-py' });
    expect(byName.json).toEqual({
      experiment: {
        experiment_id: '1',
        name: 'churn-py',
        artifact_location: 'mlflow-artifacts:/1',
        lifecycle_stage: 'active',
        last_update_time: expect.any(Number),
        creation_time: expect.any(Number),
        tags: [{ key: 'team', value: 'ml' }],
      },
    });
    const fallback = await mlflow.get('experiments/get', { experiment_id: '0' });
    expect(fallback.json).toEqual({ experiment: expect.objectContaining({ experiment_id: '0', name: 'Default', lifecycle_stage: 'active' }) });
    const again = await mlflow.post('experiments/create', { name: 'churn-py' });
    expect([again.status, again.json.error_code]).toEqual([400, 'RESOURCE_ALREADY_EXISTS']);
  });

  it('creates a run with the tags a client sends, shaped as RunInfo', async () => {
    const reply = await mlflow.post('runs/create', {
      experiment_id: '1',
      user_id: 'ada',
      start_time: started,
      tags: [
        { key: 'mlflow.user', value: 'ada' },
        { key: 'mlflow.source.name', value: 'train.py' },
        { key: 'mlflow.source.type', value: 'LOCAL' },
      ],
    });
    expect(reply.status).toBe(200);
    const run = reply.json.run as { info: Record<string, unknown>; data: { tags: { key: string; value: string }[] }; inputs: unknown };
    runId = String(run.info.run_id);
    expect(runId).toMatch(/^[0-9a-f]{32}$/);
    expect(run.info).toEqual({
      run_id: runId,
      run_uuid: runId,
      run_name: expect.stringMatching(/^[a-z]+-[a-z]+-\d+$/),
      experiment_id: '1',
      user_id: 'ada',
      status: 'RUNNING',
      start_time: started,
      artifact_uri: `mlflow-artifacts:/1/${runId}/artifacts`,
      lifecycle_stage: 'active',
    });
    expect(run.data.tags.map((tag) => tag.key)).toEqual(['mlflow.runName', 'mlflow.source.name', 'mlflow.source.type', 'mlflow.user']);
    expect(run.inputs).toEqual({});
  });

  it('logs params, metrics, tags and batches, accepting run_id or the legacy run_uuid', async () => {
    const ok = async (path: string, body: unknown): Promise<void> => {
      const reply = await mlflow.post(path, body);
      expect([path, reply.status, reply.json]).toEqual([path, 200, {}]);
    };
    await ok('runs/log-parameter', { run_id: runId, key: 'lr', value: '0.01' });
    await ok('runs/log-parameter', { run_uuid: runId, key: 'lr', value: '0.01' });
    const changed = await mlflow.post('runs/log-parameter', { run_id: runId, key: 'lr', value: '0.1' });
    expect(changed.status).toBe(400);
    expect(changed.json).toEqual({ error_code: 'INVALID_PARAMETER_VALUE', message: expect.stringContaining('params.lr') });
    await ok('runs/log-metric', { run_id: runId, run_uuid: runId, key: 'loss', value: 0.9, timestamp: started + 1, step: 0 });
    await ok('runs/log-batch', {
      run_id: runId,
      metrics: [
        { key: 'loss', value: 0.5, timestamp: started + 2, step: 1 },
        { key: 'auc', value: 0.81, timestamp: started + 2, step: 1 },
      ],
      params: [{ key: 'optimizer', value: 'adam' }],
      tags: [{ key: 'stage', value: 'dev' }],
    });
    await ok('runs/set-tag', { run_id: runId, key: 'note', value: 'temporary' });
    await ok('runs/delete-tag', { run_id: runId, key: 'note' });
    await ok('runs/log-inputs', {
      run_id: runId,
      datasets: [{ tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset: { name: 'churn', digest: 'abc123', source_type: 'local', source: '/data/churn.csv', schema: '{"mlflow_colspec": []}' } }],
    });

    const got = await mlflow.get('runs/get', { run_id: runId });
    const run = got.json.run as Record<string, Record<string, unknown>>;
    expect(run.data).toEqual({
      metrics: [
        { key: 'auc', value: 0.81, timestamp: started + 2, step: 1 },
        { key: 'loss', value: 0.5, timestamp: started + 2, step: 1 },
      ],
      params: [
        { key: 'lr', value: '0.01' },
        { key: 'optimizer', value: 'adam' },
      ],
      tags: expect.arrayContaining([{ key: 'stage', value: 'dev' }]),
    });
    expect((run.data?.tags as { key: string }[]).some((tag) => tag.key === 'note')).toBe(false);
    expect(run.inputs).toEqual({
      dataset_inputs: [
        { tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset: { name: 'churn', digest: 'abc123', source_type: 'local', source: '/data/churn.csv', schema: '{"mlflow_colspec": []}' } },
      ],
    });
  });

  it('pages a metric history with max_results and next_page_token', async () => {
    const whole = await mlflow.get('metrics/get-history', { run_id: runId, metric_key: 'loss' });
    expect(whole.json).toEqual({
      metrics: [
        { key: 'loss', value: 0.9, timestamp: started + 1, step: 0 },
        { key: 'loss', value: 0.5, timestamp: started + 2, step: 1 },
      ],
    });
    const first = await mlflow.get('metrics/get-history', { run_uuid: runId, metric_key: 'loss', max_results: 1 });
    expect(first.json.metrics).toEqual([{ key: 'loss', value: 0.9, timestamp: started + 1, step: 0 }]);
    expect(typeof first.json.next_page_token).toBe('string');
    const second = await mlflow.get('metrics/get-history', { run_id: runId, metric_key: 'loss', max_results: 1, page_token: String(first.json.next_page_token) });
    expect(second.json).toEqual({ metrics: [{ key: 'loss', value: 0.5, timestamp: started + 2, step: 1 }] });
  });

  it('searches runs with a filter and order_by', async () => {
    const hit = await mlflow.post('runs/search', {
      experiment_ids: ['1'],
      filter: "metrics.auc > 0.8 and params.optimizer = 'adam'",
      order_by: ['metrics.auc DESC'],
      max_results: 10,
      run_view_type: 'ACTIVE_ONLY',
    });
    expect(hit.status).toBe(200);
    expect((hit.json.runs as { info: { run_id: string } }[]).map((run) => run.info.run_id)).toEqual([runId]);
    expect(hit.json.next_page_token).toBeUndefined();
    const miss = await mlflow.post('runs/search', { experiment_ids: ['1'], filter: 'metrics.auc > 0.9' });
    expect(miss.json).toEqual({});
    const bad = await mlflow.post('runs/search', { experiment_ids: ['1'], filter: 'metrics.auc > ' });
    expect([bad.status, bad.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
  });

  it('uploads, downloads and lists artifacts through mlflow-artifacts', async () => {
    const base = `/api/2.0/mlflow-artifacts/artifacts/1/${runId}/artifacts`;
    const content = JSON.stringify({ fpr: [0, 0.5, 1], tpr: [0, 0.8, 1] });
    const put = await mlflow.send({ method: 'PUT', path: `${base}/plots/roc.json`, body: content });
    expect([put.status, put.json]).toEqual([200, {}]);
    const got = await mlflow.send({ path: `${base}/plots/roc.json` });
    expect([got.status, got.text]).toEqual([200, content]);
    const root = await mlflow.send({ path: `/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(`1/${runId}/artifacts`)}` });
    expect(root.json).toEqual({ files: [{ path: 'plots', is_dir: true }] });
    const plots = await mlflow.send({ path: `/api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(`1/${runId}/artifacts/plots`)}` });
    expect(plots.json).toEqual({ files: [{ path: 'roc.json', is_dir: false, file_size: Buffer.byteLength(content) }] });
    const listed = await mlflow.get('artifacts/list', { run_id: runId, path: 'plots' });
    expect(listed.json).toEqual({ root_uri: `mlflow-artifacts:/1/${runId}/artifacts`, files: [{ path: 'plots/roc.json', is_dir: false, file_size: Buffer.byteLength(content) }] });
    const missing = await mlflow.send({ path: `${base}/plots/pr.json` });
    expect([missing.status, missing.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
  });

  it('logs a model as MLflow 3 does: create, link to the run, upload, finalize', async () => {
    const created = await mlflow.post('logged-models', {
      experiment_id: '1',
      name: 'model',
      source_run_id: runId,
      tags: [{ key: 'mlflow.source.name', value: 'train.py' }],
      params: [{ key: 'alpha', value: '0.5' }],
    });
    expect(created.status).toBe(200);
    const info = (created.json.model as { info: Record<string, unknown> }).info;
    modelId = String(info.model_id);
    expect(modelId).toMatch(/^m-[0-9a-f]{32}$/);
    expect(created.json.model).toEqual({
      info: {
        model_id: modelId,
        experiment_id: '1',
        name: 'model',
        creation_timestamp_ms: expect.any(Number),
        last_updated_timestamp_ms: expect.any(Number),
        artifact_uri: `mlflow-artifacts:/1/models/${modelId}/artifacts`,
        status: 'LOGGED_MODEL_PENDING',
        source_run_id: runId,
        tags: [{ key: 'mlflow.source.name', value: 'train.py' }],
      },
      data: { params: [{ key: 'alpha', value: '0.5' }] },
    });
    expect((await mlflow.post('runs/outputs', { run_id: runId, models: [{ model_id: modelId, step: 1 }] })).json).toEqual({});
    const upload = await mlflow.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/1/models/${modelId}/artifacts/MLmodel`, body: 'artifact_path: model\n' });
    expect(upload.status).toBe(200);
    const ready = await mlflow.post(`logged-models/${modelId}`, { model_id: modelId, status: 'LOGGED_MODEL_READY' }, 'PATCH');
    expect((ready.json.model as { info: { status: string } }).info.status).toBe('LOGGED_MODEL_READY');
    expect(((await mlflow.get(`logged-models/${modelId}`)).json.model as { info: { status: string } }).info.status).toBe('LOGGED_MODEL_READY');
    const found = await mlflow.post('logged-models/search', { experiment_ids: ['1'], filter: "name = 'model'", max_results: 10 });
    expect((found.json.models as { info: { model_id: string } }[]).map((model) => model.info.model_id)).toEqual([modelId]);
    const run = (await mlflow.get('runs/get', { run_id: runId })).json.run as { outputs: unknown };
    expect(run.outputs).toEqual({ model_outputs: [{ model_id: modelId, step: 1 }] });
  });

  it('ends the run, and the workbench shows it in its own views', async () => {
    const ended = await mlflow.post('runs/update', { run_id: runId, run_uuid: runId, status: 'FINISHED', end_time: started + 60_000 });
    expect(ended.json).toEqual({ run_info: expect.objectContaining({ run_id: runId, status: 'FINISHED', end_time: started + 60_000 }) });

    const { tracking } = mlflow.backend;
    const page = tracking.searchRuns(searchRunsInput.parse({ filter: "params.optimizer = 'adam'" }));
    expect(page.runs.map((run) => [run.id, run.status, run.metrics])).toEqual([[runId, 'FINISHED', { auc: 0.81, loss: 0.5 }]]);
    expect(tracking.readArtifact(runId, 'plots/roc.json').text).toContain('"tpr"');
    expect(tracking.metricHistory(runId, ['loss']).loss?.map((point) => point.value)).toEqual([0.9, 0.5]);
  });

  it('searches, renames, deletes and restores experiments', async () => {
    await mlflow.post('experiments/create', { name: 'other' });
    const page1 = await mlflow.post('experiments/search', { max_results: 2, order_by: ['name ASC'] });
    expect((page1.json.experiments as { name: string }[]).map((e) => e.name)).toEqual(['Default', 'churn-py']);
    const page2 = await mlflow.post('experiments/search', { max_results: 2, order_by: ['name ASC'], page_token: page1.json.next_page_token });
    expect(page2.json).toEqual({ experiments: [expect.objectContaining({ name: 'other' })] });
    const filtered = await mlflow.send({ path: `/api/2.0/mlflow/experiments/search?filter=${encodeURIComponent("name LIKE 'churn%'")}` });
    expect((filtered.json.experiments as { name: string }[]).map((e) => e.name)).toEqual(['churn-py']);

    expect((await mlflow.post('experiments/update', { experiment_id: '2', new_name: 'renamed' })).json).toEqual({});
    expect((await mlflow.post('experiments/delete', { experiment_id: '2' })).json).toEqual({});
    const deleted = await mlflow.get('experiments/get', { experiment_id: '2' });
    expect(deleted.json.experiment).toMatchObject({ name: 'renamed', lifecycle_stage: 'deleted' });
    const active = await mlflow.post('experiments/search', { view_type: 'ACTIVE_ONLY' });
    expect((active.json.experiments as { name: string }[]).map((e) => e.name).sort()).toEqual(['Default', 'churn-py']);
    expect((await mlflow.post('experiments/restore', { experiment_id: '2' })).json).toEqual({});
    expect((await mlflow.get('experiments/get', { experiment_id: '2' })).json.experiment).toMatchObject({ lifecycle_stage: 'active' });
  });

  it('deletes and restores runs', async () => {
    expect((await mlflow.post('runs/delete', { run_id: runId })).json).toEqual({});
    expect((await mlflow.post('runs/search', { experiment_ids: ['1'] })).json).toEqual({});
    const deleted = await mlflow.post('runs/search', { experiment_ids: ['1'], run_view_type: 'DELETED_ONLY' });
    expect((deleted.json.runs as { info: { lifecycle_stage: string } }[]).map((run) => run.info.lifecycle_stage)).toEqual(['deleted']);
    const refused = await mlflow.post('runs/log-metric', { run_id: runId, key: 'late', value: 1, timestamp: 1 });
    expect([refused.status, refused.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    expect((await mlflow.post('runs/restore', { run_id: runId })).json).toEqual({});
    expect(((await mlflow.get('runs/get', { run_id: runId })).json.run as { info: { lifecycle_stage: string } }).info.lifecycle_stage).toBe('active');
  });
});
