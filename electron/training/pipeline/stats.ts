/** Statistics as numpy and scikit-learn compute them, on values without NaN. */

export function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Population variance (ddof 0), two-pass for accuracy. */
export function variance(values: Float64Array, center: number): number {
  let sum = 0;
  for (const v of values) sum += (v - center) * (v - center);
  return sum / values.length;
}

export function sorted(values: Float64Array): Float64Array {
  return Float64Array.from(values).sort();
}

/** numpy's default (`linear`) percentile of sorted values, q in 0..1. */
export function quantileSorted(ascending: Float64Array, q: number): number {
  const position = (ascending.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(low + 1, ascending.length - 1);
  const a = ascending[low] ?? NaN;
  const b = ascending[high] ?? NaN;
  const t = position - low;
  // numpy's _lerp: exact at both ends.
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

export function median(values: Float64Array): number {
  return quantileSorted(sorted(values), 0.5);
}

/** The most frequent value; ties go to the smallest, as scikit-learn's SimpleImputer does. */
export function mostFrequent<T extends number | string>(values: Iterable<T>): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/** numpy.linspace(start, stop, count). */
export function linspace(start: number, stop: number, count: number): number[] {
  const step = (stop - start) / (count - 1);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? stop : start + i * step));
}

/** Number of sorted `edges` at or below `value` (numpy.searchsorted side='right'). */
export function searchRight(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((edges[mid] ?? Infinity) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Python's string order (code points; UTF-16 units differ only past the BMP), never the locale's. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
