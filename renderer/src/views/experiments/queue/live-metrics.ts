import type { MetricPoint } from '../../../../../shared/contract';

/** A run's metric histories by key, each sorted by step. */
export type MetricSeries = Readonly<Record<string, readonly MetricPoint[]>>;

/**
 * Adds points to the histories. A step already there is replaced, not
 * repeated: the history read on opening and the live events overlap.
 */
export function mergePoints(series: MetricSeries, points: readonly (MetricPoint & { key: string })[]): MetricSeries {
  if (points.length === 0) return series;
  const next: Record<string, MetricPoint[]> = {};
  const touched = new Set(points.map((p) => p.key));
  for (const [key, list] of Object.entries(series)) next[key] = touched.has(key) ? [...list] : (list as MetricPoint[]);
  for (const { key, ...point } of points) {
    const list = (next[key] ??= []);
    const last = list.at(-1);
    if (!last || last.step < point.step) {
      list.push(point);
      continue;
    }
    const at = list.findIndex((p) => p.step >= point.step);
    if (list[at]?.step === point.step) list[at] = point;
    else list.splice(at, 0, point);
  }
  return next;
}

export function mergeHistory(series: MetricSeries, history: Readonly<Record<string, readonly MetricPoint[]>>): MetricSeries {
  return mergePoints(
    series,
    Object.entries(history).flatMap(([key, points]) => points.map((p) => ({ ...p, key }))),
  );
}

/** Training-time curves: the loss on both splits and the other validation metrics. */
export function isCurve(key: string): boolean {
  return key === 'loss' || key.startsWith('val_') || key.startsWith('train_');
}

/** The latest value of each curve, loss first, as "loss 0.4120 · val_loss 0.4301". */
export function latestFigures(series: MetricSeries, limit = 4): string {
  const keys = Object.keys(series)
    .filter(isCurve)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return keys
    .slice(0, limit)
    .map((key) => {
      const last = series[key]?.at(-1);
      return last ? `${key} ${formatMetric(last.value)}` : '';
    })
    .filter(Boolean)
    .join(' · ');
}

/** Loss first, then the metric a model is usually judged by, then the rest by name. */
const headline = ['loss', 'val_loss', 'val_roc_auc', 'val_rmse', 'val_accuracy', 'val_r2'];
const rank = (key: string): number => {
  const at = headline.indexOf(key);
  return at < 0 ? headline.length : at;
};

/** The last step logged, for "epoch 3" when the backend's progress message says nothing. */
export function lastStep(series: MetricSeries): number | null {
  const steps = Object.entries(series)
    .filter(([key]) => isCurve(key))
    .map(([, points]) => points.at(-1)?.step ?? -1);
  const max = Math.max(-1, ...steps);
  return max < 0 ? null : max;
}

export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6) ? value.toExponential(3) : value.toFixed(4);
}

/** A finished run's headline figures: the test metrics (not the per-epoch curves), at most `limit`. */
export function resultFigures(metrics: Readonly<Record<string, number>>, limit = 4): string {
  const preferred = ['roc_auc', 'accuracy', 'f1', 'log_loss', 'rmse', 'mae', 'r2'];
  const keys = Object.keys(metrics)
    .filter((key) => !isCurve(key))
    .sort((a, b) => order(preferred, a) - order(preferred, b) || a.localeCompare(b));
  return keys
    .slice(0, limit)
    .map((key) => `${key} ${formatMetric(metrics[key] ?? Number.NaN)}`)
    .join(' · ');
}

function order(preferred: readonly string[], key: string): number {
  const bare = key.replace(/^test_/, '');
  const at = preferred.indexOf(bare);
  return at < 0 ? preferred.length : at;
}
