import type { EvaluationReport, TaskKind } from '../../shared/contract';
import { classificationMetrics, permutationImportance, primaryMetric, regressionMetrics } from '../evaluation';
import type { Trainer } from './engine';
import { transformFrame, type FittedPipeline, type Frame, type FrameColumn } from './pipeline';

/** Test-split figures of a model's output, by task. */
export function metricsOf(task: TaskKind, yTrue: Float32Array, output: Float32Array, classes: number): Record<string, number> {
  return task === 'regression' ? regressionMetrics(yTrue, output) : classificationMetrics(yTrue, output, classes);
}

/** A copy of the frame in which one column's values are shuffled among the given rows. */
function shuffled(frame: Frame, name: string, rows: Int32Array, permutation: Int32Array): Frame {
  const columns = frame.columns.map((column): FrameColumn => {
    if (column.name !== name) return column;
    if (column.kind === 'number') {
      const values = column.values.slice();
      rows.forEach((row, i) => (values[row] = column.values[rows[permutation[i] ?? i] ?? row] ?? Number.NaN));
      return { ...column, values };
    }
    const values = column.values.slice();
    rows.forEach((row, i) => (values[row] = column.values[rows[permutation[i] ?? i] ?? row] ?? null));
    return { ...column, values };
  });
  return { rows: frame.rows, columns };
}

/** Permutation importance of each input column on the test rows: how much the main metric drops when it is shuffled. */
export async function importanceOf(input: {
  trainer: Trainer;
  fitted: FittedPipeline;
  frame: Frame;
  rows: Int32Array;
  yTrue: Float32Array;
  classes: number;
  task: TaskKind;
  seed: number;
  signal: AbortSignal;
}): Promise<NonNullable<EvaluationReport['importance']>> {
  const { name, higherIsBetter } = primaryMetric(input.task);
  const score = async (frame: Frame): Promise<number> => {
    const { x } = transformFrame(input.fitted, frame, input.rows);
    const output = await input.trainer.predict(x, input.rows.length);
    return metricsOf(input.task, input.yTrue, output, input.classes)[name] ?? Number.NaN;
  };
  return permutationImportance({
    columns: input.fitted.inputColumns,
    rows: input.rows.length,
    repeats: 5,
    seed: input.seed,
    baseline: await score(input.frame),
    higherIsBetter,
    metric: name,
    signal: input.signal,
    score: (column, permutation) => score(shuffled(input.frame, column, input.rows, permutation)),
  });
}
