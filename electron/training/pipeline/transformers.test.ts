import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { pipelineSpecSchema, WorkbenchError, type PipelineSpec } from '../../../shared/contract';
import { repoRoot } from '../../../test/helpers';
import { encodeTarget, featureNames, fitPipeline, transformFrame, transformRecords, type FittedPipeline, type Frame, type FrameColumn } from './index';

type PipelineSpecInput = z.input<typeof pipelineSpecSchema>;

/** Inputs and scikit-learn's outputs, written by test/fixtures/pipeline/make_fixtures.py. */
interface Fixture {
  frame: { rows: number; columns: { name: string; kind: 'number' | 'string'; values: (number | string | null)[] }[] };
  train: number[];
  test: number[];
  cases: { name: string; spec: PipelineSpecInput; featureNames: string[]; train: number[][]; test: number[][] }[];
  targets: { target: string; task: PipelineSpec['task']; classes: string[] | null; train: number[]; test: number[] }[];
}

const fixture = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/pipeline/transformers.json'), 'utf8')) as Fixture;

function toFrame(data: Fixture['frame']): Frame {
  const columns = data.columns.map((column): FrameColumn =>
    column.kind === 'number'
      ? { name: column.name, kind: 'number', values: Float64Array.from(column.values, (v) => (v === null ? NaN : Number(v))) }
      : { name: column.name, kind: 'string', values: column.values.map((v) => (v === null ? null : String(v))) },
  );
  return { rows: data.rows, columns };
}

const frame = toFrame(fixture.frame);
const train = Int32Array.from(fixture.train);
const test = Int32Array.from(fixture.test);

/** The output is float32: compare relative to the magnitude, 1e-6. */
function expectMatrix(actual: { x: Float32Array; rows: number; width: number }, expected: number[][]): void {
  expect(actual.rows).toBe(expected.length);
  expect(actual.width).toBe(expected[0]?.length);
  expected.forEach((row, r) =>
    row.forEach((value, c) => {
      const got = actual.x[r * actual.width + c] ?? NaN;
      if (Math.abs(got - value) > 1e-6 * Math.max(1, Math.abs(value))) throw new Error(`row ${r}, column ${c}: ${got} instead of ${value}`);
    }),
  );
}

function spec(input: PipelineSpecInput): PipelineSpec {
  return pipelineSpecSchema.parse(input);
}

function column(name: string): FrameColumn {
  const found = frame.columns.find((c) => c.name === name);
  if (!found) throw new Error(name);
  return found;
}

/** The same frame with one value of one numeric column replaced. */
function withValue(name: string, row: number, value: number): Frame {
  return {
    rows: frame.rows,
    columns: frame.columns.map((c) => {
      if (c.name !== name || c.kind !== 'number') return c;
      const values = Float64Array.from(c.values);
      values[row] = value;
      return { ...c, values };
    }),
  };
}

describe('transformers against scikit-learn', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, testCase) => {
    const fitted = fitPipeline(spec(testCase.spec), frame, train);
    expect(featureNames(fitted)).toEqual(testCase.featureNames);
    expectMatrix(transformFrame(fitted, frame, train), testCase.train);
    expectMatrix(transformFrame(fitted, frame, test), testCase.test);
    // The fitted pipeline is stored as JSON: a round trip transforms the same.
    const stored = JSON.parse(JSON.stringify(fitted)) as FittedPipeline;
    expectMatrix(transformFrame(stored, frame, test), testCase.test);
  });

  it.each(fixture.targets.map((t) => [t.target, t] as const))('encodes the target %s as LabelEncoder does', (_, expected) => {
    const fitted = fitPipeline(spec({ target: expected.target, task: expected.task, columns: [{ column: 'num_b', role: 'numeric' }] }), frame, train);
    expect(fitted.task).toBe(expected.task);
    expect(fitted.classes).toEqual(expected.classes);
    expectMatrix({ x: encodeTarget(fitted, frame, train), rows: train.length, width: 1 }, expected.train.map((v) => [v]));
    expectMatrix({ x: encodeTarget(fitted, frame, test), rows: test.length, width: 1 }, expected.test.map((v) => [v]));
  });
});

describe('fitting on the training rows only', () => {
  const scaled = spec({ target: 'y_reg', task: 'regression', columns: [{ column: 'num_b', role: 'numeric', steps: [{ op: 'standardize' }] }] });
  const outlierRow = fixture.test[0] ?? 0;

  it('ignores an outlier in a test row', () => {
    const before = fitPipeline(scaled, frame, train);
    const after = fitPipeline(scaled, withValue('num_b', outlierRow, 1e9), train);
    expect(after.columns).toEqual(before.columns);
    // The same outlier in a training row does move the scaler: the check above could fail.
    const leaked = fitPipeline(scaled, withValue('num_b', fixture.train[0] ?? 0, 1e9), train);
    expect(leaked.columns).not.toEqual(before.columns);
  });

  it('imputes test rows with training statistics', () => {
    const imputed = spec({ target: 'y_reg', task: 'regression', columns: [{ column: 'num_a', role: 'numeric', steps: [{ op: 'impute', strategy: 'mean' }] }] });
    const fitted = fitPipeline(imputed, frame, train);
    const values = column('num_a').values as Float64Array;
    const trainValues = Array.from(train, (r) => values[r] ?? NaN).filter((v) => !Number.isNaN(v));
    const trainMean = trainValues.reduce((a, b) => a + b, 0) / trainValues.length;
    const missingTestRow = fixture.test.find((r) => Number.isNaN(values[r]));
    if (missingTestRow === undefined) throw new Error('the fixture needs a missing value in a test row');
    expect(transformFrame(fitted, frame, Int32Array.of(missingTestRow)).x[0]).toBeCloseTo(trainMean, 5);
  });
});

describe('prediction records', () => {
  const pipeline = spec({
    target: 'y_bin',
    task: 'binary',
    columns: [
      { column: 'num_a', role: 'numeric', steps: [{ op: 'impute', strategy: 'median' }, { op: 'standardize' }] },
      { column: 'cat_a', role: 'categorical', steps: [{ op: 'onehot' }] },
      { column: 'codes', role: 'categorical', steps: [{ op: 'onehot' }] },
      { column: 'num_b', role: 'numeric', steps: [{ op: 'bucketize', bins: 3 }] },
    ],
  });
  const rowsWithCategory = train.filter((r) => column('cat_a').values[r] !== null);
  const fitted = fitPipeline(pipeline, frame, rowsWithCategory);

  it('gives the same features as the frame', () => {
    const rows = rowsWithCategory.slice(0, 5);
    const records = Array.from(rows, (r) => Object.fromEntries(frame.columns.map((c) => [c.name, Number.isNaN(c.values[r]) ? null : c.values[r]])));
    const fromRecords = transformRecords(fitted, records);
    expect(Array.from(fromRecords.x)).toEqual(Array.from(transformFrame(fitted, frame, rows).x));
    expect(fitted.inputColumns).toEqual(['num_a', 'cat_a', 'codes', 'num_b']);
  });

  it('gives all zeros for a category never seen in training', () => {
    const { x, width } = transformRecords(fitted, [{ num_a: 1, cat_a: 'ultraviolet', codes: 1234, num_b: 1 }]);
    const names = featureNames(fitted);
    expect(width).toBe(names.length);
    names.forEach((name, i) => {
      if (name.startsWith('cat_a=') || name.startsWith('codes=')) expect(x[i]).toBe(0);
    });
    expect(names.filter((name, i) => name.startsWith('num_b_bin_') && x[i] === 1)).toHaveLength(1);
  });

  it('imputes a null where the column has an impute step', () => {
    const { x } = transformRecords(fitted, [{ num_a: null, cat_a: 'red', codes: 2, num_b: 1 }]);
    expect(Number.isFinite(x[0])).toBe(true);
  });

  it.each([
    ['a missing field', { num_a: 1, cat_a: 'red', codes: 2 }, 'num_b', /missing/],
    ['a null without an impute step', { num_a: 1, cat_a: null, codes: 2, num_b: 1 }, 'cat_a', /null.*no impute step/],
    ['text for a number', { num_a: 'many', cat_a: 'red', codes: 2, num_b: 1 }, 'num_a', /expected a number, got string/],
    ['an object for a category', { num_a: 1, cat_a: { colour: 'red' }, codes: 2, num_b: 1 }, 'cat_a', /expected text/],
  ])('refuses %s, naming the field and the record', (_, bad, field, message) => {
    const good = { num_a: 1, cat_a: 'red', codes: 2, num_b: 1 };
    let caught: unknown;
    try {
      transformRecords(fitted, [good, bad]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WorkbenchError);
    const error = caught as WorkbenchError;
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(`records[1].${field}`);
    expect(error.message).toMatch(message);
    expect(error.details).toEqual({ field, record: 1 });
  });
});
