import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pipelineSpecSchema, type Algorithm, type TaskKind } from '../../shared/contract';
import { failure, tempDir } from '../../test/helpers';
import { createTrainer, type Trainer } from '../training/engine';
import { readGraphInfo } from './graph-info';
import { exportRunModel, openScorer, readPackage } from './index';
import { TEST_ROWS, TRAIN_ROWS, columnar, fullSpec, makeFrame, rowsOf, train } from './packaging-test-data';

const frame = makeFrame();
const testRows = rowsOf(TRAIN_ROWS, TRAIN_ROWS + TEST_ROWS);
let trainer: Trainer;
const dirs = tempDir('workbench-packaging-');

beforeAll(async () => {
  trainer = await createTrainer({ backend: 'cpu' });
}, 60_000);

afterAll(async () => {
  await trainer.dispose();
  dirs.cleanup();
});

const mlp = (activation: 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'selu'): Algorithm => ({ kind: 'mlp', hiddenLayers: [8, 4], activation, dropout: 0, l2: 0 });
const linear: Algorithm = { kind: 'linear', l2: 0 };

const cases: [string, TaskKind, Algorithm][] = [
  ['binary, logistic regression', 'binary', linear],
  ['binary, MLP relu', 'binary', mlp('relu')],
  ['binary, MLP selu', 'binary', mlp('selu')],
  ['multiclass, softmax regression', 'multiclass', linear],
  ['multiclass, MLP tanh', 'multiclass', mlp('tanh')],
  ['multiclass, MLP elu', 'multiclass', mlp('elu')],
  ['regression, linear', 'regression', linear],
  ['regression, MLP sigmoid', 'regression', mlp('sigmoid')],
];

const measured: string[] = [];
afterAll(() => console.info(`parity (max |onnxruntime - TF.js| / max(1, |TF.js|), ${TEST_ROWS} test rows):\n${measured.join('\n')}`));

describe('a trained run exported to ONNX', () => {
  it.each(cases)('%s: onnxruntime gives the TF.js outputs within 1e-5', async (name, task, algorithm) => {
    const { fitted, weights, expected } = await train(trainer, frame, fullSpec(task), algorithm);
    const dir = join(dirs.path, name.replace(/\W+/g, '-'));
    const parityInput = columnar(frame, fitted.inputColumns, testRows);
    const { parity, signature } = await exportRunModel({ dir, fitted, weights, example: columnar(frame, fitted.inputColumns, testRows.subarray(0, 3)), parity: { input: parityInput, expected } });
    measured.push(`  ${name}: ${parity?.maxAbsDiff.toExponential(2)}`);
    expect(parity).toMatchObject({ rows: TEST_ROWS, tolerance: 1e-5, passed: true });
    expect(parity?.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    expect(JSON.parse(await readFile(join(dir, 'parity.json'), 'utf8'))).toMatchObject({ ...parity, measure: expect.stringContaining('max(1, |tfjs|)') });

    // The same through the written package, with the scorer's own checks on.
    const scorer = await openScorer(dir);
    const result = await scorer.score(parityInput);
    await scorer.release();
    const classes = fitted.classes;
    const prediction = result.outputs.find((o) => o.name === 'prediction');
    expect(prediction?.dims).toEqual([TEST_ROWS]);
    if (classes === null) {
      expect(signature.outputs).toEqual([{ name: 'prediction', type: 'float' }]);
      (prediction?.values as number[]).forEach((value, row) => expect(Math.abs(value - (expected[row] ?? NaN)) / Math.max(1, Math.abs(expected[row] ?? NaN))).toBeLessThanOrEqual(1e-5));
      return;
    }
    expect(signature.outputs).toEqual([{ name: 'prediction', type: 'string' }, ...classes.map((label) => ({ name: `probability_${label}`, type: 'float' }))]);
    const k = classes.length;
    for (let row = 0; row < TEST_ROWS; row++) {
      const probabilities = Array.from(expected.subarray(row * k, row * k + k));
      const sorted = [...probabilities].sort((a, b) => b - a);
      if ((sorted[0] ?? 0) - (sorted[1] ?? 0) < 1e-4) continue; // a near tie may go either way in float32
      expect(prediction?.values[row]).toBe(classes[probabilities.indexOf(sorted[0] ?? 0)]);
    }
  });

  it('measures regression values relative to their size above 1, and records a failed check', async () => {
    const scaled = makeFrame();
    const spend = scaled.columns.find((c) => c.name === 'spend');
    if (spend?.kind !== 'number') throw new Error('spend');
    spend.values = spend.values.map((v) => v * 10_000);
    const { fitted, weights, expected } = await train(trainer, scaled, fullSpec('regression'), mlp('relu'));
    const input = columnar(scaled, fitted.inputColumns, testRows);
    const example = columnar(scaled, fitted.inputColumns, testRows.subarray(0, 1));
    // Values in the thousands: float32 has 1e-4 to 5e-4 between neighbours there, so an absolute 1e-5 could not hold.
    expect(Math.max(...Array.from(expected, Math.abs))).toBeGreaterThan(1000);
    const good = await exportRunModel({ dir: join(dirs.path, 'large'), fitted, weights, example, parity: { input, expected } });
    measured.push(`  regression in the thousands, MLP relu: ${good.parity?.maxAbsDiff.toExponential(2)}`);
    expect(good.parity?.passed).toBe(true);
    const off = expected.map((v, i) => (i === 7 ? v * (1 + 1e-4) : v));
    const bad = await exportRunModel({ dir: join(dirs.path, 'large-off'), fitted, weights, example, parity: { input, expected: off } });
    expect(bad.parity?.passed).toBe(false);
    expect(bad.parity?.maxAbsDiff).toBeCloseTo(1e-4, 5);
    expect(JSON.parse(await readFile(join(dirs.path, 'large-off', 'parity.json'), 'utf8'))).toMatchObject({ passed: false });
  });

  it('gives a category never seen in training all zeros, as TF.js does', async () => {
    const { fitted, weights } = await train(trainer, frame, fullSpec('binary'), linear);
    expect(frame.columns.find((c) => c.name === 'plan')?.values.slice(TRAIN_ROWS)).toContain('platinum');
    const dir = join(dirs.path, 'unseen');
    await exportRunModel({ dir, fitted, weights, example: columnar(frame, fitted.inputColumns, testRows.subarray(0, 1)) });
    const scorer = await openScorer(dir);
    const row = { age: [40, 40, 40], income: [50_000, 50_000, 50_000], joined: [Date.UTC(2018, 0, 1), Date.UTC(2018, 0, 1), Date.UTC(2018, 0, 1)], region: [2, 2, 2] };
    const result = await scorer.score({ rows: 3, columns: { ...row, plan: ['platinum', 'never-seen', 'pro'] } });
    await scorer.release();
    const yes = result.outputs.find((o) => o.name === 'probability_yes')?.values as number[];
    expect(yes[0]).toBe(yes[1]);
    expect(yes[2]).not.toBe(yes[0]);
  });

  it('writes the MLmodel fields, environment and example that MLflow reads', async () => {
    const { fitted, weights } = await train(trainer, frame, fullSpec('multiclass'), linear);
    const dir = join(dirs.path, 'mlmodel');
    await exportRunModel({ dir, fitted, weights, example: columnar(frame, fitted.inputColumns, testRows.subarray(0, 2)) });
    const mlmodel = parse(await readFile(join(dir, 'MLmodel'), 'utf8'));
    expect(mlmodel.flavors.onnx).toMatchObject({ data: 'model.onnx', providers: ['CPUExecutionProvider'] });
    expect(mlmodel.flavors.onnx.onnx_version).toMatch(/^1\.\d+\.\d+$/);
    expect(mlmodel.flavors.python_function).toMatchObject({ loader_module: 'mlflow.onnx', data: 'model.onnx', env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' } });
    expect(JSON.parse(mlmodel.signature.inputs)).toEqual([
      { type: 'double', name: 'age', required: true },
      { type: 'double', name: 'income', required: true },
      { type: 'double', name: 'joined', required: true },
      { type: 'string', name: 'plan', required: true },
      { type: 'double', name: 'region', required: true },
    ]);
    expect(JSON.parse(mlmodel.signature.outputs).map((o: { name: string; type: string }) => `${o.name}:${o.type}`)).toEqual(['prediction:string', 'probability_high:float', 'probability_low:float', 'probability_mid:float']);
    expect(mlmodel.saved_input_example_info).toMatchObject({ artifact_path: 'input_example.json', type: 'dataframe', pandas_orient: 'split' });
    const example = JSON.parse(await readFile(join(dir, 'input_example.json'), 'utf8'));
    expect(example.columns).toEqual(fitted.inputColumns);
    expect(example.data).toHaveLength(2);
    expect(example.data[0]).toHaveLength(5);
    const serving = JSON.parse(await readFile(join(dir, mlmodel.saved_input_example_info.serving_input_path), 'utf8'));
    expect(serving.dataframe_split).toEqual(example);
    for (const file of ['requirements.txt', 'conda.yaml', 'python_env.yaml']) expect(await readFile(join(dir, file), 'utf8')).toMatch(/onnxruntime|requirements\.txt/);
    expect(await readFile(join(dir, 'requirements.txt'), 'utf8')).toMatch(/^onnx>=/m);
    expect(parse(await readFile(join(dir, 'python_env.yaml'), 'utf8'))).toMatchObject({ dependencies: ['-r requirements.txt'] });

    // MLflow's onnx flavour feeds each column as a 1-D array: every input is [N], every output [N].
    const info = readGraphInfo(await readFile(join(dir, 'model.onnx')), 'model.onnx');
    expect(info.inputs.map((i) => i.dims)).toEqual([[null], [null], [null], [null], [null]]);
    expect(info.outputs.every((o) => o.dims?.length === 1)).toBe(true);
    expect(info.opsets).toEqual(expect.arrayContaining([{ domain: 'ai.onnx.ml', version: 3 }]));
    const pkg = await readPackage(dir);
    expect(pkg.files).toEqual(expect.arrayContaining(['MLmodel', 'model.onnx', 'input_example.json', 'conda.yaml', 'python_env.yaml', 'requirements.txt']));
    expect(pkg.signature.inputs.map((i) => i.name)).toEqual(fitted.inputColumns);
  });

  it('takes a lone column as [N, 1], as MLflow feeds a single-input model', async () => {
    const spec = pipelineSpecSchema.parse({ target: 'churn', task: 'binary', columns: [{ column: 'plan', role: 'categorical', steps: [{ op: 'impute', strategy: 'most_frequent' }, { op: 'onehot' }] }] });
    const { fitted, weights, expected } = await train(trainer, frame, spec, mlp('relu'));
    const dir = join(dirs.path, 'single');
    const { parity } = await exportRunModel({ dir, fitted, weights, example: columnar(frame, ['plan'], testRows.subarray(0, 2)), parity: { input: columnar(frame, ['plan'], testRows), expected } });
    expect(parity?.passed).toBe(true);
    const info = readGraphInfo(await readFile(join(dir, 'model.onnx')), 'model.onnx');
    expect(info.inputs).toEqual([{ name: 'plan', elemType: 8, dims: [null, 1] }]);
    const scorer = await openScorer(dir);
    expect(scorer.signature.inputs).toEqual([{ name: 'plan', type: 'string' }]);
    const result = await scorer.score({ rows: 2, columns: { plan: ['pro', null] } });
    expect(result.outputs.map((o) => o.dims)).toEqual([[2], [2], [2]]);
    expect((await scorer.score({ rows: 0, columns: { plan: [] } })).outputs.map((o) => o.dims)).toEqual([[0], [0], [0]]);
    await scorer.release();
  });

  it('refuses a missing value where the pipeline does not impute, naming the column and row', async () => {
    const { fitted, weights } = await train(trainer, frame, fullSpec('regression'), linear);
    const dir = join(dirs.path, 'nulls');
    await exportRunModel({ dir, fitted, weights, example: columnar(frame, fitted.inputColumns, testRows.subarray(0, 1)) });
    const scorer = await openScorer(dir);
    const input = columnar(frame, fitted.inputColumns, testRows.subarray(0, 3));
    // age imputes: NaN and null are fine there; income does not.
    input.columns.age = [NaN, null, 30];
    await expect(scorer.score(input)).resolves.toMatchObject({ rows: 3 });
    input.columns.income = [50_000, null, 20_000];
    const error = await failure(scorer.score(input));
    expect(error).toMatchObject({ code: 'invalid_input', details: { column: 'income', row: 1 } });
    expect(error.message).toContain('"income", row 1');
    // A date column takes ISO text too.
    input.columns.income = [50_000, 60_000, 20_000];
    // Mixed text and numbers, as a JSON request may send them.
    input.columns.joined = ['2018-01-01', '2019-06-30T12:00:00Z', 1.5e12] as unknown as string[];
    await expect(scorer.score(input)).resolves.toMatchObject({ rows: 3 });
    input.columns.joined = ['2018-01-01', 'yesterday', '1.5e12'];
    expect(await failure(scorer.score(input))).toMatchObject({ code: 'invalid_input', details: { column: 'joined', row: 1 } });
    await scorer.release();
  });
});
