import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageOnnxFile } from '../packaging';
import { startMlflowServer, type MlflowServer } from '../tracking/testing/mlflow-server';
import { writeScaleModel } from './testing/onnx-file';

/**
 * MLflow's model-registry REST API over real HTTP through `workbench serve`, with the request and
 * response bodies of MLflow's model_registry.proto (what MlflowClient sends and reads).
 */
describe('MLflow model-registry REST API', () => {
  let mlflow: MlflowServer;
  let folder = '';
  let runId = '';

  beforeAll(async () => {
    mlflow = await startMlflowServer();
    folder = join(mlflow.workspacePath, '..', 'notebook-model');
    await packageOnnxFile(writeScaleModel(join(mlflow.workspacePath, '..', 'scale.onnx'), 2), folder);
    // As mlflow.log_artifacts does: a run, then each file PUT through the artifact proxy.
    const run = await mlflow.post('runs/create', { experiment_id: '0', start_time: Date.now(), tags: [] });
    runId = (run.json.run as { info: { run_id: string } }).info.run_id;
    for (const name of readdirSync(folder)) {
      const put = await mlflow.send({ method: 'PUT', path: `/api/2.0/mlflow-artifacts/artifacts/0/${runId}/artifacts/model/${name}`, body: readFileSync(join(folder, name)) });
      expect(put.status).toBe(200);
    }
  });
  afterAll(async () => mlflow.close());

  /** DELETE with a JSON body, as MLflow's Python client (requests) sends it: with its Content-Length. */
  const del = (path: string, body: unknown) => {
    const text = JSON.stringify(body);
    return mlflow.send({ method: 'DELETE', path: `/api/2.0/mlflow/${path}`, body: text, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) } });
  };

  it('creates a registered model, and refuses the same name again', async () => {
    const created = await mlflow.post('registered-models/create', { name: 'churn', description: 'Churn scorer', tags: [{ key: 'team', value: 'growth' }] });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({
      registered_model: {
        name: 'churn',
        creation_timestamp: expect.any(Number),
        last_updated_timestamp: expect.any(Number),
        description: 'Churn scorer',
        latest_versions: [],
        tags: [{ key: 'team', value: 'growth' }],
        aliases: [],
      },
    });
    const again = await mlflow.post('registered-models/create', { name: 'churn' });
    expect([again.status, again.json.error_code]).toEqual([400, 'RESOURCE_ALREADY_EXISTS']);
    const missing = await mlflow.get('registered-models/get', { name: 'nope' });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: expect.stringContaining('"nope"') });
    const noName = await mlflow.post('registered-models/create', {});
    expect([noName.status, noName.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
  });

  it('creates versions from a local folder (path and file:// URI) and from a run (runs:/ and mlflow-artifacts:/)', async () => {
    const fromPath = await mlflow.post('model-versions/create', { name: 'churn', source: folder, description: 'from a notebook', tags: [{ key: 'origin', value: 'skl2onnx' }] });
    expect(fromPath.status).toBe(200);
    expect(fromPath.json).toEqual({
      model_version: {
        name: 'churn',
        version: '1',
        creation_timestamp: expect.any(Number),
        last_updated_timestamp: expect.any(Number),
        current_stage: 'None',
        description: 'from a notebook',
        source: folder,
        status: 'READY',
        tags: [{ key: 'origin', value: 'skl2onnx' }],
        aliases: [],
      },
    });
    const fromUri = await mlflow.post('model-versions/create', { name: 'churn', source: pathToFileURL(folder).href });
    expect((fromUri.json.model_version as { version: string }).version).toBe('2');

    const fromRun = await mlflow.post('model-versions/create', { name: 'churn', source: `runs:/${runId}/model`, run_id: runId, run_link: 'http://127.0.0.1/#/runs/x' });
    expect(fromRun.json.model_version).toMatchObject({ version: '3', run_id: runId, source: `runs:/${runId}/model`, run_link: 'http://127.0.0.1/#/runs/x' });
    // What mlflow.register_model('runs:/<id>/model', ...) sends: the run's artifact location.
    const fromArtifacts = await mlflow.post('model-versions/create', { name: 'churn', source: `mlflow-artifacts:/0/${runId}/artifacts/model`, run_id: runId });
    expect(fromArtifacts.json.model_version).toMatchObject({ version: '4', run_id: runId });
    expect(mlflow.backend.registry.version('churn', 4).lineage).toMatchObject({ runId, experimentId: '0' });
  });

  it('answers bad sources and unknown models with MLflow errors', async () => {
    const unknownModel = await mlflow.post('model-versions/create', { name: 'ghost', source: folder });
    expect([unknownModel.status, unknownModel.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
    const missingFolder = await mlflow.post('model-versions/create', { name: 'churn', source: join(folder, 'missing') });
    expect([missingFolder.status, missingFolder.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
    const notAModel = join(folder, '..', 'empty');
    mkdirSync(notAModel);
    const empty = await mlflow.post('model-versions/create', { name: 'churn', source: notAModel });
    expect([empty.status, empty.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    expect(empty.json.message).toContain('MLmodel');
    const relative = await mlflow.post('model-versions/create', { name: 'churn', source: 'some/folder' });
    expect([relative.status, relative.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    const climbing = await mlflow.post('model-versions/create', { name: 'churn', source: `runs:/${runId}/../../x` });
    expect([climbing.status, climbing.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    const noVersion = await mlflow.get('model-versions/get', { name: 'churn', version: '99' });
    expect([noVersion.status, noVersion.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
    expect(mlflow.backend.registry.model('churn').model.versionCount).toBe(4);
  });

  it('gets and searches versions and models with MLflow filters and pages', async () => {
    const got = await mlflow.get('model-versions/get', { name: 'churn', version: '3' });
    expect(got.json.model_version).toMatchObject({ name: 'churn', version: '3', run_id: runId, current_stage: 'None', status: 'READY' });

    const all = await mlflow.get('model-versions/search', { filter: "name='churn'" });
    expect((all.json.model_versions as { version: string }[]).map((v) => v.version).sort()).toEqual(['1', '2', '3', '4']);
    const byRun = await mlflow.get('model-versions/search', { filter: `run_id = '${runId}'`, order_by: 'version_number DESC' });
    expect((byRun.json.model_versions as { version: string }[]).map((v) => v.version)).toEqual(['4', '3']);
    const first = await mlflow.get('model-versions/search', { filter: "name = 'churn'", max_results: 3, order_by: 'version_number ASC' });
    expect((first.json.model_versions as { version: string }[]).map((v) => v.version)).toEqual(['1', '2', '3']);
    const rest = await mlflow.get('model-versions/search', { filter: "name = 'churn'", max_results: 3, order_by: 'version_number ASC', page_token: String(first.json.next_page_token) });
    expect((rest.json.model_versions as { version: string }[]).map((v) => v.version)).toEqual(['4']);
    expect(rest.json.next_page_token).toBeUndefined();

    await mlflow.post('registered-models/create', { name: 'fraud' });
    const like = await mlflow.get('registered-models/search', { filter: "name LIKE 'ch%'" });
    expect((like.json.registered_models as { name: string }[]).map((m) => m.name)).toEqual(['churn']);
    const equal = await mlflow.get('registered-models/search', { filter: "name = 'fraud'" });
    expect((equal.json.registered_models as { name: string }[]).map((m) => m.name)).toEqual(['fraud']);
    const everything = await mlflow.get('registered-models/search', { max_results: 10 });
    expect((everything.json.registered_models as { name: string }[]).map((m) => m.name)).toEqual(['churn', 'fraud']);
    const badFilter = await mlflow.get('registered-models/search', { filter: "owner = 'x'" });
    expect([badFilter.status, badFilter.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);

    const latest = await mlflow.post('registered-models/get-latest-versions', { name: 'churn' });
    expect((latest.json.model_versions as { version: string; current_stage: string }[]).map((v) => [v.version, v.current_stage])).toEqual([['4', 'None']]);
  });

  it('sets, reads and deletes aliases', async () => {
    const set = await mlflow.post('registered-models/alias', { name: 'churn', alias: 'champion', version: '3' });
    expect([set.status, set.json]).toEqual([200, {}]);
    const byAlias = await mlflow.get('registered-models/alias', { name: 'churn', alias: 'champion' });
    expect(byAlias.json.model_version).toMatchObject({ name: 'churn', version: '3', aliases: ['champion'] });
    const model = await mlflow.get('registered-models/get', { name: 'churn' });
    expect((model.json.registered_model as { aliases: unknown }).aliases).toEqual([{ alias: 'champion', version: '3' }]);
    const toMissing = await mlflow.post('registered-models/alias', { name: 'churn', alias: 'champion', version: '42' });
    expect([toMissing.status, toMissing.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);

    // MLflow's Python client sends DELETE's fields as a JSON body.
    const removed = await del('registered-models/alias', { name: 'churn', alias: 'champion' });
    expect([removed.status, removed.json]).toEqual([200, {}]);
    const gone = await mlflow.get('registered-models/alias', { name: 'churn', alias: 'champion' });
    expect([gone.status, gone.json.error_code]).toEqual([404, 'RESOURCE_DOES_NOT_EXIST']);
  });

  it('sets and deletes tags, updates descriptions, and refuses stage transitions in favour of aliases', async () => {
    expect((await mlflow.post('registered-models/set-tag', { name: 'churn', key: 'owner', value: 'ada' })).json).toEqual({});
    expect((await mlflow.post('model-versions/set-tag', { name: 'churn', version: '2', key: 'validated', value: 'true' })).json).toEqual({});
    await del('registered-models/delete-tag', { name: 'churn', key: 'team' });
    await del('model-versions/delete-tag', { name: 'churn', version: '1', key: 'origin' });
    const updated = await mlflow.post('registered-models/update', { name: 'churn', description: 'Monthly churn' }, 'PATCH');
    expect(updated.json.registered_model).toMatchObject({ name: 'churn', description: 'Monthly churn', tags: [{ key: 'owner', value: 'ada' }] });
    const version = await mlflow.post('model-versions/update', { name: 'churn', version: '2', description: 'checked by hand' }, 'PATCH');
    expect(version.json.model_version).toMatchObject({ version: '2', description: 'checked by hand', tags: [{ key: 'validated', value: 'true' }] });
    expect((await mlflow.get('model-versions/get', { name: 'churn', version: '1' })).json.model_version).toMatchObject({ tags: [] });

    const stage = await mlflow.post('model-versions/transition-stage', { name: 'churn', version: '2', stage: 'Production', archive_existing_versions: false });
    expect([stage.status, stage.json.error_code]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
    expect(stage.json.message).toContain('alias');
    expect((await mlflow.get('model-versions/get', { name: 'churn', version: '2' })).json.model_version).toMatchObject({ current_stage: 'None' });
  });

  it('gives download URIs a client can read, renames, and deletes', async () => {
    const fromRun = await mlflow.get('model-versions/get-download-uri', { name: 'churn', version: '3' });
    expect(fromRun.json).toEqual({ artifact_uri: `mlflow-artifacts:/0/${runId}/artifacts/model` });
    const fromFolder = await mlflow.get('model-versions/get-download-uri', { name: 'churn', version: '1' });
    const uri = String(fromFolder.json.artifact_uri);
    expect(uri.startsWith('file://')).toBe(true);
    expect(existsSync(join(fileURLToPath(uri), 'MLmodel'))).toBe(true);

    const renamed = await mlflow.post('registered-models/rename', { name: 'churn', new_name: 'churn-v2' });
    expect(renamed.json.registered_model).toMatchObject({ name: 'churn-v2' });
    expect((await mlflow.get('model-versions/get', { name: 'churn-v2', version: '4' })).json.model_version).toMatchObject({ name: 'churn-v2', version: '4' });

    expect((await del('model-versions/delete', { name: 'churn-v2', version: '1' })).json).toEqual({});
    expect((await mlflow.get('model-versions/get', { name: 'churn-v2', version: '1' })).status).toBe(404);
    expect((await del('registered-models/delete', { name: 'churn-v2' })).json).toEqual({});
    expect((await mlflow.get('registered-models/get', { name: 'churn-v2' })).status).toBe(404);
    expect((await mlflow.get('registered-models/search', {})).json.registered_models).toEqual([expect.objectContaining({ name: 'fraud' })]);
  });
});
