import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { failure } from '../../test/helpers';
import { packageOnnxFile } from '../packaging';
import type { RegistryService } from './index';
import { writeScaleModel } from './testing/onnx-file';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('the local model registry', () => {
  let t: TestBackend;
  let registry: RegistryService;
  let registryDir: string;
  const blobOf = (hash: string): string => join(registryDir, 'blobs', 'sha256', hash.slice(0, 2), hash);
  const onnxFile = (name: string, factor: number): string => writeScaleModel(join(t.home, name), factor);

  beforeEach(async () => {
    t = await openTestBackend();
    registry = t.backend.registry;
    registryDir = join(t.workspace, '.workbench', 'registry');
  });
  afterEach(async () => t.close());

  it('imports a bare ONNX file as version 1, its signature read from the graph and its bytes stored by hash', async () => {
    const file = onnxFile('scale.onnx', 2);
    const version = await t.client.runJob('registry.importModel', { path: file, name: 'scale', description: 'from a notebook' });
    expect(version).toMatchObject({ name: 'scale', version: 1, status: 'READY', stage: 'None', archived: false, source: file, description: 'from a notebook' });
    expect(version.signature.inputs.map((field) => field.name)).toEqual(['x']);
    expect(version.signature.outputs.map((field) => field.name)).toEqual(['y']);
    const onnx = version.files.find((entry) => entry.path.endsWith('.onnx'));
    expect(onnx).toEqual({ path: expect.any(String), size: statSync(file).size, sha256: sha256(file) });
    expect(version.files.map((entry) => entry.path)).toContain('MLmodel');
    expect(readFileSync(blobOf(sha256(file)))).toEqual(readFileSync(file));
    const { model, versions } = registry.model('scale');
    expect(model).toMatchObject({ name: 'scale', latestVersion: 1, versionCount: 1, aliases: {} });
    expect(versions.map((entry) => entry.version)).toEqual([1]);
  });

  it('imports an MLflow model directory with every file it holds', async () => {
    const dir = join(t.home, 'exported');
    await packageOnnxFile(onnxFile('scale.onnx', 3), dir);
    writeFileSync(join(dir, 'requirements.txt'), 'onnxruntime\n');
    const version = await registry.importModel({ path: dir, name: 'scaled' });
    const expected = filesUnder(dir).map((full) => full.slice(dir.length + 1)).sort();
    expect(version.files.map((entry) => entry.path)).toEqual(expected);
    for (const entry of version.files) expect(entry.sha256).toBe(sha256(join(dir, entry.path)));
  });

  it('stores a file once for every version that has it, and removes it with the last of them', async () => {
    const file = onnxFile('same.onnx', 5);
    const first = await registry.importModel({ path: file, name: 'twice' });
    const second = await registry.importModel({ path: file, name: 'twice' });
    expect(second.version).toBe(2);
    const hash = sha256(file);
    expect(first.files.find((entry) => entry.sha256 === hash)).toBeDefined();
    expect(second.files.find((entry) => entry.sha256 === hash)).toBeDefined();
    expect(filesUnder(join(registryDir, 'blobs', 'sha256')).filter((path) => path.endsWith(hash))).toHaveLength(1);

    registry.deleteVersion('twice', 1);
    expect(existsSync(blobOf(hash))).toBe(true);
    expect(registry.resolve('models:/twice/2').packageDir).toBeTruthy();
    registry.deleteVersion('twice', 2);
    expect(existsSync(blobOf(hash))).toBe(false);
    expect(filesUnder(join(registryDir, 'blobs', 'sha256'))).toEqual([]);
    expect(existsSync(join(registryDir, 'packages', 'twice', '2'))).toBe(false);
    // Numbers are never given twice: a client holding models:/twice/2 must not get another model.
    expect((await registry.importModel({ path: file, name: 'twice' })).version).toBe(3);
  });

  it('moves aliases, tells the listeners, and resolves version and alias URIs to hard-linked packages', async () => {
    const v1 = await registry.importModel({ path: onnxFile('a.onnx', 2), name: 'churn' });
    const v2 = await registry.importModel({ path: onnxFile('b.onnx', 3), name: 'churn' });
    const heard: [string, string, number | null][] = [];
    const events: unknown[] = [];
    const stop = registry.onAliasChange((...args) => heard.push(args));
    t.backend.bus.subscribe('registry.changed', (payload) => events.push(payload));

    expect(registry.setAlias('churn', 'champion', 1).aliases).toEqual({ champion: 1 });
    const champion = registry.resolve('models:/churn@champion');
    expect(champion).toMatchObject({ name: 'churn', version: 1 });
    const onnx = v1.files.find((entry) => entry.path.endsWith('.onnx'));
    if (!onnx) throw new Error('no onnx file');
    const linked = join(champion.packageDir, onnx.path);
    expect(sha256(linked)).toBe(onnx.sha256);
    expect(statSync(linked).ino).toBe(statSync(blobOf(onnx.sha256)).ino);
    expect(existsSync(join(champion.packageDir, 'MLmodel'))).toBe(true);

    await t.client.call('registry.setAlias', { name: 'churn', alias: 'champion', version: 2 });
    expect(registry.resolve('models:/churn@champion').version).toBe(2);
    expect(registry.resolve('models:/churn/1').version).toBe(1);
    expect(registry.version('churn', 1).aliases).toEqual([]);
    expect(registry.version('churn', 2).aliases).toEqual(['champion']);
    registry.setAlias('churn', 'challenger', 1);
    registry.deleteVersion('churn', v2.version);
    expect(heard).toEqual([
      ['churn', 'champion', 1],
      ['churn', 'champion', 2],
      ['churn', 'challenger', 1],
      ['churn', 'champion', null],
    ]);
    expect(events).toContainEqual({ name: 'churn' });
    expect(registry.model('churn').model.aliases).toEqual({ challenger: 1 });
    stop();
    registry.deleteAlias('churn', 'challenger');
    expect(heard).toHaveLength(4);

    expect(await failure(Promise.resolve().then(() => registry.resolve('models:/churn@champion')))).toMatchObject({ code: 'not_found', message: expect.stringContaining('"champion"') });
    expect(await failure(Promise.resolve().then(() => registry.resolve('models:/nope/1')))).toMatchObject({ code: 'not_found', message: expect.stringContaining('"nope"') });
    expect(await failure(Promise.resolve().then(() => registry.resolve('churn')))).toMatchObject({ code: 'invalid_input' });
    expect(await failure(t.client.call('registry.setAlias', { name: 'churn', alias: 'latest', version: 1 }))).toMatchObject({ code: 'invalid_input' });
    expect(await failure(t.client.call('registry.setAlias', { name: 'churn', alias: 'champion', version: 9 }))).toMatchObject({ code: 'not_found' });
  });

  it('leaves no version and no stored file behind when an import fails', async () => {
    const corrupt = join(t.home, 'corrupt.onnx');
    writeFileSync(corrupt, Buffer.from('this is not a protobuf'.repeat(10)));
    expect(await failure(registry.importModel({ path: corrupt, name: 'broken' }))).toMatchObject({ code: 'model_invalid', message: expect.stringContaining(corrupt) });
    const missing = join(t.home, 'missing.onnx');
    expect(await failure(registry.importModel({ path: missing, name: 'broken' }))).toMatchObject({ code: 'not_found', message: expect.stringContaining(missing) });
    const noMlmodel = join(t.home, 'plain-folder');
    mkdirSync(noMlmodel);
    expect(await failure(registry.importModel({ path: noMlmodel, name: 'broken' }))).toMatchObject({ code: 'model_invalid', message: expect.stringContaining('MLmodel') });
    const sklearn = join(t.home, 'sklearn-model');
    mkdirSync(sklearn);
    writeFileSync(join(sklearn, 'MLmodel'), 'flavors:\n  sklearn:\n    pickled_model: model.pkl\n');
    writeFileSync(join(sklearn, 'model.pkl'), 'pickle');
    expect(await failure(registry.importModel({ path: sklearn, name: 'broken' }))).toMatchObject({ code: 'model_invalid' });

    // A failure after the files were stored: the version cannot be made (the model must exist first, as MLflow's API wants).
    const dir = join(t.home, 'good');
    await packageOnnxFile(onnxFile('good.onnx', 7), dir);
    expect(await failure(registry.addVersion({ name: 'not-created', packageDir: dir, source: dir, createModel: false }))).toMatchObject({ code: 'not_found' });

    expect(registry.models('')).toEqual([]);
    expect(filesUnder(join(registryDir, 'blobs'))).toEqual([]);
    expect(filesUnder(join(registryDir, 'tmp'))).toEqual([]);
  });

  it('keeps descriptions, tags and the archive flag, searches by substring, and renames with versions and aliases', async () => {
    await registry.importModel({ path: onnxFile('a.onnx', 2), name: 'churn-model' });
    await registry.importModel({ path: onnxFile('b.onnx', 4), name: 'fraud' });
    registry.setAlias('churn-model', 'champion', 1);
    const updated = await t.client.call('registry.updateModel', { name: 'fraud', description: 'Card fraud, weekly', tags: { team: 'risk', drop: 'x' } });
    expect(updated).toMatchObject({ description: 'Card fraud, weekly', tags: { team: 'risk', drop: 'x' } });
    expect((await t.client.call('registry.updateModel', { name: 'fraud', tags: { drop: null } })).tags).toEqual({ team: 'risk' });
    const version = await t.client.call('registry.updateVersion', { name: 'fraud', version: 1, archived: true, description: 'first try', tags: { reviewed: 'yes' } });
    expect(version).toMatchObject({ archived: true, description: 'first try', tags: { reviewed: 'yes' } });

    expect((await t.client.call('registry.models', { query: 'CHURN' })).map((model) => model.name)).toEqual(['churn-model']);
    expect((await t.client.call('registry.models', { query: 'weekly' })).map((model) => model.name)).toEqual(['fraud']);
    expect((await t.client.call('registry.models', { query: 'risk' })).map((model) => model.name)).toEqual(['fraud']);
    expect((await t.client.call('registry.models', {})).map((model) => model.name)).toEqual(['churn-model', 'fraud']);

    const renamed = registry.renameModel('churn-model', 'churn');
    expect(renamed).toMatchObject({ name: 'churn', aliases: { champion: 1 }, versionCount: 1 });
    expect(registry.resolve('models:/churn@champion').version).toBe(1);
    expect(await failure(t.client.call('registry.model', { name: 'churn-model' }))).toMatchObject({ code: 'not_found' });

    // Package folders are named after models, and some file systems ignore case.
    expect(await failure(Promise.resolve().then(() => registry.createModel('CHURN')))).toMatchObject({ code: 'conflict', message: expect.stringContaining('case') });
    await t.client.call('registry.deleteModel', { name: 'fraud' });
    expect(registry.models('').map((model) => model.name)).toEqual(['churn']);
  });
});
