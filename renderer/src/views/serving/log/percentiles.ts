/**
 * Percentiles for the latency chart, interpolated between the nearest ranks
 * as numpy's default (`linear`) does: q=0.5 of [1, 2, 3, 4] is 2.5.
 */
export function percentile(sortedAscending: readonly number[], q: number): number {
  const n = sortedAscending.length;
  if (n === 0) return Number.NaN;
  const position = Math.min(Math.max(q, 0), 1) * (n - 1);
  const below = Math.floor(position);
  const low = sortedAscending[below] ?? Number.NaN;
  const high = sortedAscending[Math.min(below + 1, n - 1)] ?? low;
  return low + (high - low) * (position - below);
}

/** Where `value` goes in an ascending array, by binary search. */
function insertionIndex(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For each position i, the percentiles `qs` of values[i - window + 1 .. i]
 * (fewer at the start): a rolling p50 / p99 line over the recent requests.
 * Keeps the window sorted as it slides, so a long log stays cheap.
 */
export function rollingPercentiles(values: readonly number[], window: number, qs: readonly number[]): number[][] {
  const size = Math.max(1, Math.floor(window));
  const lines = qs.map(() => new Array<number>(values.length));
  const sorted: number[] = [];
  values.forEach((value, i) => {
    sorted.splice(insertionIndex(sorted, value), 0, value);
    if (i >= size) {
      const leaving = values[i - size] ?? 0;
      sorted.splice(insertionIndex(sorted, leaving), 1);
    }
    qs.forEach((q, k) => {
      const line = lines[k];
      if (line) line[i] = percentile(sorted, q);
    });
  });
  return lines;
}
