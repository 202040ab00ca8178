import { WorkbenchError, type EvaluationReport } from '../../shared/contract';
import { randomPermutation, seededRandom } from './random';

export interface ImportanceInput {
  columns: string[];
  /** Rows of the split being scored: each permutation is of 0..rows-1. */
  rows: number;
  repeats: number;
  seed: number;
  /** The metric on the unshuffled split. */
  baseline: number;
  higherIsBetter: boolean;
  metric: string;
  signal?: AbortSignal;
  /** The metric with `column`'s values taken from row `permutation[i]` for row i. */
  score: (column: string, permutation: Int32Array) => Promise<number>;
}

/**
 * Permutation importance, as scikit-learn's `permutation_importance`: for each
 * column, shuffle it `repeats` times and measure how much the metric worsens
 * (positive: the model relies on the column). `std` is the population standard
 * deviation over the repeats (numpy's default, as scikit-learn reports it).
 * Columns keep their given order; permutations come from one seeded stream, in
 * column then repeat order, so the same seed gives the same figures.
 */
export async function permutationImportance(input: ImportanceInput): Promise<NonNullable<EvaluationReport['importance']>> {
  const { columns, rows, repeats, baseline, higherIsBetter, metric, signal, score } = input;
  if (!Number.isInteger(repeats) || repeats < 1) throw new WorkbenchError('invalid_input', `Permutation importance needs at least 1 repeat, not ${repeats}.`, { field: 'repeats' });
  if (!Number.isInteger(rows) || rows < 1) throw new WorkbenchError('training_bad_data', `Permutation importance needs rows to shuffle, not ${rows}.`, { field: 'rows' });
  if (!Number.isFinite(baseline)) throw new WorkbenchError('invalid_input', `The baseline ${metric} is not a number.`, { field: 'baseline' });
  const random = seededRandom(input.seed);
  const result: NonNullable<EvaluationReport['importance']> = { metric, columns: [] };
  for (const column of columns) {
    const drops: number[] = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      if (signal?.aborted) throw new WorkbenchError('cancelled', 'Permutation importance was cancelled.');
      const permutation = randomPermutation(rows, random);
      const permuted = await score(column, permutation);
      if (!Number.isFinite(permuted)) {
        throw new WorkbenchError('training_diverged', `The ${metric} with ${column} shuffled is not a number.`, { column });
      }
      drops.push(higherIsBetter ? baseline - permuted : permuted - baseline);
    }
    const mean = drops.reduce((sum, drop) => sum + drop, 0) / repeats;
    const variance = drops.reduce((sum, drop) => sum + (drop - mean) ** 2, 0) / repeats;
    result.columns.push({ column, mean, std: Math.sqrt(variance) });
  }
  return result;
}
