import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { pipelineSpecSchema } from '../../shared/contract';
import { repoRoot } from '../../test/helpers';
import { fitPipeline, transformRecords, type FittedPipeline, type Frame, type FrameColumn } from '../training/pipeline';
import { ElemType, GraphBuilder } from './onnx-builder';
import { addPipeline, graphInputs } from './pipeline-graph';

/** The pipeline fixture: a frame, and scikit-learn's features (test/fixtures/pipeline/make_fixtures.py). */
interface Fixture {
  frame: { rows: number; columns: { name: string; kind: 'number' | 'string'; values: (number | string | null)[] }[] };
  train: number[];
  test: number[];
  cases: { name: string; spec: z.input<typeof pipelineSpecSchema>; train: number[][]; test: number[][] }[];
}

const fixture = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/pipeline/transformers.json'), 'utf8')) as Fixture;
const frame: Frame = {
  rows: fixture.frame.rows,
  columns: fixture.frame.columns.map((column): FrameColumn =>
    column.kind === 'number'
      ? { name: column.name, kind: 'number', values: Float64Array.from(column.values, (v) => (v === null ? NaN : Number(v))) }
      : { name: column.name, kind: 'string', values: column.values.map((v) => (v === null ? null : String(v))) },
  ),
};

/** The pipeline alone as a graph: raw columns in, `features` [N, width] out. */
async function pipelineSession(fitted: FittedPipeline): Promise<ort.InferenceSession> {
  const g = new GraphBuilder();
  const values = new Map<string, string>();
  for (const input of graphInputs(fitted)) values.set(input.name, g.input(input.name, input.kind === 'string' ? ElemType.STRING : ElemType.DOUBLE, ['N']));
  g.op('Identity', [addPipeline(g, fitted, values)], {}, { output: 'features' });
  g.output('features', ElemType.FLOAT, ['N', fitted.width]);
  return ort.InferenceSession.create(g.encode({ name: 'pipeline' }));
}

/** The frame's rows as the graph takes them: doubles with NaN, text with '' for missing. */
function feeds(fitted: FittedPipeline, source: Frame, rows: number[]): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const name of fitted.inputColumns) {
    const column = source.columns.find((c) => c.name === name);
    if (!column) throw new Error(name);
    out[name] =
      column.kind === 'number'
        ? new ort.Tensor('float64', Float64Array.from(rows, (row) => column.values[row] ?? NaN), [rows.length])
        : new ort.Tensor('string', rows.map((row) => column.values[row] ?? ''), [rows.length]);
  }
  return out;
}

async function features(fitted: FittedPipeline, source: Frame, rows: number[]): Promise<Float32Array> {
  const session = await pipelineSession(fitted);
  const result = await session.run(feeds(fitted, source, rows));
  await session.release();
  return result.features?.data as Float32Array;
}

function expectClose(actual: Float32Array, expected: number[][]): void {
  const width = expected[0]?.length ?? 0;
  expect(actual.length).toBe(expected.length * width);
  expected.forEach((row, r) =>
    row.forEach((value, c) => {
      const got = actual[r * width + c] ?? NaN;
      if (Number.isNaN(value) && Number.isNaN(got)) return;
      if (!(Math.abs(got - value) <= 1e-6 * Math.max(1, Math.abs(value)))) throw new Error(`row ${r}, column ${c}: ${got} instead of ${value}`);
    }),
  );
}

describe('the pipeline as ONNX operators, against scikit-learn', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', async (_, testCase) => {
    const fitted = fitPipeline(pipelineSpecSchema.parse(testCase.spec), frame, Int32Array.from(fixture.train));
    expectClose(await features(fitted, frame, fixture.train), testCase.train);
    expectClose(await features(fitted, frame, fixture.test), testCase.test);
  });
});

describe('the pipeline as ONNX operators, against the workbench transform', () => {
  const rows = [0, 1, 2, 3, 4, 5, 6, 7];
  const codes: FrameColumn = { name: 'code', kind: 'number', values: Float64Array.from([3, NaN, 0.5, 3, 7, NaN, 0.5, 12]) };
  const when: FrameColumn = { name: 'when', kind: 'number', date: true, values: Float64Array.from([0, 8.64e7, NaN, 1.7e12, 1.6e12, 1.65e12, 5e11, 1.2e12]) };
  const words: FrameColumn = { name: 'word', kind: 'string', values: ['a', 'b', null, 'a', 'c', '', 'b', 'a'] };
  const target: FrameColumn = { name: 'y', kind: 'number', values: Float64Array.from(rows) };
  const local: Frame = { rows: rows.length, columns: [codes, when, words, target] };

  it('keys a number column with a text fill ("missing") and a date column like the JavaScript', async () => {
    const spec = pipelineSpecSchema.parse({
      target: 'y',
      task: 'regression',
      columns: [
        { column: 'code', role: 'categorical', steps: [{ op: 'impute', strategy: 'constant' }, { op: 'onehot', maxCategories: 3 }] },
        { column: 'code', role: 'numeric', steps: [{ op: 'impute', strategy: 'median' }, { op: 'minmax' }] },
        { column: 'when', role: 'numeric', steps: [{ op: 'impute', strategy: 'mean' }, { op: 'standardize' }, { op: 'bucketize', bins: 3, strategy: 'uniform' }] },
        { column: 'word', role: 'categorical', steps: [{ op: 'impute', strategy: 'most_frequent' }, { op: 'onehot', maxCategories: 2 }] },
      ],
    });
    const fitted = fitPipeline(spec, local, Int32Array.from([0, 1, 2, 3, 4, 5]));
    // The constant fill of a categorical column is the text "missing"; it must be a category for the check to bite.
    expect(fitted.columns[0]?.steps.at(-1)).toMatchObject({ op: 'onehot', categories: expect.arrayContaining(['missing']), infrequent: ['0.5', '7'] });
    const records = rows.map((row) => ({
      code: Number.isNaN(codes.values[row] ?? NaN) ? null : codes.values[row],
      when: Number.isNaN(when.values[row] ?? NaN) ? null : when.values[row],
      word: words.values[row] === '' ? 'zzz-unseen' : (words.values[row] ?? null),
    }));
    const expected = transformRecords(fitted, records);
    const unseenText: Frame = { ...local, columns: [codes, when, { ...words, values: words.values.map((v) => (v === '' ? 'zzz-unseen' : v)) }, target] };
    const got = await features(fitted, unseenText, rows);
    expect(Array.from(got)).toEqual(Array.from(expected.x));
  });
});
