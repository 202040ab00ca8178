import type { ColumnDrift } from '../../../shared/contract/monitoring';
import type { Counts } from './queries';

/** Counts to shares of the side's non-missing values. */
export function shares(counts: readonly number[], total: number): number[] {
  return counts.map((count) => (total ? count / total : 0));
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

/** Labels of equal-width bins from `low` to `high`, the last one closed as in numpy. */
export function numericHistogramLabels(low: number, high: number, bins: number): string[] {
  const width = (high - low) / bins;
  return Array.from({ length: bins }, (_, i) => {
    const from = low + i * width;
    const to = i === bins - 1 ? high : low + (i + 1) * width;
    return `[${format(from)}, ${format(to)}${i === bins - 1 ? ']' : ')'}`;
  });
}

/**
 * Side-by-side shares per value; beyond `maxBins` the most frequent values
 * (both sides together) keep their own bar and the rest share an "other" bar.
 */
export function categoricalHistogram(counts: Counts, nRef: number, nCur: number, maxBins: number): ColumnDrift['histogram'] {
  const order = counts.keys.map((_, i) => i);
  if (order.length <= maxBins) {
    return { bins: counts.keys, reference: shares(counts.reference, nRef), current: shares(counts.current, nCur) };
  }
  order.sort((a, b) => (counts.reference[b] ?? 0) / nRef + (counts.current[b] ?? 0) / nCur - ((counts.reference[a] ?? 0) / nRef + (counts.current[a] ?? 0) / nCur));
  const kept = order.slice(0, maxBins - 1);
  const rest = order.slice(maxBins - 1);
  const restSum = (side: number[]): number => rest.reduce((total, i) => total + (side[i] ?? 0), 0);
  return {
    bins: [...kept.map((i) => counts.keys[i] ?? ''), `other (${rest.length} values)`],
    reference: shares([...kept.map((i) => (counts.reference[i] ?? 0)), restSum(counts.reference)], nRef),
    current: shares([...kept.map((i) => (counts.current[i] ?? 0)), restSum(counts.current)], nCur),
  };
}
