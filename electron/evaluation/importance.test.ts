import { describe, expect, it } from 'vitest';
import { failure } from '../../test/helpers';
import { permutationImportance, regressionMetrics, seededRandom } from './index';

/** A "model" that reads only `signal`: y = 3 × signal. `noise` is an input it ignores. */
function syntheticProblem(rows: number) {
  const random = seededRandom(99);
  const data: Record<string, Float64Array> = {
    signal: Float64Array.from({ length: rows }, () => random() * 10),
    noise: Float64Array.from({ length: rows }, () => random() * 10),
  };
  const target = data.signal!.map((value) => 3 * value);
  const predict = (columns: Record<string, Float64Array>): Float64Array => columns.signal!.map((value) => 3 * value);
  const calls: { column: string; permutation: Int32Array; score: number }[] = [];
  const score = (column: string, permutation: Int32Array): Promise<number> => {
    const shuffled = { ...data, [column]: Float64Array.from(permutation, (row) => data[column]![row]!) };
    const value = regressionMetrics(target, predict(shuffled)).rmse!;
    calls.push({ column, permutation, score: value });
    return Promise.resolve(value);
  };
  const baseline = regressionMetrics(target, predict(data)).rmse!;
  return { score, calls, baseline };
}

describe('permutationImportance', () => {
  it('finds the column the model uses and gives the ignored one nothing', async () => {
    const problem = syntheticProblem(300);
    const result = await permutationImportance({
      columns: ['noise', 'signal'],
      rows: 300,
      repeats: 5,
      seed: 1,
      baseline: problem.baseline,
      higherIsBetter: false,
      metric: 'rmse',
      score: problem.score,
    });
    expect(result.metric).toBe('rmse');
    expect(result.columns.map((c) => c.column)).toEqual(['noise', 'signal']);
    const [noise, signal] = result.columns;
    expect(noise).toEqual({ column: 'noise', mean: 0, std: 0 });
    // Shuffling a uniform [0, 10) column: rmse ≈ 3 × sqrt(2 × 100/12) ≈ 12.2.
    expect(signal!.mean).toBeGreaterThan(10);
    expect(signal!.mean).toBeLessThan(15);
    expect(signal!.std).toBeGreaterThan(0);

    // Each draw is a permutation of the rows; mean and (population) std are of the drops.
    const drops = problem.calls.filter((call) => call.column === 'signal').map((call) => call.score - problem.baseline);
    expect(drops).toHaveLength(5);
    const mean = drops.reduce((a, b) => a + b, 0) / 5;
    expect(signal!.mean).toBeCloseTo(mean, 12);
    expect(signal!.std).toBeCloseTo(Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / 5), 12);
    for (const { permutation } of problem.calls) expect(Array.from(permutation).sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('counts a drop as positive when higher is better', async () => {
    const result = await permutationImportance({
      columns: ['a'],
      rows: 10,
      repeats: 2,
      seed: 0,
      baseline: 0.9,
      higherIsBetter: true,
      metric: 'roc_auc',
      score: () => Promise.resolve(0.6),
    });
    expect(result.columns[0]!.mean).toBeCloseTo(0.3, 12);
  });

  it('draws the same permutations for the same seed', async () => {
    const draw = async (seed: number) => {
      const problem = syntheticProblem(50);
      await permutationImportance({ columns: ['signal', 'noise'], rows: 50, repeats: 3, seed, baseline: problem.baseline, higherIsBetter: false, metric: 'rmse', score: problem.score });
      return problem.calls.map((call) => Array.from(call.permutation));
    };
    expect(await draw(4)).toEqual(await draw(4));
    expect(await draw(5)).not.toEqual(await draw(4));
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = permutationImportance({
      columns: ['a', 'b', 'c'],
      rows: 10,
      repeats: 2,
      seed: 0,
      baseline: 1,
      higherIsBetter: false,
      metric: 'rmse',
      signal: controller.signal,
      score: () => {
        calls += 1;
        if (calls === 2) controller.abort();
        return Promise.resolve(1);
      },
    });
    expect((await failure(run)).code).toBe('cancelled');
    expect(calls).toBe(2);
  });

  it('refuses no repeats and a score that is not a number', async () => {
    const base = { columns: ['a'], rows: 5, seed: 0, baseline: 1, higherIsBetter: false, metric: 'rmse' };
    expect((await failure(permutationImportance({ ...base, repeats: 0, score: () => Promise.resolve(1) }))).code).toBe('invalid_input');
    expect((await failure(permutationImportance({ ...base, repeats: 1, score: () => Promise.resolve(NaN) }))).code).toBe('training_diverged');
  });
});
