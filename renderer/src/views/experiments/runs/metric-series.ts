import type { MetricPoint } from '../../../../../shared/contract';

export type MetricHistory = Record<string, MetricPoint[]>;
export type KeyedPoint = MetricPoint & { key: string };

const SPLIT_PREFIX = /^(val|valid|validation|train|training|test|eval)[_./-]/i;

/** The metric without its split prefix: `val_loss`, `train_loss` and `loss` are one family, drawn on one chart. */
export function metricFamily(key: string): string {
  const stripped = key.replace(SPLIT_PREFIX, '');
  return stripped === '' ? key : stripped;
}

export interface MetricFamily {
  family: string;
  /** The family's metrics: the unprefixed (training) one first. */
  keys: string[];
}

/** One chart per family, `loss` first, then by name. */
export function groupFamilies(keys: readonly string[]): MetricFamily[] {
  const byFamily = new Map<string, string[]>();
  for (const key of keys) {
    const family = metricFamily(key);
    byFamily.set(family, [...(byFamily.get(family) ?? []), key]);
  }
  const rank = (family: string): number => (family === 'loss' ? 0 : 1);
  return [...byFamily.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([family, members]) => ({ family, keys: members.sort((a, b) => Number(a !== family) - Number(b !== family) || a.localeCompare(b)) }));
}

const byStep = (a: MetricPoint, b: MetricPoint): number => a.step - b.step || a.timestamp - b.timestamp;

/**
 * The history with new points added in step order. A point already held (same
 * step and time, as when an event overlaps the first read) is not added twice.
 */
export function appendPoints(history: MetricHistory, points: readonly KeyedPoint[]): MetricHistory {
  if (points.length === 0) return history;
  const next: MetricHistory = { ...history };
  for (const { key, step, value, timestamp } of points) {
    const series = next[key] === history[key] ? [...(history[key] ?? [])] : (next[key] ?? []);
    if (!series.some((point) => point.step === step && point.timestamp === timestamp)) {
      const last = series.at(-1);
      series.push({ step, value, timestamp });
      if (last && byStep(last, { step, value, timestamp }) > 0) series.sort(byStep);
    }
    next[key] = series;
  }
  return next;
}

/** Families worth a chart: some metric in them has two steps or more (a single final figure is in the table). */
export function chartedFamilies(history: MetricHistory): MetricFamily[] {
  const stepped = Object.keys(history).filter((key) => (history[key]?.length ?? 0) > 1);
  return groupFamilies(stepped.length === 0 ? [] : Object.keys(history)).filter((family) => family.keys.some((key) => stepped.includes(key)));
}

/** A line per metric, step on x. */
export function lineTraces(history: MetricHistory, keys: readonly string[]): { x: number[]; y: number[]; name: string; mode: string; type: string }[] {
  return keys.map((key) => {
    const points = history[key] ?? [];
    return { x: points.map((point) => point.step), y: points.map((point) => point.value), name: key, mode: points.length > 50 ? 'lines' : 'lines+markers', type: 'scatter' };
  });
}
