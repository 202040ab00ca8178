import type { MetricPoint } from '../../../../../shared/contract';

/** How a metric's history becomes one figure per run. */
export type Aggregate = { mode: 'last' } | { mode: 'min' } | { mode: 'max' } | { mode: 'step'; step: number };

/**
 * The figure for a run: the value at its highest step (the latest logged, if
 * several share it), the least, the greatest, or the value at exactly the
 * given step (null when the run logged none there).
 */
export function aggregate(points: readonly MetricPoint[] | undefined, how: Aggregate): number | null {
  if (!points || points.length === 0) return null;
  switch (how.mode) {
    case 'min':
      return points.reduce((least, point) => Math.min(least, point.value), Infinity);
    case 'max':
      return points.reduce((most, point) => Math.max(most, point.value), -Infinity);
    case 'last':
      return latest(points)?.value ?? null;
    case 'step':
      return latest(points.filter((point) => point.step === how.step))?.value ?? null;
  }
}

function latest(points: readonly MetricPoint[]): MetricPoint | undefined {
  let best: MetricPoint | undefined;
  for (const point of points) {
    if (!best || point.step > best.step || (point.step === best.step && point.timestamp >= best.timestamp)) best = point;
  }
  return best;
}

const LOWER_IS_BETTER = /(loss|error|rmse|mse|mae|mape|deviance|time|duration)/i;

/** Whether the least or the greatest value of a metric is best, guessed from its name. */
export function betterDirection(metric: string): 'min' | 'max' {
  return LOWER_IS_BETTER.test(metric) ? 'min' : 'max';
}

/** The positions of the best value (ties all count); none when fewer than two runs have a value. */
export function bestPositions(values: readonly (number | null)[], direction: 'min' | 'max'): Set<number> {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (present.length < 2) return new Set();
  const best = direction === 'min' ? Math.min(...present) : Math.max(...present);
  return new Set(values.flatMap((value, index) => (value === best ? [index] : [])));
}

/** Every step any run logged for the metric, ascending: the choices for "at step". */
export function loggedSteps(histories: readonly (readonly MetricPoint[] | undefined)[]): number[] {
  const steps = new Set<number>();
  for (const points of histories) for (const point of points ?? []) steps.add(point.step);
  return [...steps].sort((a, b) => a - b);
}
