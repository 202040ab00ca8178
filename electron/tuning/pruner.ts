/**
 * Median pruning, as Optuna's MedianPruner: a trial stops when the best value
 * it has reported so far is worse than the median of the completed trials'
 * values at the same step.
 */

/** Completed trials needed before anything is pruned. */
export const pruningStartupTrials = 3;
/** A trial's first report never prunes it: the first epoch says little. */
export const pruningWarmupReports = 1;

export function shouldPrune(options: {
  direction: 'maximize' | 'minimize';
  step: number;
  /** The trial's reports so far, this one included. */
  reports: ReadonlyMap<number, number>;
  /** The completed trials' reports. */
  completed: readonly ReadonlyMap<number, number>[];
}): boolean {
  const { direction, step, reports, completed } = options;
  const current = reports.get(step);
  if (current === undefined || Number.isNaN(current)) return true;
  if (completed.length < pruningStartupTrials || reports.size <= pruningWarmupReports) return false;
  const atStep = completed.flatMap((r) => {
    const value = r.get(step);
    return value === undefined || Number.isNaN(value) ? [] : [value];
  });
  if (atStep.length === 0) return false;
  const values = [...reports.values()].filter((v) => !Number.isNaN(v));
  const best = direction === 'maximize' ? Math.max(...values) : Math.min(...values);
  const middle = median(atStep);
  return direction === 'maximize' ? best < middle : best > middle;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const upper = sorted[sorted.length >> 1] ?? NaN;
  const lower = sorted[(sorted.length - 1) >> 1] ?? NaN;
  return (lower + upper) / 2;
}
