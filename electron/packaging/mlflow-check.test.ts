import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineSpecSchema, type PipelineSpec } from '../../shared/contract';
import { repoRoot, tempDir } from '../../test/helpers';
import { createTrainer, type Trainer } from '../training/engine';
import { exportRunModel, openScorer } from './index';
import { TRAIN_ROWS, columnar, fullSpec, makeFrame, train } from './packaging-test-data';

/**
 * The exported directory as MLflow's onnx flavour loads it: onnx.checker, then
 * each DataFrame column fed as a 1-D array (test/fixtures/packaging/mlflow_onnx_check.py).
 * Needs a python with onnx, onnxruntime, pandas and PyYAML: WORKBENCH_PYTHON, or python3.
 */
const python = process.env.WORKBENCH_PYTHON ?? 'python3';
const hasOnnx = spawnSync(python, ['-c', 'import onnx, onnxruntime, pandas, yaml'], { stdio: 'ignore' }).status === 0;
const script = join(repoRoot, 'test/fixtures/packaging/mlflow_onnx_check.py');

const frame = makeFrame();
const dirs = tempDir('workbench-mlflow-check-');
let trainer: Trainer;

beforeAll(async () => {
  if (hasOnnx) trainer = await createTrainer({ backend: 'cpu' });
}, 60_000);
afterAll(async () => {
  await trainer?.dispose();
  dirs.cleanup();
});

const single = pipelineSpecSchema.parse({ target: 'tier', task: 'multiclass', columns: [{ column: 'income', role: 'numeric', steps: [{ op: 'standardize' }] }] });
const cases: [string, PipelineSpec][] = [
  ['binary', fullSpec('binary')],
  ['multiclass', fullSpec('multiclass')],
  ['regression', fullSpec('regression')],
  ['one input column', single],
];

describe.skipIf(!hasOnnx)(`the package under MLflow's onnx flavour (${python})`, () => {
  it.each(cases)('%s: passes onnx.checker and predicts as the workbench does', async (name, spec) => {
    const { fitted, weights } = await train(trainer, frame, spec, { kind: 'mlp', hiddenLayers: [6], activation: 'tanh', dropout: 0, l2: 0 });
    const dir = join(dirs.path, name.replace(/\W+/g, '-'));
    // Rows with a missing age, date, plan and region, and a plan never seen in training.
    const example = columnar(frame, fitted.inputColumns, Int32Array.from([3, 7, 19, 29, 53, 0, 1, 2], (i) => TRAIN_ROWS + i));
    await exportRunModel({ dir, fitted, weights, example });

    const run = spawnSync(python, [script, dir], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const checked = JSON.parse(run.stdout) as { checker: string; inputs: Record<string, string>; predictions: Record<string, number | string>[] };
    expect(checked.checker).toBe('ok');
    expect(Object.keys(checked.inputs)).toEqual(fitted.inputColumns);

    const scorer = await openScorer(dir);
    // The example file as written, nulls and all.
    const saved = JSON.parse(readFileSync(join(dir, 'input_example.json'), 'utf8')) as { columns: string[]; data: (number | string | null)[][] };
    if (fitted.inputColumns.length > 1) {
      expect(saved.data.flat()).toContain(null);
      expect(saved.data.map((row) => row[saved.columns.indexOf('plan')])).toEqual(expect.arrayContaining(['', 'platinum']));
    }
    const columns = Object.fromEntries(saved.columns.map((column, c) => [column, saved.data.map((row) => row[c] ?? null)]));
    const ours = await scorer.score({ rows: saved.data.length, columns: columns as Record<string, (number | null)[]> });
    await scorer.release();
    expect(checked.predictions).toHaveLength(8);
    for (const output of ours.outputs) {
      checked.predictions.forEach((row, r) => {
        const value = output.values[r];
        if (typeof value === 'string') expect(row[output.name]).toBe(value);
        else expect(Math.abs(Number(row[output.name]) - (value ?? NaN))).toBeLessThanOrEqual(1e-6);
      });
    }
  });
});
