import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { failure, repoRoot, tempDir } from '../../test/helpers';
import { openScorer, packageOnnxFile, readPackage, type Scorer } from './index';

/** Models from torch.onnx, and torch's outputs: test/fixtures/packaging/make_fixtures.py. */
const fixtures = join(repoRoot, 'test/fixtures/packaging');
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as {
  table: { columns: string[]; x: number[][]; probabilities: number[][] };
  columns: { a: number[]; b: number[]; k: number[]; y: number[] };
};
const dirs = tempDir('workbench-scorer-');
afterAll(() => dirs.cleanup());

function expectClose(actual: number[] | string[], wanted: number[], tolerance = 1e-5): void {
  expect(actual).toHaveLength(wanted.length);
  wanted.forEach((value, i) => expect(Math.abs(Number(actual[i]) - value)).toBeLessThanOrEqual(tolerance));
}

async function packaged(file: string): Promise<string> {
  const dir = join(dirs.path, file.replace('.onnx', ''));
  await packageOnnxFile(join(fixtures, file), dir);
  return dir;
}

async function withScorer<T>(dir: string, use: (scorer: Scorer) => Promise<T>): Promise<T> {
  const scorer = await openScorer(dir);
  try {
    return await use(scorer);
  } finally {
    await scorer.release();
  }
}

const { a, b, k, y } = expected.columns;

describe('scoring ONNX models from elsewhere', () => {
  it.each(['columns-1d.onnx', 'columns-n1.onnx'])('%s: one column per input, converting to double, float and int64', async (file) => {
    const dir = await packaged(file);
    await withScorer(dir, async (scorer) => {
      expect(scorer.signature.inputs).toEqual([
        { name: 'a', type: 'double' },
        { name: 'b', type: 'float' },
        { name: 'k', type: 'long' },
      ]);
      // Columns in another order, and numbers as text: the scorer goes by name and type.
      const result = await scorer.score({ rows: 5, columns: { k: k.map(String), b, a } });
      expect(result.rows).toBe(5);
      const [output] = result.outputs;
      expect(output?.name).toBe('y');
      expect(output?.dims).toEqual(file === 'columns-1d.onnx' ? [5] : [5, 1]);
      expectClose(output?.values ?? [], y);
      // Booleans as 1 and 0; no rows at all.
      const flags = await scorer.score({ rows: 2, columns: { a: [true, false], b: [0, 0], k: [0, 0] } });
      expectClose(flags.outputs[0]?.values ?? [], [2, 0]);
      expect((await scorer.score({ rows: 0, columns: { a: [], b: [], k: [] } })).outputs[0]?.values).toEqual([]);
    });
  });

  it('names the column and row of a bad value, and a missing column', async () => {
    const dir = await packaged('columns-1d.onnx');
    await withScorer(dir, async (scorer) => {
      const bad = async (columns: Record<string, unknown[]>, column: string, row?: number): Promise<string> => {
        const error = await failure(scorer.score({ rows: 5, columns: { a, b, k, ...(columns as Record<string, number[]>) } }));
        expect(error.code).toBe('invalid_input');
        expect(error.details).toMatchObject(row === undefined ? { column } : { column, row });
        return error.message;
      };
      expect(await bad({ a: [1, 2, 'abc', 4, 5] }, 'a', 2)).toContain('"abc" is not a number');
      expect(await bad({ k: [1, 2, 3, 4.5, 5] }, 'k', 3)).toContain('not an integer');
      expect(await bad({ k: [1, null, 3, 4, 5] }, 'k', 1)).toContain('missing');
      expect(await bad({ b: [1, 2, 3] }, 'b')).toContain('3 values for 5 rows');
      expect(await bad({ a: Float64Array.from([1, 2, 3, Infinity, 5]) as unknown as number[] }, 'a', 3)).toContain('Infinity is not a finite number');
      const error = await failure(scorer.score({ rows: 5, columns: { a, k } }));
      expect(error).toMatchObject({ code: 'invalid_input', details: { column: 'b' } });
      expect(error.message).toBe('Column "b" is missing.');
      // A float column of someone else's model may hold NaN: their graph decides what it means.
      const nan = await scorer.score({ rows: 5, columns: { a: [NaN, ...a.slice(1)], b, k } });
      expect(Number.isNaN(nan.outputs[0]?.values[0])).toBe(true);
    });
  });

  it('feeds a one-input 2-D model from the MLmodel signature columns, in their order', async () => {
    const dir = join(fixtures, 'torch-iris');
    const pkg = await readPackage(dir);
    expect(pkg.signature.inputs.map((field) => `${field.name}:${field.type}`)).toEqual(expected.table.columns.map((name) => `${name}:float`));
    expect(pkg.signature.outputs).toEqual([{ name: 'probabilities', type: 'tensor', dtype: 'float32', shape: [-1, 3] }]);
    expect(pkg.files).toEqual(['MLmodel', 'conda.yaml', 'model.onnx']);
    expect(pkg.onnxFile).toBe(join(dir, 'model.onnx'));
    await withScorer(dir, async (scorer) => {
      const columns: Record<string, number[]> = {};
      // Given in reverse: the signature's order is what counts.
      for (const [c, name] of [...expected.table.columns.entries()].reverse()) columns[name] = expected.table.x.map((row) => row[c] ?? NaN);
      const result = await scorer.score({ rows: expected.table.x.length, columns });
      expect(result.outputs[0]?.dims).toEqual([6, 3]);
      expectClose(result.outputs[0]?.values ?? [], expected.table.probabilities.flat());
    });
  });

  it('wraps a bare ONNX file into a model directory, the signature read from the graph', async () => {
    const dir = await packaged('table-2d.onnx');
    const pkg = await readPackage(dir);
    expect(pkg.signature).toEqual({
      inputs: [{ name: 'X', type: 'tensor', dtype: 'float32', shape: [-1, 4] }],
      outputs: [{ name: 'probabilities', type: 'tensor', dtype: 'float32', shape: [-1, 3] }],
    });
    const mlmodel = parse(readFileSync(join(dir, 'MLmodel'), 'utf8'));
    expect(mlmodel.flavors.onnx.data).toBe('model.onnx');
    expect(JSON.parse(mlmodel.signature.inputs)).toEqual([{ type: 'tensor', 'tensor-spec': { dtype: 'float32', shape: [-1, 4] }, name: 'X' }]);
    expect(readFileSync(join(dir, 'model.onnx'))).toEqual(readFileSync(join(fixtures, 'table-2d.onnx')));
    // No column names: the table's own columns, in order.
    await withScorer(dir, async (scorer) => {
      const columns = Object.fromEntries([0, 1, 2, 3].map((c) => [`c${c}`, expected.table.x.map((row) => row[c] ?? NaN)]));
      const result = await scorer.score({ rows: 6, columns });
      expectClose(result.outputs[0]?.values ?? [], expected.table.probabilities.flat());
      expect(await failure(scorer.score({ rows: 6, columns: { c0: columns.c0 ?? [] } }))).toMatchObject({ code: 'invalid_input' });
    });
  });
});

describe('bad model files', () => {
  it('refuses a corrupt ONNX file, naming it', async () => {
    const dir = join(dirs.path, 'corrupt');
    cpSync(join(fixtures, 'torch-iris'), dir, { recursive: true });
    const good = readFileSync(join(dir, 'model.onnx'));
    for (const bytes of [good.subarray(0, good.length - 40), Buffer.from('this is not a protobuf at all, just text\n'), Buffer.alloc(0)]) {
      writeFileSync(join(dir, 'model.onnx'), bytes);
      const error = await failure(openScorer(dir));
      expect(error.code).toBe('model_invalid');
      expect(error.message).toContain(join(dir, 'model.onnx'));
      expect(error.details).toMatchObject({ file: join(dir, 'model.onnx') });
    }
    expect((await failure(readPackage(dir))).code).toBe('model_invalid');
    const bare = join(dirs.path, 'garbage.onnx');
    writeFileSync(bare, good.subarray(0, 100));
    expect(await failure(packageOnnxFile(bare, join(dirs.path, 'never')))).toMatchObject({ code: 'model_invalid', details: { file: bare } });
  });

  it('refuses an MLmodel with no onnx flavour, and a folder with no MLmodel', async () => {
    const dir = join(fixtures, 'sklearn-mlmodel');
    const error = await failure(readPackage(dir));
    expect(error).toMatchObject({ code: 'model_invalid', details: { file: join(dir, 'MLmodel') } });
    expect(error.message).toMatch(/no onnx flavour \(flavours: python_function, sklearn\)/);
    expect((await failure(openScorer(dir))).code).toBe('model_invalid');
    expect(await failure(readPackage(fixtures))).toMatchObject({ code: 'model_invalid', details: { file: join(fixtures, 'MLmodel') } });
  });

  it('refuses a data path that leaves the model directory', async () => {
    const dir = join(dirs.path, 'escape');
    cpSync(join(fixtures, 'torch-iris'), dir, { recursive: true });
    const text = readFileSync(join(dir, 'MLmodel'), 'utf8').replace('    data: model.onnx\n    onnx_version', '    data: ../table-2d.onnx\n    onnx_version');
    writeFileSync(join(dir, 'MLmodel'), text);
    expect((await failure(readPackage(dir))).message).toContain('outside the model directory');
  });
});
